/**
 * Mock Entra's `oauth2/token` for SAML bearer grants: one positive test, one negative test per
 * check (code, `error`, status, message), and the proof that claims are read only from what the
 * signature covers.
 */
import { describe, expect, it } from 'vitest';
import { verifyJwt } from '../../src/protocol/jwt/jws.ts';
import { publicKeyOf } from '../../src/core/keys.ts';
import { CLAIM } from '../../src/protocol/claims/claim-types.ts';
import { uuidAsBase64BigEndian, uuidAsBase64Guid } from '../../src/protocol/encoding/guid.ts';
import {
  DEVICE_GUID,
  DEVICE_SID,
  entraContext,
  key,
  NOW,
  pem,
  postToken,
  samlGrant,
  signedDeviceAssertion,
  TENANT_ID,
} from '../support/entra-fixture.ts';

const CRLF_DESCRIPTION =
  /^AADSTS\d+: .+\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: c0ffee00-0000-4000-8000-000000000001\r\nTimestamp: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/s;

async function expectAadsts(
  form: Record<string, string>,
  code: number,
  error: string,
  text: string | RegExp,
  opts: Parameters<typeof postToken>[2] = {},
  ctxOverrides = {},
) {
  const { ctx } = entraContext(ctxOverrides);
  const res = await postToken(ctx, form, opts);
  expect(res.status).toBe(400);
  expect(Object.keys(res.body)).toEqual([
    'error',
    'error_description',
    'error_codes',
    'timestamp',
    'trace_id',
    'correlation_id',
    'error_uri',
  ]);
  expect(res.body['error']).toBe(error);
  expect((res.body['error_codes'] as number[]).at(-1)).toBe(code);
  expect(res.body['error_description']).toMatch(CRLF_DESCRIPTION);
  if (typeof text === 'string') expect(res.body['error_description']).toContain(text);
  else expect(res.body['error_description']).toMatch(text);
  expect(res.body['correlation_id']).toBe('c0ffee00-0000-4000-8000-000000000001');
  return res;
}

describe('oauth2/token: success', () => {
  it('issues an access token whose claims describe the device', async () => {
    const { ctx } = entraContext();
    const res = await postToken(ctx, samlGrant(signedDeviceAssertion()));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      token_type: 'Bearer',
      resource: 'urn:ms-drs:enterpriseregistration.windows.net',
    });
    const claims = verifyJwt(
      res.body['access_token'] as string,
      publicKeyOf(key('entra-token-signing.key')),
    );
    expect(claims).toMatchObject({
      tid: TENANT_ID,
      account_type: 'DJ',
      on_prem_id: DEVICE_GUID,
      primary_sid: DEVICE_SID,
      aud: 'urn:ms-drs:enterpriseregistration.windows.net',
    });
  });

  it('accepts the assertion as base64url without padding (MSAL, RFC 7522)', async () => {
    const { ctx } = entraContext();
    const form = samlGrant(signedDeviceAssertion());
    form.assertion = Buffer.from(signedDeviceAssertion(), 'utf8').toString('base64url');
    expect((await postToken(ctx, form)).status).toBe(200);
  });

  it('accepts a token signed with nextSigningCertificate during a rollover', async () => {
    const { ctx } = entraContext({ nextSigningCertificate: pem('idp-signing-next.crt') });
    expect(
      (await postToken(ctx, samlGrant(signedDeviceAssertion({}, 'idp-signing-next')))).status,
    ).toBe(200);
  });
});

describe('oauth2/token: each check refuses with its AADSTS', () => {
  it('(control) the attribute list the claim tests start from is accepted as is', async () => {
    const { ctx } = entraContext();
    expect(
      (
        await postToken(
          ctx,
          samlGrant(signedDeviceAssertion({ attributes: signedDeviceAssertionAttributes() })),
        )
      ).status,
    ).toBe(200);
  });
  it('900144 without grant_type', () =>
    expectAadsts(
      { assertion: 'x', client_id: 'c', resource: 'r' },
      900144,
      'invalid_request',
      "The request body must contain the following parameter: 'grant_type'.",
    ));
  it('900144 without assertion', () => {
    const f = samlGrant('<x/>');
    delete (f as Partial<typeof f>).assertion;
    return expectAadsts(f, 900144, 'invalid_request', "parameter: 'assertion'");
  });
  it('90002 for an unknown tenant', () =>
    expectAadsts(
      samlGrant(signedDeviceAssertion()),
      90002,
      'invalid_request',
      "Tenant 'contoso.example' not found.",
      { tenant: 'contoso.example' },
    ));
  it('50008 for an assertion that is not base64', () =>
    expectAadsts(
      { ...samlGrant(''), assertion: '***' },
      50008,
      'invalid_grant',
      'AADSTS50008: SAML token is invalid.',
    ));
  it('50008 with the real text for a SAML 2.0 element sent as SAML 1.1', () =>
    expectAadsts(
      samlGrant(
        '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_1" Version="2.0"/>',
      ),
      50008,
      'invalid_grant',
      'AADSTS50008: Cannot read SecurityToken. Expected element is (Assertion, urn:oasis:names:tc:SAML:1.0:assertion) the actual element is (Assertion, urn:oasis:names:tc:SAML:2.0:assertion).',
    ));
  it('50008 for an unsigned assertion', async () => {
    const unsigned = signedDeviceAssertion().replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
    await expectAadsts(samlGrant(unsigned), 50008, 'invalid_grant', 'SAML token is invalid.');
  });
  it('50008 for a DTD', () =>
    expectAadsts(
      samlGrant(`<!DOCTYPE x [<!ENTITY e "DJ">]>${signedDeviceAssertion()}`),
      50008,
      'invalid_grant',
      'SAML token is invalid.',
    ));
  it('5000811 for a key the tenant never registered (attacker key, certificate in KeyInfo)', () =>
    expectAadsts(
      samlGrant(signedDeviceAssertion({}, 'attacker-signing')),
      5000811,
      'invalid_request',
      'AADSTS5000811: Unable to verify token signature. The signing key identifier does not match any valid registered keys.',
    ));
  it('5000811 after a rollover without nextSigningCertificate', () =>
    expectAadsts(
      samlGrant(signedDeviceAssertion({}, 'idp-signing-next')),
      5000811,
      'invalid_request',
      'signing key identifier',
    ));
  it("50107 for an issuer that is no federated domain's issuerUri (trailing slash)", () =>
    expectAadsts(
      samlGrant(
        signedDeviceAssertion({
          issuer: 'https://sso.example.com/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e/',
        }),
      ),
      50107,
      'invalid_request',
      "AADSTS50107: The requested federation realm object 'https://sso.example.com/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e/' does not exist.",
    ));
  it('50013 (modeled) for a wrong audience', () =>
    expectAadsts(
      samlGrant(signedDeviceAssertion({ audiences: ['urn:federation:MicrosoftOnline:usgov'] })),
      50013,
      'invalid_grant',
      "The audience 'urn:federation:MicrosoftOnline:usgov'",
    ));
  it('70002 + 500133 for an expired assertion', async () => {
    const res = await expectAadsts(
      samlGrant(
        signedDeviceAssertion({
          notBefore: new Date(NOW.getTime() - 7200_000),
          notOnOrAfter: new Date(NOW.getTime() - 3600_000),
        }),
      ),
      500133,
      'invalid_grant',
      'AADSTS70002: Error validating credentials. AADSTS500133: Assertion is not within its valid time range.',
    );
    expect(res.body['error_codes']).toEqual([70002, 500133]);
  });
  it('accepts an assertion inside the clock skew', async () => {
    const { ctx } = entraContext();
    const res = await postToken(
      ctx,
      samlGrant(signedDeviceAssertion({ notBefore: new Date(NOW.getTime() + 60_000) })),
    );
    expect(res.status).toBe(200);
  });
  it('7500514 for a SAML 1.1 assertion with the saml2-bearer grant', () =>
    expectAadsts(
      samlGrant(signedDeviceAssertion(), 'urn:ietf:params:oauth:grant-type:saml2-bearer'),
      7500514,
      'invalid_request',
      'AADSTS7500514: A supported type of SAML response was not found.',
    ));
  it('90020 without an ImmutableID NameIdentifier', async () => {
    const input = { nameIdentifier: undefined } as unknown as Parameters<
      typeof signedDeviceAssertion
    >[0];
    await expectAadsts(
      samlGrant(signedDeviceAssertion(input)),
      90020,
      'invalid_grant',
      'AADSTS90020: The SAML 1.1 Assertion is missing ImmutableID of the user.',
    );
  });
  it.each([
    [
      'accounttype in the wrong namespace',
      {
        ...CLAIM.accounttype,
        namespace: 'http://schemas.microsoft.com/ws/2008/06/identity/claims',
      },
    ],
    [
      'onpremobjectguid in the wrong namespace',
      {
        ...CLAIM.onpremobjectguid,
        namespace: 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified',
      },
    ],
    [
      'primarysid in the wrong namespace',
      { ...CLAIM.primarysid, namespace: 'http://schemas.microsoft.com/identity/claims' },
    ],
  ])("51004 (the seed's text) for %s", async (_label, replacement) => {
    const attrs = signedDeviceAssertionAttributes().map((a) =>
      a.name === replacement.name ? { ...a, namespace: replacement.namespace } : a,
    );
    await expectAadsts(
      samlGrant(signedDeviceAssertion({ attributes: attrs })),
      51004,
      'invalid_grant',
      `AADSTS51004: The user account {EUII Hidden} does not exist in the ${TENANT_ID} directory. To sign into this application, the account must be added to the directory.`,
    );
  });
  it('51004 when primarysid is missing', () =>
    expectAadsts(
      samlGrant(
        signedDeviceAssertion({
          attributes: signedDeviceAssertionAttributes().filter((a) => a.name !== 'primarysid'),
        }),
      ),
      51004,
      'invalid_grant',
      'does not exist in the',
    ));
  it('51004 (modeled) for a big-endian onpremobjectguid of a synced computer', async () => {
    const { ctx } = entraContext();
    ctx.tenant.syncedDevices.push({
      objectGuid: DEVICE_GUID,
      objectSid: DEVICE_SID,
      userCertificates: [],
    });
    const attrs = signedDeviceAssertionAttributes().map((a) =>
      a.name === 'onpremobjectguid' ? { ...a, values: [uuidAsBase64BigEndian(DEVICE_GUID)] } : a,
    );
    const res = await postToken(ctx, samlGrant(signedDeviceAssertion({ attributes: attrs })));
    expect(res.status).toBe(400);
    expect(res.body['error_codes']).toEqual([51004]);
  });
});

describe('oauth2/token: claims come only from what the signature covers', () => {
  it('a claim changed after signing is refused (50008), whatever it says', async () => {
    const { ctx, log } = entraContext();
    const tampered = signedDeviceAssertion().replace(DEVICE_SID, 'S-1-5-21-666-666-666-500');
    const res = await postToken(ctx, samlGrant(tampered));
    expect(res.body['error_codes']).toEqual([50008]);
    expect(log.join('\n')).toMatch(/signature-invalid/);
  });

  it('a signed assertion wrapped inside an evil one (XSW) never yields the evil claims', async () => {
    const { ctx, log } = entraContext();
    const good = signedDeviceAssertion();
    const evil = signedDeviceAssertion({ assertionId: '_evil' }, 'attacker-signing')
      .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')
      .replace(DEVICE_SID, 'S-1-5-21-666-666-666-500')
      .replace('</saml:Assertion>', `<saml:Advice>${good}</saml:Advice></saml:Assertion>`);
    const res = await postToken(ctx, samlGrant(evil));
    expect(res.status).toBe(400);
    expect(res.body['error_codes']).toEqual([50008]);
    expect(JSON.stringify(res.body)).not.toContain('666');
    expect(log.join('\n')).toMatch(/not-signed|wrapping/);
  });

  it('an evil assertion beside the signed one (two roots) is refused', async () => {
    const { ctx } = entraContext();
    const res = await postToken(
      ctx,
      samlGrant(`${signedDeviceAssertion()}${signedDeviceAssertion()}`),
    );
    expect(res.body['error_codes']).toEqual([50008]);
  });
});

function signedDeviceAssertionAttributes() {
  return [
    { ...CLAIM.ImmutableID, values: [uuidAsBase64Guid(DEVICE_GUID)] },
    { ...CLAIM.accounttype, values: ['DJ'] },
    { ...CLAIM.onpremobjectguid, values: [uuidAsBase64Guid(DEVICE_GUID)] },
    { ...CLAIM.primarysid, values: [DEVICE_SID] },
  ];
}
