/**
 * The direct signer (src/protocol/xmldsig/sign-enveloped.ts) must write exactly the bytes
 * xml-crypto's computeSignature writes for the same input, key and options, for SAML 1.1 (last
 * child) and SAML 2.0 (after Issuer) placements, over generated claim values (markup characters,
 * carriage returns, tabs, non-ASCII), both algorithm sets, and with and without KeyInfo.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLAIM } from '../../src/protocol/claims/claim-types.ts';
import { NS } from '../../src/protocol/xml/namespaces.ts';
import { buildAssertion } from '../../src/protocol/saml11/build-assertion.ts';
import { buildAssertion as buildSaml2Assertion } from '../../src/protocol/saml2/build-assertion.ts';
import {
  bareCertificate,
  signDirect,
  signEnveloped,
  signingKeyOf,
  signWithXmlCrypto,
  type SignaturePlacement,
  type SignEnvelopedOptions,
} from '../../src/protocol/xmldsig/sign-enveloped.ts';
import { deviceAssertion2Input, deviceAssertionInput, key, pem } from '../support/entra-fixture.ts';

const PRIVATE = signingKeyOf(key('idp-signing.key'));
const CERT = bareCertificate(pem('idp-signing.crt'));
const SAML11: SignaturePlacement = {
  idAttribute: 'AssertionID',
  reference: '/*',
  action: 'append',
};
const SAML2: SignaturePlacement = {
  idAttribute: 'ID',
  reference: `/*/*[local-name(.)='Issuer' and namespace-uri(.)='${NS.saml2}']`,
  action: 'after',
  afterChild: { namespace: NS.saml2, localName: 'Issuer' },
};

const OPTIONS: readonly SignEnvelopedOptions[] = [
  {},
  { includeKeyInfo: false },
  { signatureAlgorithm: 'rsa-sha1', digestAlgorithm: 'sha1' },
  // AD FS 2016+: <Signature xmlns="http://www.w3.org/2000/09/xmldsig#"> [AADIBLOG]
  { signaturePrefix: 'none' },
];

/** Both ways, byte for byte; the direct path must have taken the input. */
function sameBytes(xml: string, placement: SignaturePlacement, opts: SignEnvelopedOptions) {
  const direct = signDirect(xml, PRIVATE, CERT, placement, opts);
  expect(direct, 'the direct path takes this input').toBeTypeOf('string');
  expect(direct).toBe(signWithXmlCrypto(xml, PRIVATE, CERT, placement, opts));
  expect(signEnveloped(xml, PRIVATE, pem('idp-signing.crt'), placement, opts)).toBe(direct);
}

const claimValue = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    '0',
    '&',
    '<',
    '>',
    '"',
    "'",
    '\r',
    '\n',
    '\t',
    ' ',
    'é',
    '€',
    '𝄞',
  ),
  maxLength: 24,
});

describe('signers: the direct path writes what xml-crypto writes', () => {
  it('SAML 1.1 and 2.0 device assertions, every option set', () => {
    for (const opts of OPTIONS) {
      sameBytes(buildAssertion(deviceAssertionInput()), SAML11, opts);
      sameBytes(buildSaml2Assertion(deviceAssertion2Input()), SAML2, opts);
    }
  });

  it('generated claim values (markup, line ends, non-ASCII)', () => {
    fc.assert(
      fc.property(claimValue, claimValue, (accountType, sid) => {
        const input = deviceAssertionInput({
          attributes: [
            { ...CLAIM.accounttype, values: [accountType] },
            { ...CLAIM.primarysid, values: [sid] },
          ],
        });
        sameBytes(buildAssertion(input), SAML11, {});
      }),
      { numRuns: 150, seed: 20261122 },
    );
  });

  it('leaves ids that need escaping, and other placements, to xml-crypto', () => {
    const plain = buildAssertion(deviceAssertionInput());
    // Not an id our builders make (they refuse non-NCNames); one a caller may hand in.
    const odd = plain.replace(/AssertionID="[^"]+"/, 'AssertionID="_a&amp;b"');
    expect(odd).not.toBe(plain);
    expect(signDirect(odd, PRIVATE, CERT, SAML11, {})).toBeUndefined();
    expect(signEnveloped(odd, PRIVATE, pem('idp-signing.crt'), SAML11)).toBe(
      signWithXmlCrypto(odd, PRIVATE, CERT, SAML11, {}),
    );
    const first = { ...SAML11, action: 'prepend' as const };
    expect(signDirect(plain, PRIVATE, CERT, first, {})).toBeUndefined();
  });
});

describe('signers: the unprefixed Signature of AD FS 2016+', () => {
  it('writes <Signature xmlns=…> with unprefixed children, and it verifies', async () => {
    const xml = signEnveloped(
      buildAssertion(deviceAssertionInput()),
      PRIVATE,
      pem('idp-signing.crt'),
      SAML11,
      {
        signaturePrefix: 'none',
      },
    );
    expect(xml).toContain('<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>');
    expect(xml).not.toContain('ds:');
    const { verifyAssertion } = await import('../../src/protocol/saml11/verify-assertion.ts');
    expect(verifyAssertion(xml, [pem('idp-signing.crt')])).toMatchObject({ ok: true });
  });
});
