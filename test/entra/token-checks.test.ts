/**
 * Mock Entra's `oauth2/token`, the checks added to the walking skeleton's table (issue #4): one
 * negative test per rejection reason (code, `error`, status, message shape) and the positives —
 * device and user tokens, SAML 1.1 and 2.0, the v1 and v2.0 endpoints. token-endpoint.test.ts
 * holds the skeleton's own tests.
 */
import { describe, expect, it } from 'vitest';
import { publicKeyOf } from '../../src/core/keys.ts';
import { TOKEN_CHECKS } from '../../src/entra/token/token-endpoint.ts';
import { CLAIM } from '../../src/protocol/claims/claim-types.ts';
import { verifyJwt } from '../../src/protocol/jwt/jws.ts';
import {
  DEVICE_GUID,
  DEVICE_SID,
  entraContext,
  ISSUER,
  key,
  NOW,
  pem,
  postToken,
  samlGrant,
  signedDeviceAssertion,
  signedDeviceAssertion2,
  signedUserAssertion,
  TENANT_ID,
  USER_IMMUTABLE_ID,
  USER_UPN,
} from '../support/entra-fixture.ts';

const GRANT2 = 'urn:ietf:params:oauth:grant-type:saml2-bearer';
const DRS = 'urn:ms-drs:enterpriseregistration.windows.net';
const DESCRIPTION =
  /^AADSTS\d+: .+\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: c0ffee00-0000-4000-8000-000000000001\r\nTimestamp: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/s;

type Ctx = ReturnType<typeof entraContext>['ctx'];

async function refused(
  ctx: Ctx,
  form: Record<string, string>,
  expected: { code: number; error: string; text: string | RegExp; status?: number },
  opts: Parameters<typeof postToken>[2] = {},
) {
  const res = await postToken(ctx, form, opts);
  expect(res.status).toBe(expected.status ?? 400);
  expect(res.body['error']).toBe(expected.error);
  expect((res.body['error_codes'] as number[]).at(-1)).toBe(expected.code);
  expect(res.body['error_description']).toMatch(DESCRIPTION);
  if (typeof expected.text === 'string')
    expect(res.body['error_description']).toContain(expected.text);
  else expect(res.body['error_description']).toMatch(expected.text);
  expect(JSON.stringify(res.body)).not.toContain('access_token');
  return res;
}

const user = (over: Partial<{ mfaRequired: boolean }> = {}) => ({
  upn: USER_UPN,
  immutableId: USER_IMMUTABLE_ID,
  ...over,
});

describe('the check table', () => {
  it("runs in the issue's order", () => {
    expect(TOKEN_CHECKS.map(([name]) => name)).toEqual([
      'request shape',
      'tenant',
      'resource',
      'assertion encoding',
      'XML without DTD',
      'signature over the assertion read',
      'signing certificate',
      'issuer',
      'audience',
      'validity',
      'assertion version vs grant',
      'replay',
      'ImmutableID',
      'device claims',
      'user lookup',
      'MFA',
    ]);
  });

  it('with several faults the earliest check answers (wrong audience and expired → audience)', async () => {
    const { ctx } = entraContext();
    const token = signedDeviceAssertion({
      audiences: ['urn:example'],
      notBefore: new Date(NOW.getTime() - 7200_000),
      notOnOrAfter: new Date(NOW.getTime() - 3600_000),
    });
    const res = await postToken(ctx, samlGrant(token));
    expect(res.body['error_codes']).toEqual([50013]);
  });

  it('logs which check failed with its provenance, never on the wire', async () => {
    const { ctx, log } = entraContext();
    const res = await postToken(ctx, samlGrant(signedDeviceAssertion({ audiences: ['urn:x'] })));
    expect(log.join('\n')).toMatch(/check 'audience' failed: AADSTS50013 .*\[modeled: /);
    expect(JSON.stringify(res.body)).not.toContain('modeled');
  });
});

describe('request shape', () => {
  it('900144 without client_id', async () => {
    const { ctx } = entraContext();
    const { client_id: _c, ...form } = samlGrant(signedDeviceAssertion());
    void _c;
    await refused(ctx, form, {
      code: 900144,
      error: 'invalid_request',
      text: "AADSTS900144: The request body must contain the following parameter: 'client_id'.",
    });
  });
  it('900144 (v1) without resource or scope', async () => {
    const { ctx } = entraContext();
    const { resource: _r, ...form } = samlGrant(signedDeviceAssertion());
    void _r;
    await refused(ctx, form, {
      code: 900144,
      error: 'invalid_request',
      text: "parameter: 'resource'",
    });
  });
  it('70003 for a grant type that is no SAML bearer', async () => {
    const { ctx } = entraContext();
    await refused(
      ctx,
      { ...samlGrant(signedDeviceAssertion()), grant_type: 'password' },
      { code: 70003, error: 'unsupported_grant_type', text: "unsupported grant type 'password'" },
    );
  });
  it('90014 (v2.0) without scope, as Entra answers', async () => {
    const { ctx } = entraContext();
    const { resource: _r, ...form } = samlGrant(signedDeviceAssertion());
    void _r;
    await refused(
      ctx,
      form,
      {
        code: 90014,
        error: 'invalid_request',
        text: "AADSTS90014: The required field 'scope' is missing from the credential. Ensure that you have all the necessary parameters for the login request.",
      },
      { endpoint: 'v2' },
    );
  });
  it('901002 (v2.0) when the request names a resource', async () => {
    const { ctx } = entraContext();
    await refused(
      ctx,
      { ...samlGrant(signedDeviceAssertion()), scope: `${DRS}/.default` },
      {
        code: 901002,
        error: 'invalid_request',
        text: "The 'resource' request parameter is not supported.",
      },
      { endpoint: 'v2' },
    );
  });
  it('700022 (v2.0) for scopes of two resources', async () => {
    const { ctx } = entraContext();
    const { resource: _r, ...form } = samlGrant(signedDeviceAssertion());
    void _r;
    await refused(
      ctx,
      { ...form, scope: `${DRS}/.default https://graph.microsoft.com/User.Read` },
      { code: 700022, error: 'invalid_scope', text: 'contains more than one resource' },
      { endpoint: 'v2' },
    );
  });
});

describe('tenant', () => {
  it('accepts the tenant id and a verified domain in the path', async () => {
    const { ctx } = entraContext();
    // A fresh assertion each time: mock Entra refuses a replayed AssertionID (check-replay.ts).
    for (const [i, tenant] of [TENANT_ID, 'IMOKATDI.ping-eng.com', 'organizations'].entries()) {
      const assertion = signedDeviceAssertion({ assertionId: `_tenant-path-${i}` });
      expect((await postToken(ctx, samlGrant(assertion), { tenant })).status).toBe(200);
    }
  });
  it('900023 for a tenant identifier that is neither a GUID nor a DNS name', async () => {
    const { ctx } = entraContext();
    await refused(
      ctx,
      samlGrant(signedDeviceAssertion()),
      {
        code: 900023,
        error: 'invalid_request',
        text: "AADSTS900023: Specified tenant identifier 'authorize' is neither a valid DNS name, nor a valid external domain.",
      },
      { tenant: 'authorize' },
    );
  });
  it('90019 on /common when the assertion names no issuer', async () => {
    const { ctx } = entraContext();
    await refused(ctx, samlGrant(signedDeviceAssertion({ issuer: '' })), {
      code: 90019,
      error: 'invalid_request',
      text: 'AADSTS90019: No tenant-identifying information found in either the request or implied by any provided credentials.',
    });
  });
  it('with a tenant in the path, an empty issuer is a realm mismatch instead (50107)', async () => {
    const { ctx } = entraContext();
    await refused(
      ctx,
      samlGrant(signedDeviceAssertion({ issuer: '' })),
      { code: 50107, error: 'invalid_request', text: "federation realm object '' does not exist" },
      { tenant: TENANT_ID },
    );
  });
});

describe('resource', () => {
  it('500011 invalid_resource for a resource the tenant has no principal for', async () => {
    const { ctx } = entraContext();
    await refused(
      ctx,
      { ...samlGrant(signedDeviceAssertion()), resource: 'https://vault.example' },
      {
        code: 500011,
        error: 'invalid_resource',
        text: `AADSTS500011: The resource principal named https://vault.example was not found in the tenant named ${TENANT_ID}.`,
      },
    );
  });
  it('the DRS application id is the same resource, and the token names what was asked', async () => {
    const { ctx } = entraContext();
    const res = await postToken(ctx, {
      ...samlGrant(signedDeviceAssertion()),
      resource: '01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9',
    });
    expect(res.status).toBe(200);
    const claims = verifyJwt(
      res.body['access_token'] as string,
      publicKeyOf(key('entra-token-signing.key')),
    );
    expect(claims?.['aud']).toBe('01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9');
  });
});

describe('XML and assertion version', () => {
  it('7500514 for a saml2-bearer assertion that is no SAML assertion at all', async () => {
    const { ctx } = entraContext();
    await refused(ctx, samlGrant('<t:RequestSecurityTokenResponse xmlns:t="urn:x"/>', GRANT2), {
      code: 7500514,
      error: 'invalid_request',
      text: "The supported response types are 'Response'",
    });
  });
  it('a SAML 2.0 token under saml1_1-bearer cannot be read (50008, Entra’s text), signed or not', async () => {
    const { ctx } = entraContext();
    await refused(ctx, samlGrant(signedDeviceAssertion2()), {
      code: 50008,
      error: 'invalid_grant',
      text: 'AADSTS50008: Cannot read SecurityToken. Expected element is (Assertion, urn:oasis:names:tc:SAML:1.0:assertion) the actual element is (Assertion, urn:oasis:names:tc:SAML:2.0:assertion).',
    });
  });
});

describe('validity', () => {
  it('500133 for a NotBefore beyond the 5 min skew', async () => {
    const { ctx, log } = entraContext();
    await refused(
      ctx,
      samlGrant(signedDeviceAssertion({ notBefore: new Date(NOW.getTime() + 6 * 60_000) })),
      {
        code: 500133,
        error: 'invalid_grant',
        text: 'AADSTS70002: Error validating credentials. AADSTS500133:',
      },
    );
    expect(log.join('\n')).toMatch(/NotBefore .* is in the future beyond the 5 min skew/);
  });
  it('accepts an assertion expired less than the skew ago', async () => {
    const { ctx } = entraContext();
    const token = signedDeviceAssertion({
      notBefore: new Date(NOW.getTime() - 3600_000),
      notOnOrAfter: new Date(NOW.getTime() - 4 * 60_000),
    });
    expect((await postToken(ctx, samlGrant(token))).status).toBe(200);
  });
});

describe('SAML 2.0 with saml2-bearer', () => {
  it('a signed SAML 2.0 device assertion gets a device token (claims by full claim URI)', async () => {
    const { ctx } = entraContext();
    const res = await postToken(ctx, samlGrant(signedDeviceAssertion2(), GRANT2));
    expect(res.status).toBe(200);
    const claims = verifyJwt(
      res.body['access_token'] as string,
      publicKeyOf(key('entra-token-signing.key')),
    );
    expect(claims).toMatchObject({ account_type: 'DJ', on_prem_id: DEVICE_GUID });
  });
  it('and with base64url, on the v2.0 endpoint with a .default scope', async () => {
    const { ctx } = entraContext();
    const res = await postToken(
      ctx,
      {
        grant_type: GRANT2,
        assertion: Buffer.from(signedDeviceAssertion2()).toString('base64url'),
        client_id: 'dd762716-544d-4aeb-a526-687b73838a22',
        scope: `${DRS}/.default`,
      },
      { endpoint: 'v2' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      token_type: 'Bearer',
      scope: `${DRS}/.default`,
      expires_in: 3600,
    });
    expect(Object.keys(res.body)).toEqual([
      'token_type',
      'scope',
      'expires_in',
      'ext_expires_in',
      'access_token',
    ]);
  });
  it('a SAML 2.0 signature by an unregistered key → 5000811; after tampering → 50008', async () => {
    const { ctx } = entraContext();
    await refused(ctx, samlGrant(signedDeviceAssertion2({}, 'attacker-signing'), GRANT2), {
      code: 5000811,
      error: 'invalid_request',
      text: 'signing key identifier does not match',
    });
    const tampered = signedDeviceAssertion2().replace('>DJ<', '>XX<');
    await refused(ctx, samlGrant(tampered, GRANT2), {
      code: 50008,
      error: 'invalid_grant',
      text: 'AADSTS50008: SAML token is invalid.',
    });
  });
  it('a SAML 2.0 assertion without NameID → 50008 (modeled)', async () => {
    const { ctx, log } = entraContext();
    const input = { nameId: undefined } as unknown as Parameters<typeof signedDeviceAssertion2>[0];
    await refused(ctx, samlGrant(signedDeviceAssertion2(input), GRANT2), {
      code: 50008,
      error: 'invalid_grant',
      text: 'SAML token is invalid.',
    });
    expect(log.join('\n')).toMatch(/no Subject NameID/);
  });
  it('rollover: a SAML 2.0 token signed with nextSigningCertificate is accepted', async () => {
    const { ctx } = entraContext({ nextSigningCertificate: pem('idp-signing-next.crt') });
    const res = await postToken(
      ctx,
      samlGrant(signedDeviceAssertion2({}, 'idp-signing-next'), GRANT2),
    );
    expect(res.status).toBe(200);
  });
});

describe('the device access token ([AADIBLOG]: the token a captured AD FS device token bought)', () => {
  it('carries account_type DJ, on_prem_id (the GUID), primary_sid, amr ["wia"], unique_name issuer#, no upn', async () => {
    const { ctx } = entraContext();
    const res = await postToken(ctx, samlGrant(signedDeviceAssertion()));
    expect(res.status).toBe(200);
    const claims = verifyJwt(
      res.body['access_token'] as string,
      publicKeyOf(key('entra-token-signing.key')),
    );
    expect(claims).toMatchObject({
      account_type: 'DJ',
      on_prem_id: DEVICE_GUID,
      primary_sid: DEVICE_SID,
      amr: ['wia'],
      unique_name: `${ISSUER}#`,
      idp: ISSUER,
    });
    expect(claims?.['upn']).toBeUndefined();
    expect(claims?.['accounttype']).toBeUndefined();
  });
});

describe('user lookup', () => {
  it('a user token whose ImmutableID no user has → 50034 with {EmailHidden}', async () => {
    const { ctx } = entraContext({ users: [user()] });
    await refused(ctx, samlGrant(signedUserAssertion({ immutableId: 'bm9ib2R5' })), {
      code: 50034,
      error: 'invalid_grant',
      text: `AADSTS50034: The user account {EmailHidden} does not exist in the ${TENANT_ID} directory.`,
    });
  });
  it("a known user gets a token with the user's upn and object id", async () => {
    const { ctx } = entraContext({ users: [user()] });
    const res = await postToken(ctx, samlGrant(signedUserAssertion()));
    expect(res.status).toBe(200);
    const claims = verifyJwt(
      res.body['access_token'] as string,
      publicKeyOf(key('entra-token-signing.key')),
    );
    expect(claims).toMatchObject({ upn: USER_UPN, unique_name: USER_UPN, amr: ['fed'] });
    expect(claims?.['oid']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(claims?.['on_prem_id']).toBeUndefined();
  });
});

describe('MFA (federatedIdpMfaBehavior)', () => {
  const mfaUser = [user({ mfaRequired: true })];
  it('accept (the default), no MFA claim → 50076 interaction_required, HTTP 400', async () => {
    const { ctx } = entraContext({ users: mfaUser });
    await refused(ctx, samlGrant(signedUserAssertion()), {
      code: 50076,
      error: 'interaction_required',
      status: 400,
      text: `AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${DRS}'.`,
    });
  });
  it('accept, with multipleauthn in authnmethodsreferences → token, amr mfa', async () => {
    const { ctx } = entraContext({ users: mfaUser });
    const res = await postToken(ctx, samlGrant(signedUserAssertion({ mfa: true })));
    expect(res.status).toBe(200);
    const claims = verifyJwt(
      res.body['access_token'] as string,
      publicKeyOf(key('entra-token-signing.key')),
    );
    expect(claims?.['amr']).toEqual(['fed', 'mfa']);
  });
  it('accept, with multipleauthn as the SAML 1.1 AuthenticationMethod → token', async () => {
    const { ctx } = entraContext({ users: mfaUser });
    const token = signedUserAssertion({
      patch: { authenticationMethod: 'http://schemas.microsoft.com/claims/multipleauthn' },
    });
    expect((await postToken(ctx, samlGrant(token))).status).toBe(200);
  });
  it('enforce, no MFA claim → 50079 (the IdP must do it)', async () => {
    const { ctx } = entraContext({
      users: mfaUser,
      federatedIdpMfaBehavior: 'enforceMfaByFederatedIdp',
    });
    await refused(ctx, samlGrant(signedUserAssertion()), {
      code: 50079,
      error: 'interaction_required',
      text: 'AADSTS50079: ',
    });
  });
  it('reject, even with the MFA claim → 50076 (Entra always does it)', async () => {
    const { ctx } = entraContext({
      users: mfaUser,
      federatedIdpMfaBehavior: 'rejectMfaByFederatedIdp',
    });
    await refused(ctx, samlGrant(signedUserAssertion({ mfa: true })), {
      code: 50076,
      error: 'interaction_required',
      text: 'you must use multi-factor authentication',
    });
  });
  it('SAML 2.0: the IdP’s MFA counts only in AuthnContextClassRef', async () => {
    const { ctx } = entraContext({
      users: mfaUser,
      federatedIdpMfaBehavior: 'enforceMfaByFederatedIdp',
    });
    const attrs = [{ name: 'IDPEmail', values: [USER_UPN] }];
    const nameId = {
      value: USER_IMMUTABLE_ID,
      format: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
    };
    const withMfa = signedDeviceAssertion2({
      nameId,
      attributes: attrs,
      authnContextClassRef: 'http://schemas.microsoft.com/claims/multipleauthn',
    });
    expect((await postToken(ctx, samlGrant(withMfa, GRANT2))).status).toBe(200);
    const inAttribute = signedDeviceAssertion2({
      id: '_mfa-in-attribute',
      nameId,
      attributes: [
        ...attrs,
        {
          name: `${CLAIM.authnmethodsreferences.namespace}/${CLAIM.authnmethodsreferences.name}`,
          values: ['http://schemas.microsoft.com/claims/multipleauthn'],
        },
      ],
    });
    await refused(ctx, samlGrant(inAttribute, GRANT2), {
      code: 50079,
      error: 'interaction_required',
      text: 'AADSTS50079',
    });
  });
  it('a device token is never asked for MFA', async () => {
    const { ctx } = entraContext({
      users: mfaUser,
      federatedIdpMfaBehavior: 'rejectMfaByFederatedIdp',
    });
    expect((await postToken(ctx, samlGrant(signedDeviceAssertion()))).status).toBe(200);
  });
});
