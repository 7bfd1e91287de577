import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSimError, type SimErrorCode } from '../../core/errors.ts';
import { ALG, NS } from '../xml/namespaces.ts';
import { attributeOf, childElements, firstChild, parseXml, textOf } from '../xml/parse-xml.ts';
import { buildAssertion } from './build-assertion.ts';
import { signAssertion } from './sign-assertion.ts';

const pem = (name: string) =>
  readFileSync(new URL(`../../../certs/${name}`, import.meta.url), 'utf8');
const IDP_KEY = pem('idp-signing.key');
const IDP_CRT = pem('idp-signing.crt');
const T0 = new Date('2025-07-10T17:22:13.000Z');

const unsigned = buildAssertion({
  assertionId: '_3f0817b9-ca17-4714-ab81-f7b5943dec7b',
  issuer: 'http://fs.example.com/adfs/services/trust/',
  issueInstant: T0,
  notBefore: T0,
  notOnOrAfter: new Date(T0.getTime() + 3_600_000),
  audiences: ['urn:federation:MicrosoftOnline'],
  attributes: [
    { namespace: 'http://schemas.microsoft.com/ws/2012/01', name: 'accounttype', values: ['DJ'] },
  ],
  authenticationMethod: 'urn:federation:authentication:windows',
  authenticationInstant: T0,
});

function codeOf(fn: () => unknown): SimErrorCode | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return isSimError(e) ? e.code : undefined;
  }
}

function signatureParts(signed: string) {
  const root = parseXml(signed, 'test').documentElement;
  const children = childElements(root);
  const signature = children[children.length - 1]!;
  const signedInfo = firstChild(signature, NS.ds, 'SignedInfo')!;
  const reference = firstChild(signedInfo, NS.ds, 'Reference')!;
  return { root, signature, signedInfo, reference };
}

describe('signAssertion', () => {
  it('appends an enveloped ds:Signature as the last child, over #AssertionID, exc-c14n, RSA-SHA256/SHA-256', () => {
    const { signature, signedInfo, reference } = signatureParts(
      signAssertion(unsigned, IDP_KEY, IDP_CRT),
    );
    expect(signature.namespaceURI).toBe(NS.ds);
    expect(signature.localName).toBe('Signature');
    expect(attributeOf(reference, 'URI')).toBe('#_3f0817b9-ca17-4714-ab81-f7b5943dec7b');
    expect(attributeOf(firstChild(signedInfo, NS.ds, 'CanonicalizationMethod')!, 'Algorithm')).toBe(
      ALG.excC14n,
    );
    expect(attributeOf(firstChild(signedInfo, NS.ds, 'SignatureMethod')!, 'Algorithm')).toBe(
      ALG.rsaSha256,
    );
    const transforms = childElements(firstChild(reference, NS.ds, 'Transforms')!).map((t) =>
      attributeOf(t, 'Algorithm'),
    );
    expect(transforms).toEqual([ALG.envelopedSignature, ALG.excC14n]);
    expect(attributeOf(firstChild(reference, NS.ds, 'DigestMethod')!, 'Algorithm')).toBe(
      ALG.sha256,
    );
  });

  it('puts the bare base64 certificate in KeyInfo/X509Data/X509Certificate', () => {
    const { signature } = signatureParts(signAssertion(unsigned, IDP_KEY, IDP_CRT));
    const keyInfo = firstChild(signature, NS.ds, 'KeyInfo')!;
    const cert = firstChild(firstChild(keyInfo, NS.ds, 'X509Data')!, NS.ds, 'X509Certificate')!;
    const bare = IDP_CRT.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
    expect(textOf(cert)).toBe(bare);
  });

  it('leaves KeyInfo out when asked', () => {
    const { signature } = signatureParts(
      signAssertion(unsigned, IDP_KEY, IDP_CRT, { includeKeyInfo: false }),
    );
    expect(firstChild(signature, NS.ds, 'KeyInfo')).toBeUndefined();
  });

  it('can write the SHA-1 algorithms of old issuers', () => {
    const signed = signAssertion(unsigned, IDP_KEY, IDP_CRT, {
      signatureAlgorithm: 'rsa-sha1',
      digestAlgorithm: 'sha1',
    });
    const { signedInfo, reference } = signatureParts(signed);
    expect(attributeOf(firstChild(signedInfo, NS.ds, 'SignatureMethod')!, 'Algorithm')).toBe(
      ALG.rsaSha1,
    );
    expect(attributeOf(firstChild(reference, NS.ds, 'DigestMethod')!, 'Algorithm')).toBe(ALG.sha1);
  });

  it('accepts a KeyObject and is deterministic (RSA PKCS#1 v1.5)', () => {
    const a = signAssertion(unsigned, createPrivateKey(IDP_KEY), IDP_CRT);
    expect(a).toBe(signAssertion(unsigned, IDP_KEY, IDP_CRT));
  });

  it('refuses bad input with SimErrors', () => {
    expect(codeOf(() => signAssertion('<a/>', IDP_KEY, IDP_CRT))).toBe('ERR_XML_SHAPE');
    expect(
      codeOf(() => signAssertion(unsigned.replace(/ AssertionID="[^"]*"/, ''), IDP_KEY, IDP_CRT)),
    ).toBe('ERR_XML_SHAPE');
    expect(
      codeOf(() => signAssertion(signAssertion(unsigned, IDP_KEY, IDP_CRT), IDP_KEY, IDP_CRT)),
    ).toBe('ERR_XML_SHAPE');
    expect(codeOf(() => signAssertion('<a', IDP_KEY, IDP_CRT))).toBe('ERR_XML_MALFORMED');
    expect(codeOf(() => signAssertion(unsigned, 'not a key', IDP_CRT))).toBe('ERR_KEY_STORE');
    expect(codeOf(() => signAssertion(unsigned, IDP_CRT, IDP_CRT))).toBe('ERR_KEY_STORE');
    expect(codeOf(() => signAssertion(unsigned, IDP_KEY, 'not a certificate'))).toBe(
      'ERR_CERTIFICATE',
    );
  });
});
