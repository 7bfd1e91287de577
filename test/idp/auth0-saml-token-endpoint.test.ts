/**
 * Tokens from an independent signer (auth0 `saml` 4.0.0: its own xml-crypto 2.x and xmldom 0.7)
 * through mock Entra's token endpoint: with the right claims they are accepted (device and user),
 * so the validator is not tuned to our own signer; with a wrong claim type, another key or a
 * tampered value they are refused with the check's AADSTS.
 * @see DESIGN.md "Real peers for interop"; node_modules/saml/lib/saml11.js
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CERTS_DIR } from '../../src/core/keys.ts';
import { readAccessToken } from '../../src/entra/access-token.ts';
import { CLAIM, claimType, NAMEID_UNSPECIFIED } from '../../src/protocol/claims/claim-types.ts';
import { uuidAsBase64Guid } from '../../src/protocol/encoding/guid.ts';
import {
  DEVICE_GUID,
  DEVICE_SID,
  entraContext,
  ISSUER,
  NOW,
  postToken,
  samlGrant,
} from '../support/entra-fixture.ts';

interface Auth0Saml11Options {
  cert: Buffer;
  key: Buffer;
  issuer?: string;
  lifetimeInSeconds?: number;
  audiences?: string | string[];
  attributes?: Record<string, string | string[]>;
  nameIdentifier?: string;
  nameIdentifierFormat?: string;
  signatureAlgorithm?: 'rsa-sha256' | 'rsa-sha1';
  digestAlgorithm?: 'sha256' | 'sha1';
}
// `saml` ships no type declarations; the slice of its API used here.
const saml = createRequire(import.meta.url)('saml') as {
  Saml11: { create(options: Auth0Saml11Options): string };
};
const file = (name: string) => readFileSync(join(CERTS_DIR, name));
const type = (c: { namespace: string; name: string }) => claimType(c.namespace, c.name);
const USER_IMMUTABLE_ID = uuidAsBase64Guid('9d1b5c1e-2f0a-4c1e-9a4b-6a3c2d1e0f9a');

function auth0Device(patch: Partial<Auth0Saml11Options> = {}): string {
  const guid = uuidAsBase64Guid(DEVICE_GUID);
  return saml.Saml11.create({
    cert: file('idp-signing.crt'),
    key: file('idp-signing.key'),
    issuer: ISSUER,
    lifetimeInSeconds: 3600,
    audiences: 'urn:federation:MicrosoftOnline',
    attributes: {
      [type(CLAIM.accounttype)]: 'DJ',
      [type(CLAIM.onpremobjectguid)]: guid,
      [type(CLAIM.primarysid)]: DEVICE_SID,
      [type(CLAIM.ImmutableID)]: guid,
    },
    nameIdentifier: guid,
    nameIdentifierFormat: NAMEID_UNSPECIFIED,
    signatureAlgorithm: 'rsa-sha256',
    digestAlgorithm: 'sha256',
    ...patch,
  });
}

describe('auth0 saml 4.0.0 tokens at mock Entra oauth2/token', () => {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it('a device token with the hybrid join claims gets an access token for the device', async () => {
    const { ctx } = entraContext();
    const res = await postToken(ctx, samlGrant(auth0Device()));
    expect(res.status).toBe(200);
    expect(res.body['token_type']).toBe('Bearer');
    const claims = readAccessToken(ctx, `Bearer ${String(res.body['access_token'])}`);
    expect(claims).toMatchObject({ on_prem_id: DEVICE_GUID, primary_sid: DEVICE_SID });
  });

  it('a user token whose NameIdentifier is a synced ImmutableID is accepted', async () => {
    const { ctx } = entraContext();
    ctx.tenant.users.push({ upn: 'alice@imokatdi.ping-eng.com', immutableId: USER_IMMUTABLE_ID });
    const token = auth0Device({
      attributes: {
        [type(CLAIM.UPN)]: 'alice@imokatdi.ping-eng.com',
        [type(CLAIM.ImmutableID)]: USER_IMMUTABLE_ID,
      },
      nameIdentifier: USER_IMMUTABLE_ID,
    });
    expect((await postToken(ctx, samlGrant(token))).status).toBe(200);
  });

  it('accounttype under another claim type is not a device token: AADSTS51004', async () => {
    const { ctx } = entraContext();
    const guid = uuidAsBase64Guid(DEVICE_GUID);
    const token = auth0Device({
      attributes: {
        'http://schemas.microsoft.com/ws/2008/06/identity/claims/accounttype': 'DJ',
        [type(CLAIM.onpremobjectguid)]: guid,
        [type(CLAIM.primarysid)]: DEVICE_SID,
      },
    });
    const res = await postToken(ctx, samlGrant(token));
    expect(res.status).toBe(400);
    expect(res.body['error_codes']).toEqual([51004]);
  });

  it('signed with a key the tenant did not register: AADSTS5000811; tampered: AADSTS50008', async () => {
    const { ctx } = entraContext();
    const foreign = auth0Device({
      cert: file('attacker-signing.crt'),
      key: file('attacker-signing.key'),
    });
    expect((await postToken(ctx, samlGrant(foreign))).body['error_codes']).toEqual([5000811]);
    const tampered = auth0Device().replace(DEVICE_SID, 'S-1-5-21-1-2-3-500');
    expect((await postToken(ctx, samlGrant(tampered))).body['error_codes']).toEqual([50008]);
  });
});
