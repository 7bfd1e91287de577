/**
 * MSAL's federated username/password flow and its silent refresh, replayed at the HTTP level
 * against mock Entra: the requests MSAL Python sends, in its order (no MSAL client is installed
 * here). The IdP leg (MEX, WS-Trust usernamemixed) is covered by test/idp; this replay starts
 * from the assertion the STS returned.
 * @see [MSALPY] msal/authority.py (tenant discovery at `/<tenant>/v2.0/.well-known/openid-
 *   configuration`, user realm at `/common/userrealm/<user>?api-version=1.0`),
 *   msal/application.py (`_acquire_token_by_username_password_federated`: scopes plus
 *   `openid profile offline_access`, `client_info=1`, the SAML grant), msal/oauth2cli/oauth2.py
 *   (`encode_saml_assertion`: base64url), `acquire_token_silent` (`grant_type=refresh_token`)
 */
import { describe, expect, it } from 'vitest';
import { findRoute } from '../../src/core/http.ts';
import { publicKeyOf } from '../../src/core/keys.ts';
import { createEntraParties } from '../../src/entra/create-entra.ts';
import { verifyJwt } from '../../src/protocol/jwt/jws.ts';
import {
  entraContext,
  key,
  signedUserAssertion,
  TENANT_ID,
  USER_IMMUTABLE_ID,
  USER_UPN,
} from '../support/entra-fixture.ts';

const CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
const SCOPE = 'https://graph.microsoft.com/User.Read openid profile offline_access';

type Ctx = ReturnType<typeof entraContext>['ctx'];

async function send(
  ctx: Ctx,
  method: 'GET' | 'POST',
  target: string,
  form?: Record<string, string>,
) {
  const login = createEntraParties(ctx).find((p) => p.host === 'login.microsoftonline.com')!;
  const url = new URL(target);
  expect(url.host).toBe('login.microsoftonline.com');
  const found = findRoute(login, method, url.pathname);
  if (!found || 'methodNotAllowed' in found)
    throw new Error(`no route for ${method} ${url.pathname}`);
  const res = await found.route.handle(
    {
      method,
      url,
      headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
      body: form ? new URLSearchParams(form).toString() : '',
    },
    found.params,
  );
  return { status: res.status, json: JSON.parse(res.body) as Record<string, unknown> };
}

function withUser() {
  const { ctx } = entraContext({ users: [{ upn: USER_UPN, immutableId: USER_IMMUTABLE_ID }] });
  return ctx;
}

describe('MSAL federated username/password, then silent refresh (HTTP replay)', () => {
  it('discovery, realm, SAML grant, then refresh: every answer is what MSAL reads', async () => {
    const ctx = withUser();
    // 1. Tenant discovery for the `organizations` authority.
    const oidc = await send(
      ctx,
      'GET',
      'https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration',
    );
    const tokenEndpoint = oidc.json['token_endpoint'] as string;
    expect(tokenEndpoint).toBe('https://login.microsoftonline.com/organizations/oauth2/v2.0/token');
    // 2. User realm: federated, WS-Trust, where the MEX is.
    const realm = await send(
      ctx,
      'GET',
      `https://login.microsoftonline.com/common/userrealm/${USER_UPN}?api-version=1.0`,
    );
    expect(realm.json).toMatchObject({ account_type: 'Federated', federation_protocol: 'WSTrust' });
    // 3. The SAML grant, as MSAL encodes it (base64url), with client_info=1.
    const grant = await send(ctx, 'POST', tokenEndpoint, {
      client_id: CLIENT_ID,
      grant_type: 'urn:ietf:params:oauth:grant-type:saml1_1-bearer',
      assertion: Buffer.from(signedUserAssertion(), 'utf8').toString('base64url'),
      scope: SCOPE,
      client_info: '1',
    });
    expect(grant.status).toBe(200);
    expect(grant.json).toMatchObject({ token_type: 'Bearer', scope: SCOPE });
    for (const field of ['access_token', 'id_token', 'refresh_token', 'client_info'])
      expect(typeof grant.json[field], field).toBe('string');
    const idToken = verifyJwt(
      grant.json['id_token'] as string,
      publicKeyOf(key('entra-token-signing.key')),
    );
    expect(idToken).toMatchObject({
      aud: CLIENT_ID,
      iss: `https://login.microsoftonline.com/${TENANT_ID}/v2.0`,
      tid: TENANT_ID,
      preferred_username: USER_UPN,
      ver: '2.0',
    });
    // MSAL builds home_account_id as `<uid>.<utid>` from client_info.
    const clientInfo = JSON.parse(
      Buffer.from(grant.json['client_info'] as string, 'base64url').toString('utf8'),
    ) as { uid: string; utid: string };
    expect(clientInfo).toEqual({ uid: idToken?.['oid'], utid: TENANT_ID });

    // 4. acquire_token_silent: the refresh token grant.
    const refreshed = await send(ctx, 'POST', tokenEndpoint, {
      client_id: CLIENT_ID,
      grant_type: 'refresh_token',
      refresh_token: grant.json['refresh_token'] as string,
      scope: SCOPE,
      client_info: '1',
    });
    expect(refreshed.status).toBe(200);
    expect(typeof refreshed.json['access_token']).toBe('string');
    expect(typeof refreshed.json['refresh_token']).toBe('string');
    const at = verifyJwt(
      refreshed.json['access_token'] as string,
      publicKeyOf(key('entra-token-signing.key')),
    );
    expect(at).toMatchObject({ aud: 'https://graph.microsoft.com', upn: USER_UPN });
  });

  it('without openid/offline_access/client_info the v2.0 answer carries none of the three', async () => {
    const ctx = withUser();
    const r = await send(
      ctx,
      'POST',
      'https://login.microsoftonline.com/organizations/oauth2/v2.0/token',
      {
        client_id: CLIENT_ID,
        grant_type: 'urn:ietf:params:oauth:grant-type:saml1_1-bearer',
        assertion: Buffer.from(signedUserAssertion(), 'utf8').toString('base64url'),
        scope: 'https://graph.microsoft.com/User.Read',
      },
    );
    expect(r.status).toBe(200);
    expect(Object.keys(r.json)).not.toContain('id_token');
    expect(Object.keys(r.json)).not.toContain('refresh_token');
    expect(Object.keys(r.json)).not.toContain('client_info');
  });

  it('a refresh token that is forged, or issued to another client: invalid_grant AADSTS70000', async () => {
    const ctx = withUser();
    const endpoint = 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token';
    const grant = await send(ctx, 'POST', endpoint, {
      client_id: CLIENT_ID,
      grant_type: 'urn:ietf:params:oauth:grant-type:saml1_1-bearer',
      assertion: Buffer.from(signedUserAssertion(), 'utf8').toString('base64url'),
      scope: SCOPE,
    });
    const rt = grant.json['refresh_token'] as string;
    for (const form of [
      { client_id: CLIENT_ID, refresh_token: `${rt.slice(0, -4)}AAAA` },
      { client_id: 'another-client', refresh_token: rt },
    ]) {
      const r = await send(ctx, 'POST', endpoint, {
        ...form,
        grant_type: 'refresh_token',
        scope: SCOPE,
      });
      expect(r.status).toBe(400);
      expect(r.json['error']).toBe('invalid_grant');
      expect(r.json['error_codes']).toEqual([70000]);
    }
  });
});
