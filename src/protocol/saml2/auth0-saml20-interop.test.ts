/**
 * Cross-check against an independent signer: SAML 2.0 tokens from auth0 `saml` 4.0.0 (its own
 * xml-crypto and xmldom, signature after Issuer, AttributeStatement after AuthnStatement) must pass
 * our strict SAML 2.0 verifier, claims read back by Attribute Name.
 * @see node_modules/saml/lib/saml20.js; STYLE.md "Cross-check against something no one here wrote"
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NAMEID_PERSISTENT } from './build-assertion.ts';
import { verifyAssertion } from './verify-assertion.ts';

interface Auth0Saml20Options {
  cert: Buffer;
  key: Buffer;
  uid?: string;
  issuer?: string;
  lifetimeInSeconds?: number;
  audiences?: string | string[];
  attributes?: Record<string, string | string[]>;
  nameIdentifier?: string;
  nameIdentifierFormat?: string;
  authnContextClassRef?: string;
  signatureAlgorithm?: 'rsa-sha256' | 'rsa-sha1';
  digestAlgorithm?: 'sha256' | 'sha1';
}
// `saml` ships no type declarations; load it through require with the slice of its API used here.
const saml = createRequire(import.meta.url)('saml') as {
  Saml20: { create(options: Auth0Saml20Options): string };
};

const file = (name: string) => readFileSync(new URL(`../../../certs/${name}`, import.meta.url));
const IDP_CRT = file('idp-signing.crt');
const T0 = new Date('2025-07-10T17:22:13.000Z');
const ACCOUNTTYPE = 'http://schemas.microsoft.com/ws/2012/01/accounttype';

function auth0Token(overrides: Partial<Auth0Saml20Options> = {}): string {
  return saml.Saml20.create({
    cert: IDP_CRT,
    key: file('idp-signing.key'),
    uid: '3f0817b9-ca17-4714-ab81-f7b5943dec7b',
    issuer: 'https://sso.example.com/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
    lifetimeInSeconds: 3600,
    audiences: 'urn:federation:MicrosoftOnline',
    attributes: { [ACCOUNTTYPE]: 'DJ', IDPEmail: 'adele@imokatdi.ping-eng.com' },
    nameIdentifier: 'uRcIPxfKFEergfe1lD3sew==',
    nameIdentifierFormat: NAMEID_PERSISTENT,
    authnContextClassRef: 'http://schemas.microsoft.com/claims/multipleauthn',
    signatureAlgorithm: 'rsa-sha256',
    digestAlgorithm: 'sha256',
    ...overrides,
  });
}

describe('auth0 saml 4.0.0 SAML 2.0 tokens', () => {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it('verify under our strict verifier, claims and AuthnContextClassRef read back', () => {
    const r = verifyAssertion(auth0Token(), [IDP_CRT.toString('utf8')]);
    expect(r).toMatchObject({ ok: true, certificateIndex: 0 });
    if (!r.ok) return;
    expect(r.assertion).toMatchObject({
      version: '2.0',
      id: '_3f0817b9-ca17-4714-ab81-f7b5943dec7b',
      nameId: { value: 'uRcIPxfKFEergfe1lD3sew==', format: NAMEID_PERSISTENT },
      notBefore: '2025-07-10T17:22:13.000Z',
      notOnOrAfter: '2025-07-10T18:22:13.000Z',
      audiences: ['urn:federation:MicrosoftOnline'],
      authnContextClassRefs: ['http://schemas.microsoft.com/claims/multipleauthn'],
    });
    expect(r.assertion.attributes.map((a) => [a.name, a.values])).toEqual([
      [ACCOUNTTYPE, ['DJ']],
      ['IDPEmail', ['adele@imokatdi.ping-eng.com']],
    ]);
  });

  it('are refused once tampered with', () => {
    const token = auth0Token().replace('>DJ<', '>XX<');
    expect(verifyAssertion(token, [IDP_CRT.toString('utf8')])).toMatchObject({
      ok: false,
      failure: 'signature-invalid',
    });
  });

  it('signed by a key the tenant did not register → key-not-registered', () => {
    const token = auth0Token({
      cert: file('attacker-signing.crt'),
      key: file('attacker-signing.key'),
    });
    expect(verifyAssertion(token, [IDP_CRT.toString('utf8')])).toMatchObject({
      ok: false,
      failure: 'key-not-registered',
    });
  });
});
