import { readFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { describe, expect, it } from 'vitest';
import {
  AUDIENCE_MICROSOFT_ONLINE,
  AUTHN_METHOD_WINDOWS,
  CLAIM,
  NAMEID_UNSPECIFIED,
} from '../claims/claim-types.ts';
import { uuidAsBase64Guid } from '../encoding/guid.ts';
import { ALG, NS } from '../xml/namespaces.ts';
import { childElements, firstChild, parseXml, serializeXml } from '../xml/parse-xml.ts';
import { buildAssertion } from './build-assertion.ts';
import { signAssertion } from './sign-assertion.ts';
import type { Saml11AssertionInput } from './types.ts';
import { verifyAssertion, type VerifyFailure, type VerifyResult } from './verify-assertion.ts';

const pem = (name: string) =>
  readFileSync(new URL(`../../../certs/${name}`, import.meta.url), 'utf8');
const IDP_KEY = pem('idp-signing.key');
const IDP_CRT = pem('idp-signing.crt');
const NEXT_KEY = pem('idp-signing-next.key');
const NEXT_CRT = pem('idp-signing-next.crt');
const ATTACKER_KEY = pem('attacker-signing.key');
const ATTACKER_CRT = pem('attacker-signing.crt');
const bare = (certPem: string) => certPem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');

const DEVICE_GUID = '3f0817b9-ca17-4714-ab81-f7b5943dec7b';
const DEVICE_SID = 'S-1-5-21-1004336348-1177238915-682003330-1105';
const EVIL_SID = 'S-1-5-21-666666666-666666666-666666666-500';
const T0 = new Date('2025-07-10T17:22:13.000Z');
const ID = `_${DEVICE_GUID}`;

const input: Saml11AssertionInput = {
  assertionId: ID,
  issuer: 'http://fs.example.com/adfs/services/trust/',
  issueInstant: T0,
  notBefore: T0,
  notOnOrAfter: new Date(T0.getTime() + 3_600_000),
  audiences: [AUDIENCE_MICROSOFT_ONLINE],
  nameIdentifier: { value: uuidAsBase64Guid(DEVICE_GUID), format: NAMEID_UNSPECIFIED },
  attributes: [
    { ...CLAIM.accounttype, values: ['DJ'] },
    { ...CLAIM.onpremobjectguid, values: [uuidAsBase64Guid(DEVICE_GUID)] },
    { ...CLAIM.primarysid, values: [DEVICE_SID] },
    { ...CLAIM.UPN, values: ['IMOK-HYJD <"&">', 'second value'] },
  ],
  authenticationMethod: AUTHN_METHOD_WINDOWS,
  authenticationInstant: T0,
};

const unsigned = buildAssertion(input);
const signed = signAssertion(unsigned, IDP_KEY, IDP_CRT);

function expectFailure(result: VerifyResult, failure: VerifyFailure): string {
  expect(result).toMatchObject({ ok: false, failure });
  return result.ok ? '' : result.detail;
}

/** An independently configured verifier: plain xml-crypto, nothing of ours. */
function plainXmlCryptoVerifies(xml: string, certPem: string): boolean {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const signature = doc.getElementsByTagNameNS(
    'http://www.w3.org/2000/09/xmldsig#',
    'Signature',
  )[0];
  if (!signature) return false;
  const verifier = new SignedXml({ publicCert: certPem, idAttribute: 'AssertionID' });
  verifier.loadSignature(signature);
  try {
    return verifier.checkSignature(xml);
  } catch {
    return false;
  }
}

/** Edits a document with the DOM and writes it back. */
function edit(xml: string, change: (doc: Document, root: Element) => void): string {
  const doc = parseXml(xml, 'test');
  change(doc, doc.documentElement);
  return serializeXml(doc);
}

const signatureOf = (root: Element) => firstChild(root, NS.ds, 'Signature')!;
const signedInfoOf = (root: Element) => firstChild(signatureOf(root), NS.ds, 'SignedInfo')!;
const referenceOf = (root: Element) => firstChild(signedInfoOf(root), NS.ds, 'Reference')!;

describe('verifyAssertion: build → sign → verify', () => {
  it('returns the claims, read back with their namespace/name split', () => {
    const r = verifyAssertion(signed, [IDP_CRT]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.certificateIndex).toBe(0);
    expect(r.assertion).toEqual({
      majorVersion: '1',
      minorVersion: '1',
      assertionId: ID,
      issuer: 'http://fs.example.com/adfs/services/trust/',
      issueInstant: '2025-07-10T17:22:13.000Z',
      notBefore: '2025-07-10T17:22:13.000Z',
      notOnOrAfter: '2025-07-10T18:22:13.000Z',
      audiences: ['urn:federation:MicrosoftOnline'],
      audienceRestrictions: [['urn:federation:MicrosoftOnline']],
      nameIdentifier: { value: 'uRcIPxfKFEergfe1lD3sew==', format: NAMEID_UNSPECIFIED },
      attributes: [
        {
          namespace: 'http://schemas.microsoft.com/ws/2012/01',
          name: 'accounttype',
          values: ['DJ'],
        },
        {
          namespace: 'http://schemas.microsoft.com/identity/claims',
          name: 'onpremobjectguid',
          values: ['uRcIPxfKFEergfe1lD3sew=='],
        },
        {
          namespace: 'http://schemas.microsoft.com/ws/2008/06/identity/claims',
          name: 'primarysid',
          values: [DEVICE_SID],
        },
        {
          namespace: 'http://schemas.xmlsoap.org/claims',
          name: 'UPN',
          values: ['IMOK-HYJD <"&">', 'second value'],
        },
      ],
      authenticationMethod: AUTHN_METHOD_WINDOWS,
    });
  });

  it('accepts the trusted certificate as bare base64 (Graph signingCertificate form)', () => {
    expect(verifyAssertion(signed, [bare(IDP_CRT)])).toMatchObject({
      ok: true,
      certificateIndex: 0,
    });
  });

  it('survives transport inside another document (exc-c14n)', () => {
    const rstr = `<t:RequestedSecurityToken xmlns:t="urn:t" xmlns:saml="urn:unrelated">${signed}</t:RequestedSecurityToken>`;
    const inner = serializeXml(childElements(parseXml(rstr, 'test').documentElement)[0]!);
    expect(verifyAssertion(inner, [IDP_CRT]).ok).toBe(true);
  });

  it('reads a value split by a comment in full (no comment truncation)', () => {
    const commented = signed.replace(
      `>${DEVICE_SID}<`,
      `>${DEVICE_SID.slice(0, 10)}<!--x-->${DEVICE_SID.slice(10)}<`,
    );
    expect(commented).not.toBe(signed);
    const r = verifyAssertion(commented, [IDP_CRT]);
    expect(r.ok && r.assertion.attributes.find((a) => a.name === 'primarysid')?.values).toEqual([
      DEVICE_SID,
    ]);
  });
});

describe('verifyAssertion against an independent xml-crypto verifier', () => {
  const tampered = signed.replace('>DJ<', '>XX<');

  it('the signed token verifies under plain xml-crypto', () => {
    expect(plainXmlCryptoVerifies(signed, IDP_CRT)).toBe(true);
  });

  it('a value changed after signing fails both', () => {
    expect(tampered).not.toBe(signed);
    expect(plainXmlCryptoVerifies(tampered, IDP_CRT)).toBe(false);
    expectFailure(verifyAssertion(tampered, [IDP_CRT]), 'signature-invalid');
  });

  it('a changed attribute namespace fails (the claim type is signed too)', () => {
    const moved = signed.replace(
      'AttributeNamespace="http://schemas.microsoft.com/ws/2012/01"',
      'AttributeNamespace="http://schemas.microsoft.com/ws/2012/01/"',
    );
    expect(moved).not.toBe(signed);
    expectFailure(verifyAssertion(moved, [IDP_CRT]), 'signature-invalid');
  });

  it('a changed SignatureValue fails', () => {
    const bad = edit(signed, (_doc, root) => {
      const value = firstChild(signatureOf(root), NS.ds, 'SignatureValue')!;
      const text = value.textContent!;
      value.textContent = (text.startsWith('A') ? 'B' : 'A') + text.slice(1);
    });
    expect(plainXmlCryptoVerifies(bad, IDP_CRT)).toBe(false);
    expectFailure(verifyAssertion(bad, [IDP_CRT]), 'signature-invalid');
  });
});

describe('verifyAssertion: keys', () => {
  it('an attacker-signed token with its certificate embedded → key-not-registered', () => {
    const evil = signAssertion(unsigned, ATTACKER_KEY, ATTACKER_CRT);
    const detail = expectFailure(verifyAssertion(evil, [IDP_CRT]), 'key-not-registered');
    expect(detail).toMatch(/thumbprint [0-9A-F]{40}/);
    expect(detail).toContain('CN=');
  });

  it('an attacker-signed token without KeyInfo → signature-invalid', () => {
    const evil = signAssertion(unsigned, ATTACKER_KEY, ATTACKER_CRT, { includeKeyInfo: false });
    expectFailure(verifyAssertion(evil, [IDP_CRT]), 'signature-invalid');
  });

  it('KeyInfo is never trusted: an attacker signature naming the trusted certificate fails', () => {
    const evil = signAssertion(unsigned, ATTACKER_KEY, IDP_CRT);
    expectFailure(verifyAssertion(evil, [IDP_CRT]), 'signature-invalid');
  });

  it('KeyInfo is never needed: a genuine signature naming another certificate verifies', () => {
    const genuine = signAssertion(unsigned, IDP_KEY, ATTACKER_CRT);
    expect(verifyAssertion(genuine, [IDP_CRT])).toMatchObject({ ok: true, certificateIndex: 0 });
  });

  it('the second of two trusted certificates → certificateIndex 1 (rollover)', () => {
    const next = signAssertion(unsigned, NEXT_KEY, NEXT_CRT);
    expect(verifyAssertion(next, [IDP_CRT, NEXT_CRT])).toMatchObject({
      ok: true,
      certificateIndex: 1,
    });
    expectFailure(verifyAssertion(next, [IDP_CRT]), 'key-not-registered');
  });

  it('skips an unreadable trusted certificate and says so', () => {
    expect(verifyAssertion(signed, ['garbage', IDP_CRT])).toMatchObject({
      ok: true,
      certificateIndex: 1,
    });
    const detail = expectFailure(
      verifyAssertion(signAssertion(unsigned, IDP_KEY, IDP_CRT, { includeKeyInfo: false }), [
        'garbage',
      ]),
      'signature-invalid',
    );
    expect(detail).toContain('trusted certificate 0 is not a readable certificate');
  });

  it('no trusted certificate at all', () => {
    expectFailure(verifyAssertion(signed, []), 'key-not-registered');
    const noKeyInfo = signAssertion(unsigned, IDP_KEY, IDP_CRT, { includeKeyInfo: false });
    expect(expectFailure(verifyAssertion(noKeyInfo, []), 'signature-invalid')).toMatch(
      /no trusted/,
    );
  });
});

describe('verifyAssertion: input that is not a signed SAML 1.1 assertion', () => {
  it('unsigned → not-signed', () => {
    expectFailure(verifyAssertion(unsigned, [IDP_CRT]), 'not-signed');
  });

  it('DOCTYPE → dtd', () => {
    expectFailure(verifyAssertion(`<!DOCTYPE x [<!ENTITY e "DJ">]>${signed}`, [IDP_CRT]), 'dtd');
  });

  it.each([
    ['empty', ''],
    ['not XML', 'PHNhbWw6QXNzZXJ0aW9u'],
    ['truncated', signed.slice(0, -20)],
    ['trailing garbage', `${signed}<x/>`],
    ['not a string', undefined as unknown as string],
  ])('%s → malformed, never a throw', (_label, xml) => {
    expectFailure(verifyAssertion(xml, [IDP_CRT]), 'malformed');
  });

  it('a SAML 2.0 Assertion root → not-an-assertion with Entra’s exact wording', () => {
    const saml2 =
      `<saml2:Assertion xmlns:saml2="${NS.saml2}" ID="_x" Version="2.0" IssueInstant="2025-07-10T17:22:13Z">` +
      '<saml2:Issuer>http://fs.example.com/adfs/services/trust/</saml2:Issuer></saml2:Assertion>';
    const detail = expectFailure(verifyAssertion(saml2, [IDP_CRT]), 'not-an-assertion');
    expect(detail).toBe(
      'Expected element is (Assertion, urn:oasis:names:tc:SAML:1.0:assertion) the actual element is ' +
        '(Assertion, urn:oasis:names:tc:SAML:2.0:assertion)',
    );
  });

  it('an RSTR root → not-an-assertion naming it', () => {
    const rstr = `<t:RequestSecurityTokenResponse xmlns:t="${NS.wst13}">${signed}</t:RequestSecurityTokenResponse>`;
    expect(expectFailure(verifyAssertion(rstr, [IDP_CRT]), 'not-an-assertion')).toBe(
      'Expected element is (Assertion, urn:oasis:names:tc:SAML:1.0:assertion) the actual element is ' +
        `(RequestSecurityTokenResponse, ${NS.wst13})`,
    );
  });

  it('a root in no namespace', () => {
    expect(expectFailure(verifyAssertion('<Assertion/>', [IDP_CRT]), 'not-an-assertion')).toMatch(
      /the actual element is \(Assertion, \)$/,
    );
  });

  it('MajorVersion other than 1 → not-an-assertion', () => {
    const v2 = signAssertion(
      unsigned.replace('MajorVersion="1"', 'MajorVersion="2"'),
      IDP_KEY,
      IDP_CRT,
    );
    expectFailure(verifyAssertion(v2, [IDP_CRT]), 'not-an-assertion');
  });

  it('a signed assertion without Issuer → malformed (shape errors of the signed content)', () => {
    const noIssuer = signAssertion(unsigned.replace(/ Issuer="[^"]*"/, ''), IDP_KEY, IDP_CRT);
    expect(expectFailure(verifyAssertion(noIssuer, [IDP_CRT]), 'malformed')).toMatch(/Issuer/);
  });
});

describe('verifyAssertion: algorithms', () => {
  const sha1 = signAssertion(unsigned, IDP_KEY, IDP_CRT, {
    signatureAlgorithm: 'rsa-sha1',
    digestAlgorithm: 'sha1',
  });

  it('rsa-sha1 → algorithm-not-allowed, unless allowSha1', () => {
    expectFailure(verifyAssertion(sha1, [IDP_CRT]), 'algorithm-not-allowed');
    expect(verifyAssertion(sha1, [IDP_CRT], { allowSha1: true })).toMatchObject({ ok: true });
  });

  it('an rsa-sha256 signature over a sha1 digest → algorithm-not-allowed, unless allowSha1', () => {
    const mixed = signAssertion(unsigned, IDP_KEY, IDP_CRT, { digestAlgorithm: 'sha1' });
    expect(expectFailure(verifyAssertion(mixed, [IDP_CRT]), 'algorithm-not-allowed')).toMatch(
      /digest/,
    );
    expect(verifyAssertion(mixed, [IDP_CRT], { allowSha1: true }).ok).toBe(true);
  });

  it.each([
    [
      'inclusive C14N canonicalization',
      (root: Element) =>
        firstChild(signedInfoOf(root), NS.ds, 'CanonicalizationMethod')!.setAttribute(
          'Algorithm',
          ALG.c14n,
        ),
    ],
    [
      'exc-c14n with comments',
      (root: Element) =>
        firstChild(signedInfoOf(root), NS.ds, 'CanonicalizationMethod')!.setAttribute(
          'Algorithm',
          ALG.excC14nWithComments,
        ),
    ],
    [
      'an XPath transform',
      (root: Element) =>
        childElements(firstChild(referenceOf(root), NS.ds, 'Transforms')!)[1]!.setAttribute(
          'Algorithm',
          'http://www.w3.org/TR/1999/REC-xpath-19991116',
        ),
    ],
    [
      'no final exc-c14n transform',
      (root: Element) => {
        const transforms = firstChild(referenceOf(root), NS.ds, 'Transforms')!;
        transforms.removeChild(childElements(transforms)[1]!);
      },
    ],
    [
      'HMAC',
      (root: Element) =>
        firstChild(signedInfoOf(root), NS.ds, 'SignatureMethod')!.setAttribute(
          'Algorithm',
          'http://www.w3.org/2000/09/xmldsig#hmac-sha1',
        ),
    ],
  ])('%s → algorithm-not-allowed', (_label, change) => {
    expectFailure(
      verifyAssertion(
        edit(signed, (_d, root) => change(root)),
        [IDP_CRT],
      ),
      'algorithm-not-allowed',
    );
  });
});

describe('verifyAssertion: signature wrapping (no evil claim may leak)', () => {
  const evilInput: Saml11AssertionInput = {
    ...input,
    assertionId: '_evil',
    attributes: [
      { ...CLAIM.accounttype, values: ['DJ'] },
      { ...CLAIM.primarysid, values: [EVIL_SID] },
    ],
  };

  function expectWrappingWithoutLeak(xml: string): void {
    const r = verifyAssertion(xml, [IDP_CRT]);
    expectFailure(r, 'wrapping');
    expect(JSON.stringify(r)).not.toContain('666666666');
    expect('assertion' in r).toBe(false);
  }

  /** `saml:Advice` sits right after Conditions in SAML 1.1. */
  function adviceHolding(doc: Document, root: Element, node: Node): void {
    const advice = doc.createElementNS(NS.saml11, 'saml:Advice');
    advice.appendChild(doc.importNode(node, true));
    root.insertBefore(advice, firstChild(root, NS.saml11, 'Conditions')!.nextSibling);
  }

  it('XSW: the signed assertion moved inside an evil root', () => {
    const original = parseXml(signed, 'test').documentElement;
    const xml = edit(buildAssertion(evilInput), (doc, root) => adviceHolding(doc, root, original));
    expectWrappingWithoutLeak(xml);
  });

  it('XSW: the signature moved onto an evil root, the signed assertion hidden in Advice', () => {
    const original = parseXml(signed, 'test').documentElement;
    const signature = signatureOf(original);
    original.removeChild(signature);
    const xml = edit(buildAssertion(evilInput), (doc, root) => {
      adviceHolding(doc, root, original);
      root.appendChild(doc.importNode(signature, true));
    });
    // A verifier that does not tie the reference to the root accepts this.
    expect(plainXmlCryptoVerifies(xml, IDP_CRT)).toBe(true);
    expect(expectFailure(verifyAssertion(xml, [IDP_CRT]), 'wrapping')).toMatch(/Reference URI/);
    expectWrappingWithoutLeak(xml);
  });

  it('XSW: an evil assertion carrying the same AssertionID as the signed one', () => {
    const original = parseXml(signed, 'test').documentElement;
    const signature = signatureOf(original);
    original.removeChild(signature);
    const xml = edit(buildAssertion({ ...evilInput, assertionId: ID }), (doc, root) => {
      adviceHolding(doc, root, original);
      root.appendChild(doc.importNode(signature, true));
    });
    expect(expectFailure(verifyAssertion(xml, [IDP_CRT]), 'wrapping')).toMatch(/more than once/);
    expectWrappingWithoutLeak(xml);
  });

  it('XSW: an evil second assertion with the same AssertionID inside the signed one', () => {
    const evil = parseXml(
      buildAssertion({ ...evilInput, assertionId: ID }),
      'test',
    ).documentElement;
    const xml = edit(signed, (doc, root) => adviceHolding(doc, root, evil));
    expectWrappingWithoutLeak(xml);
  });

  it('XSW: the signed copy hidden in a ds:Object of the evil root’s signature', () => {
    const original = parseXml(signed, 'test').documentElement;
    const xml = edit(buildAssertion(evilInput), (doc, root) => {
      const signature = doc.importNode(signatureOf(original), true) as Element;
      const object = doc.createElementNS(NS.ds, 'ds:Object');
      const copy = doc.importNode(original, true) as Element;
      copy.removeChild(signatureOf(copy));
      object.appendChild(copy);
      signature.appendChild(object);
      root.appendChild(signature);
    });
    expectWrappingWithoutLeak(xml);
  });

  it('an ID attribute of another spelling reusing the AssertionID', () => {
    const xml = edit(signed, (_doc, root) => {
      firstChild(root, NS.saml11, 'Conditions')!.setAttribute('ID', ID);
    });
    expectWrappingWithoutLeak(xml);
  });

  it('two signatures', () => {
    const xml = edit(signed, (doc, root) => {
      const authn = firstChild(root, NS.saml11, 'AuthenticationStatement')!;
      authn.appendChild(doc.importNode(signatureOf(root), true));
    });
    expectWrappingWithoutLeak(xml);
  });

  it('the only signature not a direct child of the root', () => {
    const xml = edit(signed, (_doc, root) => {
      const signature = signatureOf(root);
      root.removeChild(signature);
      firstChild(root, NS.saml11, 'AuthenticationStatement')!.appendChild(signature);
    });
    expectWrappingWithoutLeak(xml);
  });

  it('two references', () => {
    const xml = edit(signed, (_doc, root) => {
      signedInfoOf(root).appendChild(referenceOf(root).cloneNode(true));
    });
    expectWrappingWithoutLeak(xml);
  });

  it.each([
    ['an empty URI (whole document)', ''],
    ['another element', '#_other'],
  ])('a reference to %s', (_label, uri) => {
    const xml = edit(signed, (_doc, root) => referenceOf(root).setAttribute('URI', uri));
    expectWrappingWithoutLeak(xml);
  });
});
