/**
 * Mock Entra's login host besides the token endpoint: home realm discovery (api-version 1.0 and
 * 2.0, GetUserRealm.srf), the OpenID configuration documents and the keys that verify its tokens.
 */
import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findRoute, type PartyResponse } from '../../src/core/http.ts';
import { createEntraParties } from '../../src/entra/create-entra.ts';
import { verifyJwt } from '../../src/protocol/jwt/jws.ts';
import {
  entraContext,
  postToken,
  samlGrant,
  signedDeviceAssertion,
  TENANT_ID,
} from '../support/entra-fixture.ts';

type Ctx = ReturnType<typeof entraContext>['ctx'];

async function get(
  ctx: Ctx,
  target: string,
): Promise<PartyResponse & { json: Record<string, unknown> }> {
  const login = createEntraParties(ctx).find((p) => p.host === 'login.microsoftonline.com')!;
  const url = new URL(target, 'https://login.microsoftonline.com');
  const found = findRoute(login, 'GET', url.pathname);
  if (!found || 'methodNotAllowed' in found) throw new Error(`no route for ${url.pathname}`);
  const res = await found.route.handle({ method: 'GET', url, headers: {}, body: '' }, found.params);
  return { ...res, json: JSON.parse(res.body) as Record<string, unknown> };
}

describe('user realm', () => {
  it('api-version=1.0, federated: the MEX and active sign-in URLs', async () => {
    const { ctx } = entraContext();
    const r = await get(ctx, '/common/userrealm/adele@imokatdi.ping-eng.com?api-version=1.0');
    expect(r.json).toEqual({
      ver: '1.0',
      account_type: 'Federated',
      domain_name: 'imokatdi.ping-eng.com',
      federation_protocol: 'WSTrust',
      federation_metadata_url:
        'https://sso.example.com/wsf/mex13/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
      federation_active_auth_url:
        'https://sso.example.com/wsf/sts/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
      cloud_instance_name: 'microsoftonline.com',
      cloud_audience_urn: 'urn:federation:MicrosoftOnline',
    });
  });

  it('api-version=2.0: NameSpaceType, and the WS-Fed AuthURL on the passive sign-in URI', async () => {
    const { ctx } = entraContext();
    const r = await get(ctx, '/common/UserRealm/adele@imokatdi.ping-eng.com?api-version=2.0');
    expect(r.json).toMatchObject({
      NameSpaceType: 'Federated',
      federation_protocol: 'WSTrust',
      Login: 'adele@imokatdi.ping-eng.com',
      AuthURL:
        'https://sso.example.com/wsf/prp/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e?username=adele%40imokatdi.ping-eng.com&wa=wsignin1.0&wtrealm=urn%3afederation%3aMicrosoftOnline&wctx=',
      DomainName: 'imokatdi.ping-eng.com',
      cloud_instance_name: 'microsoftonline.com',
    });
    const managed = await get(ctx, '/common/userrealm/x@managed.example.com?api-version=2.0');
    expect(managed.json).toMatchObject({
      NameSpaceType: 'Managed',
      DomainName: 'managed.example.com',
    });
  });

  it('GetUserRealm.srf: State/UserState, FederationGlobalVersion; Unknown for an unverified domain', async () => {
    const { ctx } = entraContext();
    const fed = await get(ctx, '/GetUserRealm.srf?login=adele@imokatdi.ping-eng.com');
    expect(fed.json).toMatchObject({
      State: 3,
      UserState: 2,
      NameSpaceType: 'Federated',
      FederationGlobalVersion: -1,
      AuthNForwardType: 1,
      CloudInstanceName: 'microsoftonline.com',
      CloudInstanceIssuerUri: 'urn:federation:MicrosoftOnline',
    });
    // [AADI]: the tenant's brand name, not the domain.
    expect((fed.json as Record<string, unknown>)['FederationBrandName']).toBe(
      ctx.tenant.displayName,
    );
    expect((fed.json as Record<string, unknown>)['FederationBrandName']).not.toBe(
      'imokatdi.ping-eng.com',
    );
    const unknown = await get(ctx, '/GetUserRealm.srf?login=bob@nowhere.example');
    expect(unknown.json).toMatchObject({ NameSpaceType: 'Unknown' });
    expect((await get(ctx, '/GetUserRealm.srf')).status).toBe(400);
  });

  it('without api-version: 400 AADSTS90014, as Entra answers', async () => {
    const { ctx } = entraContext();
    const r = await get(ctx, '/common/userrealm/adele@imokatdi.ping-eng.com');
    expect(r.status).toBe(400);
    expect(r.json['error']).toBe('invalid_request');
    expect(r.json['error_description']).toMatch(
      /^AADSTS90014: The required field 'api-version' is missing from the credential\./,
    );
  });

  it('an api-version it does not serve: 400', async () => {
    const { ctx } = entraContext();
    expect((await get(ctx, '/common/userrealm/a@b.example?api-version=3.0')).status).toBe(400);
  });
});

describe('OpenID configuration and keys', () => {
  it('v2.0 for the tenant id and for a verified domain name the tenant resolves', async () => {
    const { ctx } = entraContext();
    for (const segment of [TENANT_ID, 'imokatdi.ping-eng.com']) {
      const r = await get(ctx, `/${segment}/v2.0/.well-known/openid-configuration`);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({
        issuer: `https://login.microsoftonline.com/${TENANT_ID}/v2.0`,
        token_endpoint: `https://login.microsoftonline.com/${TENANT_ID}/oauth2/v2.0/token`,
      });
    }
  });

  it('v1 on /common: sts.windows.net issuer with the {tenantid} placeholder, endpoints under /common', async () => {
    const { ctx } = entraContext();
    const r = await get(ctx, '/common/.well-known/openid-configuration');
    expect(r.json).toMatchObject({
      issuer: 'https://sts.windows.net/{tenantid}/',
      token_endpoint: 'https://login.microsoftonline.com/common/oauth2/token',
    });
  });

  it.each(['organizations', 'common'])(
    'v2.0 on /%s: the endpoints keep the segment (MSAL posts where token_endpoint says; [MSALPY])',
    async (segment) => {
      const { ctx } = entraContext();
      const r = await get(ctx, `/${segment}/v2.0/.well-known/openid-configuration`);
      expect(r.json).toMatchObject({
        issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0',
        token_endpoint: `https://login.microsoftonline.com/${segment}/oauth2/v2.0/token`,
        authorization_endpoint: `https://login.microsoftonline.com/${segment}/oauth2/v2.0/authorize`,
      });
      expect(JSON.stringify(r.json)).not.toContain('{tenantid}/oauth2');
    },
  );

  it('GET /common/discovery/instance: the tenant discovery endpoint of the authority asked about, and the public-cloud aliases ([AZSDKJSREC])', async () => {
    const { ctx } = entraContext();
    const auth = encodeURIComponent(
      'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize',
    );
    const r = await get(
      ctx,
      `/common/discovery/instance?api-version=1.1&authorization_endpoint=${auth}`,
    );
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      tenant_discovery_endpoint:
        'https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration',
      'api-version': '1.1',
    });
    const metadata = r.json['metadata'] as { preferred_network: string; aliases: string[] }[];
    expect(metadata[0]).toEqual({
      preferred_network: 'login.microsoftonline.com',
      preferred_cache: 'login.windows.net',
      aliases: [
        'login.microsoftonline.com',
        'login.windows.net',
        'login.microsoft.com',
        'sts.windows.net',
      ],
    });
    const bad = await get(
      ctx,
      '/common/discovery/instance?api-version=1.1&authorization_endpoint=https%3A%2F%2Fevil.example%2Fx%2Foauth2%2Fv2.0%2Fauthorize',
    );
    expect(bad.status).toBe(400);
    expect(bad.json['error']).toBe('invalid_instance');
  });

  it('an unknown tenant: 400 invalid_tenant AADSTS90002, the shape clients log', async () => {
    const { ctx } = entraContext();
    const r = await get(ctx, '/contoso.example/v2.0/.well-known/openid-configuration');
    expect(r.status).toBe(400);
    expect(Object.keys(r.json)).toEqual([
      'error',
      'error_description',
      'error_codes',
      'timestamp',
      'trace_id',
      'correlation_id',
      'error_uri',
    ]);
    expect(r.json['error']).toBe('invalid_tenant');
    expect(r.json['error_description']).toMatch(
      /^AADSTS90002: Tenant 'contoso\.example' not found\. Check to make sure you have the correct tenant ID and are signing into the correct cloud\./,
    );
  });

  it('the published key verifies an access token the token endpoint issued', async () => {
    const { ctx } = entraContext();
    const token = (await postToken(ctx, samlGrant(signedDeviceAssertion()))).body[
      'access_token'
    ] as string;
    const jwks = (await get(ctx, `/${TENANT_ID}/discovery/v2.0/keys`)).json as {
      keys: { kid: string; kty: string; n: string; e: string }[];
    };
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as {
      kid: string;
    };
    const jwk = jwks.keys.find((k) => k.kid === header.kid)!;
    expect(jwk.kty).toBe('RSA');
    const claims = verifyJwt(token, createPublicKey({ key: jwk, format: 'jwk' }));
    expect(claims?.['tid']).toBe(TENANT_ID);
    expect((await get(ctx, '/nope.example/discovery/keys')).status).toBe(400);
  });
});

describe('token endpoints answer other verbs as Entra does', () => {
  it('GET /oauth2/token and /oauth2/v2.0/token: 400 AADSTS900561', async () => {
    const { ctx } = entraContext();
    for (const path of ['/common/oauth2/token', `/${TENANT_ID}/oauth2/v2.0/token`]) {
      const r = await get(ctx, path);
      expect(r.status).toBe(400);
      expect(r.json['error']).toBe('invalid_request');
      expect(r.json['error_description']).toMatch(
        /^AADSTS900561: The endpoint only accepts POST requests\. Received a GET request\.\r\n/,
      );
    }
  });
});
