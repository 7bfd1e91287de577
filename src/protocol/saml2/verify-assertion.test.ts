/**
 * The SAML 2.0 strict verifier: the same rules as SAML 1.1 (one enveloped signature over the root,
 * registered keys only, claims re-read from the signed reference), plus the Signature-after-Issuer
 * position of the SAML 2.0 schema.
 */
import { readFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { describe, expect, it } from 'vitest';
import { NS } from '../xml/namespaces.ts';
import { firstChild, parseXml, serializeXml } from '../xml/parse-xml.ts';
import { buildAssertion, NAMEID_PERSISTENT } from './build-assertion.ts';
import { signAssertion } from './sign-assertion.ts';
import type { Saml2AssertionInput } from './types.ts';
import { verifyAssertion, type VerifyFailure, type VerifyResult } from './verify-assertion.ts';

const pem = (name: string) =>
  readFileSync(new URL(`../../../certs/${name}`, import.meta.url), 'utf8');
const IDP_KEY = pem('idp-signing.key');
const IDP_CRT = pem('idp-signing.crt');
const NEXT_KEY = pem('idp-signing-next.key');
const NEXT_CRT = pem('idp-signing-next.crt');
const ATTACKER_KEY = pem('attacker-signing.key');
const ATTACKER_CRT = pem('attacker-signing.crt');

const T0 = new Date('2025-07-10T17:22:13.000Z');
const ID = '_3f0817b9-ca17-4714-ab81-f7b5943dec7b';
const SID = 'S-1-5-21-1004336348-1177238915-682003330-1105';
const EVIL_SID = 'S-1-5-21-666666666-666666666-666666666-500';
const PRIMARYSID = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/primarysid';

const input: Saml2AssertionInput = {
  id: ID,
  issuer: 'https://sso.example.com/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
  issueInstant: T0,
  nameId: { value: 'uRcIPxfKFEergfe1lD3sew==', format: NAMEID_PERSISTENT },
  subjectConfirmation: { notOnOrAfter: new Date(T0.getTime() + 300_000) },
  notBefore: T0,
  notOnOrAfter: new Date(T0.getTime() + 3_600_000),
  audiences: ['urn:federation:MicrosoftOnline'],
  attributes: [
    { name: 'http://schemas.microsoft.com/ws/2012/01/accounttype', values: ['DJ'] },
    { name: PRIMARYSID, values: [SID] },
  ],
  authnInstant: T0,
  authnContextClassRef: 'urn:federation:authentication:windows',
};
const unsigned = buildAssertion(input);
const signed = signAssertion(unsigned, IDP_KEY, IDP_CRT);

function expectFailure(result: VerifyResult, failure: VerifyFailure): string {
  expect(result).toMatchObject({ ok: false, failure });
  return result.ok ? '' : result.detail;
}

function edit(xml: string, change: (doc: Document, root: Element) => void): string {
  const doc = parseXml(xml, 'test');
  change(doc, doc.documentElement);
  return serializeXml(doc);
}

const signatureOf = (root: Element) => firstChild(root, NS.ds, 'Signature')!;

describe('SAML 2.0 verifyAssertion: build → sign → verify', () => {
  it('places the signature right after Issuer and returns the signed claims', () => {
    expect(signed).toMatch(/<\/Issuer><ds:Signature /);
    const r = verifyAssertion(signed, [IDP_CRT]);
    expect(r).toMatchObject({ ok: true, certificateIndex: 0 });
    if (!r.ok) return;
    expect(r.assertion.issuer).toBe(input.issuer);
    expect(r.assertion.nameId).toEqual({
      value: 'uRcIPxfKFEergfe1lD3sew==',
      format: NAMEID_PERSISTENT,
    });
    expect(r.assertion.attributes).toContainEqual({ name: PRIMARYSID, values: [SID] });
  });

  it('verifies under plain xml-crypto (nothing of ours)', () => {
    const doc = new DOMParser().parseFromString(signed, 'text/xml');
    // xml-crypto resolves ID by default; naming it again makes every ID look duplicated.
    const verifier = new SignedXml({ publicCert: IDP_CRT });
    verifier.loadSignature(doc.getElementsByTagNameNS(NS.ds, 'Signature')[0]!);
    expect(verifier.checkSignature(signed)).toBe(true);
  });

  it('the second trusted certificate → certificateIndex 1 (rollover)', () => {
    const next = signAssertion(unsigned, NEXT_KEY, NEXT_CRT);
    expect(verifyAssertion(next, [IDP_CRT, NEXT_CRT])).toMatchObject({
      ok: true,
      certificateIndex: 1,
    });
  });

  it('a value changed after signing → signature-invalid', () => {
    expectFailure(verifyAssertion(signed.replace(SID, EVIL_SID), [IDP_CRT]), 'signature-invalid');
  });

  it('an attacker-signed token with its certificate in KeyInfo → key-not-registered', () => {
    const attacker = signAssertion(unsigned, ATTACKER_KEY, ATTACKER_CRT);
    expect(expectFailure(verifyAssertion(attacker, [IDP_CRT]), 'key-not-registered')).toMatch(
      /thumbprint [0-9A-F]{40}/,
    );
  });

  it('rsa-sha1 → algorithm-not-allowed, unless allowSha1', () => {
    const sha1 = signAssertion(unsigned, IDP_KEY, IDP_CRT, {
      signatureAlgorithm: 'rsa-sha1',
      digestAlgorithm: 'sha1',
    });
    expectFailure(verifyAssertion(sha1, [IDP_CRT]), 'algorithm-not-allowed');
    expect(verifyAssertion(sha1, [IDP_CRT], { allowSha1: true }).ok).toBe(true);
  });
});

describe('SAML 2.0 verifyAssertion: input that is not a signed SAML 2.0 assertion', () => {
  it('unsigned → not-signed; DTD → dtd', () => {
    expectFailure(verifyAssertion(unsigned, [IDP_CRT]), 'not-signed');
    expectFailure(verifyAssertion(`<!DOCTYPE x [<!ENTITY e "DJ">]>${signed}`, [IDP_CRT]), 'dtd');
  });

  it.each([
    ['empty', ''],
    ['truncated', signed.slice(0, -20)],
    ['not a string', undefined as unknown as string],
  ])('%s → malformed, never a throw', (_label, xml) => {
    expectFailure(verifyAssertion(xml, [IDP_CRT]), 'malformed');
  });

  it('a SAML 1.1 root → not-an-assertion naming both elements', () => {
    const saml11 = `<saml:Assertion xmlns:saml="${NS.saml11}" MajorVersion="1" AssertionID="_x"/>`;
    expect(expectFailure(verifyAssertion(saml11, [IDP_CRT]), 'not-an-assertion')).toBe(
      `Expected element is (Assertion, ${NS.saml2}) the actual element is (Assertion, ${NS.saml11})`,
    );
  });

  it('Version other than 2.0 → not-an-assertion', () => {
    const v1 = signAssertion(unsigned.replace('Version="2.0"', 'Version="1.0"'), IDP_KEY, IDP_CRT);
    expectFailure(verifyAssertion(v1, [IDP_CRT]), 'not-an-assertion');
  });

  it('a signature that does not follow the Issuer → malformed', () => {
    const moved = edit(signed, (_doc, root) => {
      const signature = signatureOf(root);
      root.removeChild(signature);
      root.appendChild(signature);
    });
    expect(expectFailure(verifyAssertion(moved, [IDP_CRT]), 'malformed')).toMatch(
      /immediately follow the Issuer/,
    );
  });
});

describe('SAML 2.0 verifyAssertion: signature wrapping (no evil claim may leak)', () => {
  const evil = buildAssertion({
    ...input,
    id: '_evil',
    attributes: [{ name: PRIMARYSID, values: [EVIL_SID] }],
  });

  function expectNoLeak(xml: string): void {
    const r = verifyAssertion(xml, [IDP_CRT]);
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('666666666');
  }

  /** Advice sits after Conditions in SAML 2.0. */
  function adviceHolding(doc: Document, root: Element, node: Node): void {
    const advice = doc.createElementNS(NS.saml2, 'Advice');
    advice.appendChild(doc.importNode(node, true));
    root.insertBefore(advice, firstChild(root, NS.saml2, 'Conditions')!.nextSibling);
  }

  it('XSW: the signed assertion hidden in the Advice of an evil root', () => {
    const original = parseXml(signed, 'test').documentElement;
    expectNoLeak(edit(evil, (doc, root) => adviceHolding(doc, root, original)));
  });

  it('XSW: the signature moved onto an evil root → wrapping (Reference URI)', () => {
    const original = parseXml(signed, 'test').documentElement;
    const signature = signatureOf(original);
    original.removeChild(signature);
    const xml = edit(evil, (doc, root) => {
      adviceHolding(doc, root, original);
      root.insertBefore(doc.importNode(signature, true), firstChild(root, NS.saml2, 'Subject')!);
    });
    expect(expectFailure(verifyAssertion(xml, [IDP_CRT]), 'wrapping')).toMatch(/Reference URI/);
    expectNoLeak(xml);
  });

  it('XSW: an evil assertion reusing the signed ID → wrapping (ID twice)', () => {
    const evilSameId = parseXml(
      buildAssertion({ ...input, attributes: [{ name: PRIMARYSID, values: [EVIL_SID] }] }),
      'test',
    ).documentElement;
    const xml = edit(signed, (doc, root) => adviceHolding(doc, root, evilSameId));
    expect(expectFailure(verifyAssertion(xml, [IDP_CRT]), 'wrapping')).toMatch(/more than once/);
    expectNoLeak(xml);
  });
});
