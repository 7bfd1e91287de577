/**
 * Cross-check against an independent signer: tokens from auth0 `saml` 4.0.0 (its own xml-crypto
 * 2.x and xmldom 0.7) must pass our strict verifier, claims split into namespace and name.
 * @see node_modules/saml/lib/saml11.js; STYLE.md "Cross-check against something no one here wrote"
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLAIM, claimType, NAMEID_UNSPECIFIED } from '../claims/claim-types.ts';
import { uuidAsBase64Guid } from '../encoding/guid.ts';
import { verifyAssertion } from './verify-assertion.ts';

interface Auth0Saml11Options {
  cert: Buffer;
  key: Buffer;
  uid?: string;
  issuer?: string;
  lifetimeInSeconds?: number;
  audiences?: string | string[];
  attributes?: Record<string, string | string[]>;
  nameIdentifier?: string;
  nameIdentifierFormat?: string;
  signatureAlgorithm?: 'rsa-sha256' | 'rsa-sha1';
  digestAlgorithm?: 'sha256' | 'sha1';
}
// `saml` ships no type declarations; load it through require with the slice of its API used here.
const saml = createRequire(import.meta.url)('saml') as {
  Saml11: { create(options: Auth0Saml11Options): string };
};

const file = (name: string) => readFileSync(new URL(`../../../certs/${name}`, import.meta.url));
const IDP_CRT = file('idp-signing.crt');
const IDP_KEY = file('idp-signing.key');
const DEVICE_GUID = '3f0817b9-ca17-4714-ab81-f7b5943dec7b';
const DEVICE_SID = 'S-1-5-21-1004336348-1177238915-682003330-1105';
const ISSUER = 'https://sso.example.com/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e';
const T0 = new Date('2025-07-10T17:22:13.000Z');

function auth0Token(overrides: Partial<Auth0Saml11Options> = {}): string {
  return saml.Saml11.create({
    cert: IDP_CRT,
    key: IDP_KEY,
    uid: DEVICE_GUID,
    issuer: ISSUER,
    lifetimeInSeconds: 3600,
    audiences: 'urn:federation:MicrosoftOnline',
    attributes: {
      [claimType(CLAIM.accounttype.namespace, CLAIM.accounttype.name)]: 'DJ',
      [claimType(CLAIM.onpremobjectguid.namespace, CLAIM.onpremobjectguid.name)]:
        uuidAsBase64Guid(DEVICE_GUID),
      [claimType(CLAIM.primarysid.namespace, CLAIM.primarysid.name)]: DEVICE_SID,
      [claimType(CLAIM.ImmutableID.namespace, CLAIM.ImmutableID.name)]:
        uuidAsBase64Guid(DEVICE_GUID),
    },
    nameIdentifier: uuidAsBase64Guid(DEVICE_GUID),
    nameIdentifierFormat: NAMEID_UNSPECIFIED,
    signatureAlgorithm: 'rsa-sha256',
    digestAlgorithm: 'sha256',
    ...overrides,
  });
}

describe('auth0 saml 4.0.0 SAML 1.1 tokens', () => {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it('verify under our strict verifier, with the device claims read back', () => {
    const token = auth0Token();
    const r = verifyAssertion(token, [IDP_CRT.toString('utf8')]);
    expect(r).toMatchObject({ ok: true, certificateIndex: 0 });
    if (!r.ok) return;
    expect(r.assertion).toMatchObject({
      majorVersion: '1',
      minorVersion: '1',
      assertionId: `_${DEVICE_GUID}`,
      issuer: ISSUER,
      issueInstant: '2025-07-10T17:22:13.000Z',
      notBefore: '2025-07-10T17:22:13.000Z',
      notOnOrAfter: '2025-07-10T18:22:13.000Z',
      audiences: ['urn:federation:MicrosoftOnline'],
      nameIdentifier: { value: 'uRcIPxfKFEergfe1lD3sew==', format: NAMEID_UNSPECIFIED },
      authenticationMethod: 'urn:oasis:names:tc:SAML:1.0:am:password',
    });
    expect(r.assertion.attributes).toEqual([
      { namespace: 'http://schemas.microsoft.com/ws/2012/01', name: 'accounttype', values: ['DJ'] },
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
        namespace: 'http://schemas.microsoft.com/LiveID/Federation/2008/05',
        name: 'ImmutableID',
        values: ['uRcIPxfKFEergfe1lD3sew=='],
      },
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

  it('in rsa-sha1 pass only with allowSha1', () => {
    const token = auth0Token({ signatureAlgorithm: 'rsa-sha1', digestAlgorithm: 'sha1' });
    expect(verifyAssertion(token, [IDP_CRT.toString('utf8')])).toMatchObject({
      failure: 'algorithm-not-allowed',
    });
    expect(verifyAssertion(token, [IDP_CRT.toString('utf8')], { allowSha1: true }).ok).toBe(true);
  });
});
