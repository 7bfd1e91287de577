/**
 * The Graph-like admin API on graph.microsoft.com: read and change a domain's federation
 * configuration mid-run, as an admin does with Get-/Update-MgDomainFederationConfiguration, and
 * see mock Entra act on the change (certificate rollover, metadataExchangeUri fix).
 */
import { describe, expect, it } from 'vitest';
import { findRoute, type PartyResponse } from '../../src/core/http.ts';
import { createEntraParties } from '../../src/entra/create-entra.ts';
import { federationIdOf } from '../../src/entra/tenant.ts';
import { issueAccessToken } from '../../src/entra/access-token.ts';
import { DSREG_CLIENT_ID, DRS_RESOURCE } from '../../src/protocol/entra-names.ts';
import { signJwt } from '../../src/protocol/jwt/jws.ts';
import {
  DOMAIN,
  entraContext,
  key,
  pem,
  postToken,
  samlGrant,
  signedDeviceAssertion,
} from '../support/entra-fixture.ts';

type Ctx = ReturnType<typeof entraContext>['ctx'];
/** A token mock Entra issued for Microsoft Graph (every entraContext shares tenant, key and clock). */
const graphToken = (aud = 'https://graph.microsoft.com') =>
  issueAccessToken(entraContext().ctx, { appid: DSREG_CLIENT_ID, idp: 'test', aud }).token;
const BEARER = { authorization: `Bearer ${graphToken()}` };
const bare = (p: string) => p.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');

async function graph(
  ctx: Ctx,
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<PartyResponse & { json: Record<string, unknown> }> {
  const party = createEntraParties(ctx).find((p) => p.host === 'graph.microsoft.com')!;
  const url = new URL(path, 'https://graph.microsoft.com');
  const found = findRoute(party, method, url.pathname);
  if (!found || 'methodNotAllowed' in found) throw new Error(`no route ${method} ${url.pathname}`);
  const body =
    init.body === undefined
      ? ''
      : typeof init.body === 'string'
        ? init.body
        : JSON.stringify(init.body);
  const res = await found.route.handle(
    { method, url, headers: { 'content-type': 'application/json', ...init.headers }, body },
    found.params,
  );
  return { ...res, json: JSON.parse(res.body) as Record<string, unknown> };
}

async function realm(ctx: Ctx): Promise<Record<string, unknown>> {
  const login = createEntraParties(ctx).find((p) => p.host === 'login.microsoftonline.com')!;
  const url = new URL(
    `https://login.microsoftonline.com/common/userrealm/${DOMAIN}?api-version=1.0`,
  );
  const found = findRoute(login, 'GET', url.pathname);
  if (!found || 'methodNotAllowed' in found) throw new Error('no user realm route');
  const res = await found.route.handle({ method: 'GET', url, headers: {}, body: '' }, found.params);
  return JSON.parse(res.body) as Record<string, unknown>;
}

function fedPath(ctx: Ctx): string {
  return `/v1.0/domains/${DOMAIN}/federationConfiguration/${federationIdOf(ctx.tenant.domains[0]!)}`;
}

describe('GET federationConfiguration', () => {
  it('lists the domain’s internalDomainFederation with the Graph property names', async () => {
    const { ctx } = entraContext();
    const r = await graph(ctx, 'GET', `/v1.0/domains/${DOMAIN}/federationConfiguration`, {
      headers: BEARER,
    });
    expect(r.status).toBe(200);
    expect(r.json['@odata.context']).toBe(
      `https://graph.microsoft.com/v1.0/$metadata#domains('${DOMAIN}')/federationConfiguration`,
    );
    const [fed] = r.json['value'] as Record<string, unknown>[];
    expect(fed).toMatchObject({
      '@odata.type': '#microsoft.graph.internalDomainFederation',
      issuerUri: 'https://sso.example.com/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
      metadataExchangeUri: 'https://sso.example.com/wsf/mex13/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
      preferredAuthenticationProtocol: 'wsFed',
      signingCertificate: bare(pem('idp-signing.crt')),
      nextSigningCertificate: null,
    });
    expect(fed!['id']).toMatch(/^[0-9a-f-]{36}$/);
    const one = await graph(ctx, 'GET', fedPath(ctx), { headers: BEARER });
    expect(one.json['id']).toBe(fed!['id']);
  });

  it('a managed domain has none; an unknown domain is 404 Request_ResourceNotFound', async () => {
    const { ctx } = entraContext();
    const managed = await graph(
      ctx,
      'GET',
      '/v1.0/domains/managed.example.com/federationConfiguration',
      {
        headers: BEARER,
      },
    );
    expect(managed.json['value']).toEqual([]);
    const missing = await graph(ctx, 'GET', '/v1.0/domains/nope.example/federationConfiguration', {
      headers: BEARER,
    });
    expect(missing.status).toBe(404);
    expect(missing.json['error']).toMatchObject({
      code: 'Request_ResourceNotFound',
      message:
        "Resource 'nope.example' does not exist or one of its queried reference-property objects are not present.",
    });
  });

  it('without a bearer: 401 InvalidAuthenticationToken "Access token is empty."', async () => {
    const { ctx } = entraContext();
    const r = await graph(ctx, 'GET', `/v1.0/domains/${DOMAIN}/federationConfiguration`);
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({
      error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' },
    });
    expect(Object.keys((r.json['error'] as { innerError: object }).innerError)).toEqual([
      'date',
      'request-id',
      'client-request-id',
    ]);
  });
});

describe('who may use the admin API', () => {
  const path = `/v1.0/domains/${DOMAIN}/federationConfiguration`;
  it.each([
    ['a string that is no token', 'Bearer not-a-token', 'Access token validation failure.'],
    [
      'a token signed by another key',
      `Bearer ${signJwt({ aud: 'https://graph.microsoft.com', tid: '07ec9af2-7ce5-4ab7-8638-115736bbf990', exp: 4102444800 }, key('idp-signing.key'), 'x')}`,
      'Access token validation failure.',
    ],
    [
      'a DRS token (another resource)',
      `Bearer ${graphToken(DRS_RESOURCE)}`,
      'Access token validation failure. Invalid audience.',
    ],
  ])(
    '%s: 401 InvalidAuthenticationToken, and a PATCH changes nothing',
    async (_l, auth, message) => {
      const { ctx } = entraContext();
      const r = await graph(ctx, 'GET', path, { headers: { authorization: auth } });
      expect(r.status).toBe(401);
      expect(r.json['error']).toMatchObject({ code: 'InvalidAuthenticationToken', message });
      const fedId = federationIdOf(ctx.tenant.domains[0]!);
      const p = await graph(ctx, 'PATCH', `${path}/${fedId}`, {
        headers: { authorization: auth },
        body: { nextSigningCertificate: bare(pem('attacker-signing.crt')) },
      });
      expect(p.status).toBe(401);
      expect(ctx.tenant.domains[0]!.federation?.nextSigningCertificate).toBeUndefined();
    },
  );

  it('an expired Graph token: 401 "Access token has expired or is not yet valid."', async () => {
    const { ctx } = entraContext();
    const token = graphToken();
    ctx.clock.advance(2 * 3600_000);
    const r = await graph(ctx, 'GET', path, { headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(401);
    expect(r.json['error']).toMatchObject({
      message: 'Access token has expired or is not yet valid.',
    });
  });

  it('the admin key of the run (hjsim serve prints it) is accepted; another key is not', async () => {
    const { ctx } = entraContext();
    const withKey = { ...ctx, graphAdminKey: 'k3y-of-this-run' };
    const ok = await graph(withKey, 'GET', path, {
      headers: { authorization: 'Bearer k3y-of-this-run' },
    });
    expect(ok.status).toBe(200);
    const no = await graph(withKey, 'GET', path, {
      headers: { authorization: 'Bearer k3y-of-another' },
    });
    expect(no.status).toBe(401);
  });
});

describe('PATCH federationConfiguration, and mock Entra acting on it', () => {
  it('certificate rollover mid-run: refused with 5000811, accepted once nextSigningCertificate is set', async () => {
    const { ctx } = entraContext();
    const rolled = samlGrant(signedDeviceAssertion({}, 'idp-signing-next'));
    expect((await postToken(ctx, rolled)).body['error_codes']).toEqual([5000811]);
    const r = await graph(ctx, 'PATCH', fedPath(ctx), {
      headers: BEARER,
      body: { nextSigningCertificate: bare(pem('idp-signing-next.crt')) },
    });
    expect(r.status).toBe(200);
    expect(r.json['nextSigningCertificate']).toBe(bare(pem('idp-signing-next.crt')));
    expect((await postToken(ctx, rolled)).status).toBe(200);
  });

  it('metadataExchangeUri fix: the user realm answers the new MEX URL at once', async () => {
    const { ctx, log } = entraContext();
    const fixed = 'https://sso.example.com/wsf/mex13/fixed';
    await graph(ctx, 'PATCH', fedPath(ctx), {
      headers: BEARER,
      body: { metadataExchangeUri: fixed },
    });
    expect((await realm(ctx))['federation_metadata_url']).toBe(fixed);
    expect(log.join('\n')).toContain(
      `graph: PATCH federationConfiguration of ${DOMAIN}: metadataExchangeUri`,
    );
  });

  it.each<[string, unknown, string, string]>([
    [
      'an unknown property',
      { bogus: 1 },
      'BadRequest',
      "Property 'bogus' does not exist on type 'microsoft.graph.internalDomainFederation'.",
    ],
    [
      'a certificate that is not one',
      { signingCertificate: 'MIIbogus' },
      'Request_BadRequest',
      "Invalid value specified for property 'signingCertificate'",
    ],
    [
      'a PEM certificate (Graph takes bare base64)',
      { signingCertificate: pem('idp-signing-next.crt') },
      'Request_BadRequest',
      "Invalid value specified for property 'signingCertificate'",
    ],
    [
      'a value outside the enum',
      { federatedIdpMfaBehavior: 'always' },
      'BadRequest',
      "Requested value 'always' was not found.",
    ],
    ['a read-only property', { id: 'x' }, 'Request_BadRequest', "Property 'id' is read-only"],
    [
      'a required property cleared',
      { issuerUri: null },
      'Request_BadRequest',
      "property 'issuerUri'",
    ],
    ['not JSON', '{', 'BadRequest', 'Unable to read JSON request payload.'],
  ])(
    'refuses %s with 400, leaving the settings as they were',
    async (_label, body, code, message) => {
      const { ctx } = entraContext();
      const before = JSON.stringify(ctx.tenant.domains);
      const r = await graph(ctx, 'PATCH', fedPath(ctx), { headers: BEARER, body });
      expect(r.status).toBe(400);
      expect((r.json['error'] as { code: string }).code).toBe(code);
      expect((r.json['error'] as { message: string }).message).toContain(message);
      expect(JSON.stringify(ctx.tenant.domains)).toBe(before);
    },
  );

  it('PATCH of another federation id: 404', async () => {
    const { ctx } = entraContext();
    const r = await graph(
      ctx,
      'PATCH',
      `/v1.0/domains/${DOMAIN}/federationConfiguration/00000000-0000-4000-8000-000000000000`,
      { headers: BEARER, body: { displayName: 'x' } },
    );
    expect(r.status).toBe(404);
  });
});
