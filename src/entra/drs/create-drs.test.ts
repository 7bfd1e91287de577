import { createPublicKey, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DRS_HOST, DSREG_CLIENT_ID } from '../../protocol/entra-names.ts';
import { deviceKey } from '../../core/keys.ts';
import { signJwt } from '../../protocol/jwt/jws.ts';
import {
  formatHresult,
  hresultForDiscoveryError,
  hresultForDrsError,
  readDrsError,
} from '../../protocol/drs/drs-error.ts';
import { readDiscoveryDocument } from '../../protocol/drs/discovery.ts';
import {
  buildFederatedJoinRequest,
  buildSyncJoinRequest,
  CSR_SUBJECT_CN,
} from '../../protocol/drs/join-request.ts';
import { readJoinResponse } from '../../protocol/drs/join-response.ts';
import { buildCertificate, buildCsr, derToPem } from '../../protocol/x509/build-certificate.ts';
import { issueAccessToken } from '../access-token.ts';
import { createDrsParty } from './create-drs.ts';
import {
  call,
  DEVICE_ID,
  DEVICE_SID,
  drsTestContext,
  FEDERATED_DOMAIN,
  JOIN_TIME,
  MANAGED_DOMAIN,
  TENANT_ID,
  type TestContext,
} from '../../../test/support/drs-test-context.ts';

const IDP = 'https://sso.example.com/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e';
const DEVICE_KEY = deviceKey(0);
const TRANSPORT_KEY = deviceKey(1);
const USER_CERT_KEY = deviceKey(3);
const OTHER_KEY = deviceKey(4);

const csr = (publicKey: KeyObject = DEVICE_KEY, privateKey: KeyObject = publicKey) =>
  buildCsr({ subject: [{ name: 'commonName', value: CSR_SUBJECT_CN }], publicKey, privateKey });

/** The computer's self-signed `userCertificate` (CN = objectGUID, [DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC] / DSRegTool). */
const userCertificatePem = derToPem(
  buildCertificate({
    subject: [{ name: 'commonName', value: DEVICE_ID }],
    publicKey: USER_CERT_KEY,
    signingKey: USER_CERT_KEY,
    serialHex: '0a1b2c3d',
    notBefore: new Date('2025-07-01T00:00:00Z'),
    notAfter: new Date('2026-07-01T00:00:00Z'),
  }),
);

function deviceToken(
  ctx: TestContext,
  claims: { account_type?: string; on_prem_id?: string } = {},
): string {
  return issueAccessToken(ctx, {
    appid: DSREG_CLIENT_ID,
    idp: IDP,
    account_type: 'DJ',
    on_prem_id: DEVICE_ID,
    unique_name: `http://${FEDERATED_DOMAIN}/adfs/services/trust/#`,
    ...claims,
  }).token;
}

const federatedBody = (csrDer: Buffer = csr()) =>
  buildFederatedJoinRequest({
    csrDer,
    transportKey: TRANSPORT_KEY,
    targetDomain: FEDERATED_DOMAIN,
    osVersion: '10.0.19045.5965',
    displayName: 'IMOK-HYJD',
  });

const syncBody = (over: { sid?: string; key?: KeyObject; targetDomainId?: string } = {}) =>
  buildSyncJoinRequest({
    csrDer: csr(),
    transportKey: TRANSPORT_KEY,
    targetDomain: TENANT_ID,
    targetDomainId: over.targetDomainId ?? TENANT_ID,
    osVersion: '10.0.19045.5965',
    displayName: 'IMOK-HYJD',
    sid: over.sid ?? DEVICE_SID,
    signedAt: JOIN_TIME,
    userCertificateKey: over.key ?? USER_CERT_KEY,
  });

function setup(over: Parameters<typeof drsTestContext>[0] = {}) {
  const ctx = drsTestContext(over);
  return { ctx, drs: createDrsParty(ctx) };
}

function expectDrsError(
  res: { status: number; json: unknown },
  status: number,
  errorType: string,
  message?: string,
) {
  expect(res.status).toBe(status);
  const body = readDrsError(res.json);
  expect(body).toBeDefined();
  expect(Object.keys(res.json as object)).toEqual(['ErrorType', 'Message', 'TraceId', 'Time']);
  expect(body!.ErrorType).toBe(errorType);
  if (message !== undefined) expect(body!.Message).toBe(message);
  expect(body!.TraceId).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  expect(body!.Time).toBe('2025-07-10T17:22:13Z');
  return body!;
}

describe('mock DRS party', () => {
  it('answers for enterpriseregistration.windows.net as mock-entra-drs', () => {
    const { drs } = setup();
    expect(drs.host).toBe(DRS_HOST);
    expect(drs.name).toBe('mock-entra-drs');
  });
});

describe('GET /<tenant>/discover', () => {
  it('by tenant id: the seed URLs and versions, Federated false, TenantName the first domain', async () => {
    const { drs } = setup();
    const res = await call(drs, 'GET', `/${TENANT_ID}/discover?api-version=1.7`, {
      headers: {
        Accept: 'application/json',
        'ocp-adrs-client-name': 'dsreg',
        'ocp-adrs-client-version': '10',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['date']).toBe('Thu, 10 Jul 2025 17:22:13 GMT');
    const doc = readDiscoveryDocument(res.json);
    expect(doc.ok).toBe(true);
    if (!doc.ok) return;
    expect(doc.value.DeviceJoinService).toEqual({
      JoinEndpoint: 'https://enterpriseregistration.windows.net/EnrollmentServer/device/',
      JoinResourceId: 'urn:ms-drs:enterpriseregistration.windows.net',
      ServiceVersion: '2.0',
    });
    expect(doc.value.AuthenticationService.OAuth2).toEqual({
      AuthCodeEndpoint: `https://login.microsoftonline.com/${TENANT_ID}/oauth2/authorize`,
      TokenEndpoint: `https://login.microsoftonline.com/${TENANT_ID}/oauth2/token`,
    });
    expect(doc.value.KeyProvisioningService.ServiceVersion).toBe('1.0');
    expect(doc.value.WebAuthNService.WebAuthNEndpoint).toBe(
      `https://enterpriseregistration.windows.net/webauthn/${TENANT_ID}/`,
    );
    expect(doc.value.DeviceManagementService.DeviceManagementEndpoint).toBe(
      `https://enterpriseregistration.windows.net/manage/${TENANT_ID}/`,
    );
    expect(doc.value.IdentityProviderService.Federated).toBe(false);
    expect(doc.value.TenantInfo).toEqual({
      DisplayName: 'IMOKATDI TEST ONLY',
      TenantId: TENANT_ID,
      TenantName: FEDERATED_DOMAIN,
    });
  });

  it('by federated domain name (any case, /Discover spelling, api-version 1.9): Federated true', async () => {
    const { drs } = setup();
    const res = await call(
      drs,
      'GET',
      `/${FEDERATED_DOMAIN.toUpperCase()}/Discover?api-version=1.9`,
    );
    expect(res.status).toBe(200);
    const doc = readDiscoveryDocument(res.json);
    expect(doc.ok && doc.value.IdentityProviderService.Federated).toBe(true);
    expect(doc.ok && doc.value.TenantInfo.TenantName).toBe(FEDERATED_DOMAIN);
    expect(doc.ok && doc.value.TenantInfo.TenantId).toBe(TENANT_ID);
  });

  it('by managed domain name: Federated false', async () => {
    const { drs } = setup();
    const res = await call(drs, 'GET', `/${MANAGED_DOMAIN}/discover?api-version=1.7`);
    const doc = readDiscoveryDocument(res.json);
    expect(doc.ok && doc.value.IdentityProviderService.Federated).toBe(false);
    expect(doc.ok && doc.value.TenantInfo.TenantName).toBe(MANAGED_DOMAIN);
  });

  it('unknown tenant: 404 DirectoryError AADSTS90002, which the client reports as 0x801c003a', async () => {
    const { drs } = setup();
    const wrong = '11111111-2222-4333-8444-555555555555';
    const res = await call(drs, 'GET', `/${wrong}/discover?api-version=1.7`);
    expectDrsError(
      res,
      404,
      'DirectoryError',
      `AADSTS90002: Tenant '${wrong}' not found. This error might happen if there are no active subscriptions for the tenant. Check with your subscription administrator.`,
    );
    expect(formatHresult(hresultForDiscoveryError(res.status))).toBe('0x801c003a');
    const other = await call(drs, 'GET', '/contoso.onmicrosoft.com/discover?api-version=1.7');
    expect(other.status).toBe(404);
  });

  it.each([
    ['missing', `/${TENANT_ID}/discover`],
    ['2.0', `/${TENANT_ID}/discover?api-version=2.0`],
    ['1.x', `/${TENANT_ID}/discover?api-version=1.x`],
  ])('api-version %s: 400 BadRequest', async (_name, path) => {
    const { drs } = setup();
    expectDrsError(await call(drs, 'GET', path), 400, 'BadRequest');
  });

  it.each([
    ['application/json, text/plain, */*', 200],
    ['*/*', 200],
    ['application/json;q=0.9', 200],
    ['application/xml', 200],
    ['text/html', 406],
  ])('Accept %s: %i', async (accept, status) => {
    const { drs } = setup();
    const res = await call(drs, 'GET', `/${TENANT_ID}/discover?api-version=1.7`, {
      headers: { Accept: accept },
    });
    expect(res.status).toBe(status);
    if (status !== 200) expectDrsError(res, status, 'BadRequest');
  });

  it('legacy contract: 1.0 and 1.2 each answer their own service set, ServiceVersion = the version asked; 1.7 is refused', async () => {
    const { drs } = setup();
    const get = async (v: string) =>
      call(drs, 'GET', `/${FEDERATED_DOMAIN}/enrollmentserver/contract?api-version=${v}`, {
        headers: { Accept: 'application/json' },
      });
    const v10 = (await get('1.0')).json as Record<string, { ServiceVersion?: string }>;
    const v12 = (await get('1.2')).json as Record<string, { ServiceVersion?: string }>;
    // [DVRD] §2.2.4.1–§2.2.4.5 for 1.0; §2.2.4.6 and §2.2.4.11 join 1.2.
    expect(Object.keys(v10)).toEqual([
      'DeviceRegistrationService',
      'AuthenticationService',
      'IdentityProviderService',
    ]);
    expect(Object.keys(v12)).toEqual([
      'DeviceRegistrationService',
      'AuthenticationService',
      'IdentityProviderService',
      'DeviceJoinService',
      'KeyProvisioningService',
    ]);
    // [DVRD] §2.2.4.2: "MUST match the version that was requested by the client".
    expect(v10['DeviceRegistrationService']!.ServiceVersion).toBe('1.0');
    expect(v12['DeviceRegistrationService']!.ServiceVersion).toBe('1.2');
    expect((await get('1.7')).status).toBe(400);
  });

  it('JSON escapes every slash as \\/ ([DVRD] §4.3) and still parses to the same URLs', async () => {
    const { drs } = setup();
    const res = await call(drs, 'GET', `/${TENANT_ID}/discover?api-version=1.7`, {
      headers: { Accept: 'application/json' },
    });
    expect(res.body).toContain(
      '"JoinEndpoint":"https:\\/\\/enterpriseregistration.windows.net\\/EnrollmentServer\\/device\\/"',
    );
    expect(res.body).not.toMatch(/[^\\]\//);
    const doc = readDiscoveryDocument(res.json);
    expect(doc.ok && doc.value.DeviceJoinService.JoinEndpoint).toBe(
      'https://enterpriseregistration.windows.net/EnrollmentServer/device/',
    );
  });

  it.each(['1.7', '1.9'])(
    'DiscoveryService.ServiceVersion echoes api-version %s ([DWIKI] event 101)',
    async (v) => {
      const { drs } = setup();
      const res = await call(drs, 'GET', `/${TENANT_ID}/discover?api-version=${v}`);
      expect(
        (res.json as { DiscoveryService: { ServiceVersion: string } }).DiscoveryService,
      ).toMatchObject({ ServiceVersion: v });
    },
  );

  it('Accept: application/xml gets <Discovery> in the DataContract namespace ([DVRD] §4.2)', async () => {
    const { drs } = setup();
    const res = await call(
      drs,
      'GET',
      `/${FEDERATED_DOMAIN}/enrollmentserver/contract?api-version=1.0`,
      {
        headers: { Accept: 'application/xml' },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.body).toMatch(
      /^<Discovery xmlns="http:\/\/schemas\.datacontract\.org\/2004\/07\/Microsoft\.DeviceRegistration\.Entities"/,
    );
    expect(res.body).toContain(
      '<DeviceRegistrationService><RegistrationEndpoint>https://enterpriseregistration.windows.net/EnrollmentServer/DeviceEnrollmentWebService.svc</RegistrationEndpoint>',
    );
    expect(res.body).toContain('<ServiceVersion>1.0</ServiceVersion>');
  });

  it('a federated domain with a passive sign-in URL: PassiveAuthEndpoint is the AD FS /adfs/ls URL ([MSALOBJC])', async () => {
    const ctx = drsTestContext();
    const fs = 'https://fs.imokatdi.example/adfs/ls/';
    const drs = createDrsParty({
      ...ctx,
      tenant: {
        ...ctx.tenant,
        domains: ctx.tenant.domains.map((d) =>
          d.federation ? { ...d, federation: { ...d.federation, passiveSignInUri: fs } } : d,
        ),
      },
    });
    const res = await call(
      drs,
      'GET',
      `/${FEDERATED_DOMAIN}/enrollmentserver/contract?api-version=1.0`,
    );
    expect(
      (res.json as { IdentityProviderService: { PassiveAuthEndpoint: string } })
        .IdentityProviderService.PassiveAuthEndpoint,
    ).toBe(fs);
    const managed = await call(drs, 'GET', `/${MANAGED_DOMAIN}/discover?api-version=1.7`);
    expect(
      (managed.json as { IdentityProviderService: { PassiveAuthEndpoint: string } })
        .IdentityProviderService.PassiveAuthEndpoint,
    ).toBe(`https://login.microsoftonline.com/${TENANT_ID}/wsfed`);
  });
});

describe('POST /EnrollmentServer/device/ (federated join)', () => {
  it('issues a certificate for the token deviceid, chained to the test CA, and registers the device', async () => {
    const { ctx, drs } = setup();
    const res = await call(drs, 'POST', '/EnrollmentServer/device/?api-version=2.0', {
      headers: {
        Authorization: `Bearer ${deviceToken(ctx)}`,
        'Content-Type': 'application/json',
        'client-request-id': '7d05360e-378f-4e2e-81b1-0289d60b974b',
      },
      body: federatedBody(),
    });
    expect(res.status).toBe(200);
    expect(res.headers['date']).toBe('Thu, 10 Jul 2025 17:22:13 GMT');
    expect(res.headers['client-request-id']).toBe('7d05360e-378f-4e2e-81b1-0289d60b974b');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');

    const join = readJoinResponse(res.json);
    expect(join.ok).toBe(true);
    if (!join.ok) return;
    const der = Buffer.from(join.value.Certificate.RawBody, 'base64');
    const cert = new X509Certificate(der);
    const ca = new X509Certificate(ctx.deviceCa.certificatePem);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.subject).toBe(`CN=${DEVICE_ID}`);
    expect(cert.publicKey.export({ type: 'spki', format: 'der' })).toEqual(
      createPublicKey(DEVICE_KEY).export({ type: 'spki', format: 'der' }),
    );
    expect(new Date(cert.validFrom)).toEqual(new Date('2025-07-10T16:52:13Z'));
    expect(new Date(cert.validTo)).toEqual(new Date('2035-07-10T17:22:13Z'));
    expect(join.value.Certificate.Thumbprint).toBe(cert.fingerprint.replace(/:/g, ''));
    expect(join.value.Certificate.Thumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(join.value.User.Upn).toBe(`http://${FEDERATED_DOMAIN}/adfs/services/trust/#`);
    expect(join.value.MembershipChanges).toHaveLength(1);
    expect(join.value.MembershipChanges[0]!.LocalSID).toBe('S-1-5-32-544');
    expect(join.value.MembershipChanges[0]!.AddSIDs).toHaveLength(2);
    for (const sid of join.value.MembershipChanges[0]!.AddSIDs)
      expect(sid).toMatch(/^S-1-12-1(-\d+){4}$/);

    expect(ctx.tenant.registeredDevices).toEqual([
      {
        deviceId: DEVICE_ID,
        displayName: 'IMOK-HYJD',
        joinType: 'federated',
        thumbprint: join.value.Certificate.Thumbprint,
        certificateDer: der,
        registeredAt: JOIN_TIME,
        osVersion: '10.0.19045.5965',
      },
    ]);
  });

  it('accepts api-version 1.0 and a path without the trailing slash; a re-join replaces the registration', async () => {
    const { ctx, drs } = setup();
    const send = (path: string) =>
      call(drs, 'POST', path, {
        headers: { Authorization: `Bearer ${deviceToken(ctx)}` },
        body: federatedBody(),
      });
    expect((await send('/EnrollmentServer/device?api-version=1.0')).status).toBe(200);
    ctx.clock.advance(60_000);
    const again = await send('/enrollmentserver/device/?api-version=2.0');
    expect(again.status).toBe(200);
    expect(ctx.tenant.registeredDevices).toHaveLength(1);
    expect(ctx.tenant.registeredDevices[0]!.thumbprint).toBe(
      (again.json as { Certificate: { Thumbprint: string } }).Certificate.Thumbprint,
    );
  });

  describe('bearer refused: 401 AuthenticationError → 0x801c0002', () => {
    const cases: [string, (ctx: TestContext) => Record<string, string>][] = [
      ['missing', () => ({})],
      ['not Bearer', (ctx) => ({ Authorization: `Basic ${deviceToken(ctx)}` })],
      [
        'forged (signed by a key mock Entra does not use)',
        (ctx) => {
          const now = Math.floor(ctx.clock.now().getTime() / 1000);
          const claims = {
            aud: 'urn:ms-drs:enterpriseregistration.windows.net',
            iss: `https://sts.windows.net/${TENANT_ID}/`,
            tid: TENANT_ID,
            appid: DSREG_CLIENT_ID,
            idp: IDP,
            iat: now,
            nbf: now,
            exp: now + 3600,
            account_type: 'DJ',
            on_prem_id: DEVICE_ID,
          };
          return { Authorization: `Bearer ${signJwt(claims, OTHER_KEY, 'hjsim-test-entra')}` };
        },
      ],
      [
        'expired',
        (ctx) => {
          const token = deviceToken(ctx);
          ctx.clock.advance(3601 * 1000);
          return { Authorization: `Bearer ${token}` };
        },
      ],
      [
        'for another resource',
        (ctx) => ({
          Authorization: `Bearer ${issueAccessToken(ctx, { appid: DSREG_CLIENT_ID, idp: IDP, account_type: 'DJ', on_prem_id: DEVICE_ID, aud: 'https://graph.microsoft.com' }).token}`,
        }),
      ],
    ];
    it.each(cases)('%s', async (_name, headers) => {
      const { ctx, drs } = setup();
      const h = headers(ctx);
      const res = await call(drs, 'POST', '/EnrollmentServer/device/?api-version=2.0', {
        headers: h,
        body: federatedBody(),
      });
      expect(res.status).toBe(401);
      const body = readDrsError(res.json)!;
      expect(body.ErrorType).toBe('AuthenticationError');
      expect(body.Message).toBe('The access token is missing, invalid or expired.');
      expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      expect(formatHresult(hresultForDrsError(body, res.status))).toBe('0x801c0002');
      expect(ctx.tenant.registeredDevices).toHaveLength(0);
      expect(ctx.logs.join('\n')).toMatch(/401 AuthenticationError/);
    });
  });

  it.each<[string, { account_type?: string; on_prem_id?: string }]>([
    ['a user token (no accounttype)', { on_prem_id: DEVICE_ID }],
    ['accounttype User', { account_type: 'User', on_prem_id: DEVICE_ID }],
    ['no deviceid', { account_type: 'DJ' }],
    ['a deviceid that is not a GUID', { account_type: 'DJ', on_prem_id: 'IMOK-HYJD' }],
  ])('%s: 400 AuthenticationError', async (_name, claims) => {
    const { ctx, drs } = setup();
    const token = issueAccessToken(ctx, { appid: DSREG_CLIENT_ID, idp: IDP, ...claims }).token;
    const res = await call(drs, 'POST', '/EnrollmentServer/device/?api-version=2.0', {
      headers: { Authorization: `Bearer ${token}` },
      body: federatedBody(),
    });
    expectDrsError(
      res,
      400,
      'AuthenticationError',
      "The access token does not identify a domain-joined device: the claims account_type 'DJ' and on_prem_id are required.",
    );
    expect(ctx.tenant.registeredDevices).toHaveLength(0);
  });

  it('JoinType 0 (Entra join): 400 BadRequest', async () => {
    const { ctx, drs } = setup();
    const res = await call(drs, 'POST', '/EnrollmentServer/device/?api-version=2.0', {
      headers: { Authorization: `Bearer ${deviceToken(ctx)}` },
      body: { ...federatedBody(), JoinType: 0 },
    });
    expectDrsError(
      res,
      400,
      'BadRequest',
      'JoinType 0 is not supported: a hybrid join request must use JoinType 6.',
    );
    expect(formatHresult(hresultForDrsError(readDrsError(res.json), 400))).toBe('0x801c0006');
  });

  const smallKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
  it.each<[string, () => unknown, string]>([
    [
      'CSR data that is not DER',
      () => ({ ...federatedBody(), CertificateRequest: { Type: 'pkcs10', Data: 'AAAAAAAA' } }),
      'The certificate request is invalid: it is not a PKCS#10 request for an RSA key',
    ],
    [
      'CSR signed by a key other than its own',
      () => federatedBody(csr(DEVICE_KEY, OTHER_KEY)),
      'The certificate request is invalid: its signature does not verify',
    ],
    [
      'CSR for a 1024-bit key',
      () => federatedBody(csr(smallKey)),
      'The certificate request is invalid: the key must be RSA of at least 2048 bits',
    ],
    [
      'a body that is not JSON',
      () => '{"CertificateRequest":',
      'The join request is invalid: the body is not JSON',
    ],
    [
      'a body without TransportKey',
      () => ({ ...federatedBody(), TransportKey: undefined }),
      'The join request is invalid: TransportKey must be a non-empty string',
    ],
  ])('%s: 400 BadRequest', async (_name, body, message) => {
    const { ctx, drs } = setup();
    const res = await call(drs, 'POST', '/EnrollmentServer/device/?api-version=2.0', {
      headers: { Authorization: `Bearer ${deviceToken(ctx)}` },
      body: body(),
    });
    expectDrsError(res, 400, 'BadRequest', message);
    expect(ctx.tenant.registeredDevices).toHaveLength(0);
  });

  it('api-version 3.0: 400 BadRequest', async () => {
    const { ctx, drs } = setup();
    const res = await call(drs, 'POST', '/EnrollmentServer/device/?api-version=3.0', {
      headers: { Authorization: `Bearer ${deviceToken(ctx)}` },
      body: federatedBody(),
    });
    expectDrsError(res, 400, 'BadRequest', "The api-version '3.0' is not supported.");
  });
});

describe('PUT /EnrollmentServer/device/<deviceId> (sync join)', () => {
  const synced = (userCertificates: string[] = [userCertificatePem]) => ({
    syncedDevices: [
      { objectGuid: DEVICE_ID, objectSid: DEVICE_SID, displayName: 'IMOK-HYJD', userCertificates },
    ],
  });

  it('joins a synced computer that proves its SID with its userCertificate key', async () => {
    const { ctx, drs } = setup(synced());
    const res = await call(drs, 'PUT', `/EnrollmentServer/device/${DEVICE_ID}?api-version=2.0`, {
      headers: { 'client-request-id': '2b1b97b0-539e-4b48-91fe-55761b923b45' },
      body: syncBody(),
    });
    expect(res.status).toBe(200);
    expect(res.headers['client-request-id']).toBe('2b1b97b0-539e-4b48-91fe-55761b923b45');
    const join = readJoinResponse(res.json);
    expect(join.ok).toBe(true);
    if (!join.ok) return;
    const cert = new X509Certificate(Buffer.from(join.value.Certificate.RawBody, 'base64'));
    expect(cert.verify(new X509Certificate(ctx.deviceCa.certificatePem).publicKey)).toBe(true);
    expect(cert.subject).toBe(`CN=${DEVICE_ID}`);
    expect(join.value.User.Upn).toBe('');
    expect(ctx.tenant.registeredDevices).toHaveLength(1);
    expect(ctx.tenant.registeredDevices[0]).toMatchObject({
      deviceId: DEVICE_ID,
      joinType: 'sync',
      displayName: 'IMOK-HYJD',
    });
  });

  it('finds the device whatever the case of the id in the URL, and reads a bare-base64 userCertificate', async () => {
    const bare = userCertificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
    const { ctx, drs } = setup(synced([bare]));
    const res = await call(
      drs,
      'PUT',
      `/EnrollmentServer/device/${DEVICE_ID.toUpperCase()}?api-version=1.0`,
      {
        body: syncBody(),
      },
    );
    expect(res.status).toBe(200);
    expect(ctx.tenant.registeredDevices[0]!.deviceId).toBe(DEVICE_ID);
  });

  it('a computer Entra Connect has not synced: 400 DirectoryError "…is not found." → 0x801c03f2', async () => {
    const { ctx, drs } = setup();
    const res = await call(drs, 'PUT', `/EnrollmentServer/device/${DEVICE_ID}?api-version=2.0`, {
      body: syncBody(),
    });
    const body = expectDrsError(
      res,
      400,
      'DirectoryError',
      'The device object by the given id (3f0817b9-ca17-4714-ab81-f7b5943dec7b) is not found.',
    );
    expect(formatHresult(hresultForDrsError(body, res.status))).toBe('0x801c03f2');
    expect(ctx.tenant.registeredDevices).toHaveLength(0);
  });

  it('synced without a userCertificate: 400 DirectoryError "The public key user certificate is not found…"', async () => {
    const { drs } = setup(synced([]));
    const res = await call(drs, 'PUT', `/EnrollmentServer/device/${DEVICE_ID}?api-version=2.0`, {
      body: syncBody(),
    });
    expectDrsError(
      res,
      400,
      'DirectoryError',
      'The public key user certificate is not found on the device object with id: (3f0817b9-ca17-4714-ab81-f7b5943dec7b).',
    );
  });

  it.each<[string, Parameters<typeof syncBody>[0]]>([
    ['another computer’s SID', { sid: 'S-1-5-21-1004336348-1177238915-682003330-1106' }],
    ['a blob signed with a key whose certificate was not synced', { key: OTHER_KEY }],
  ])('%s: 400 AuthenticationError → 0x801c0002', async (_name, over) => {
    const { ctx, drs } = setup(synced());
    const res = await call(drs, 'PUT', `/EnrollmentServer/device/${DEVICE_ID}?api-version=2.0`, {
      body: syncBody(over),
    });
    const body = expectDrsError(
      res,
      400,
      'AuthenticationError',
      "The verification of the target computer's SID failed.",
    );
    expect(formatHresult(hresultForDrsError(body, res.status))).toBe('0x801c0002');
    expect(ctx.tenant.registeredDevices).toHaveLength(0);
  });

  it('a ClientIdentity Sid without the timestamp: 400 AuthenticationError', async () => {
    const { drs } = setup(synced());
    const body = syncBody();
    body.ServerAdJoinData.ClientIdentity.Sid = DEVICE_SID;
    const res = await call(drs, 'PUT', `/EnrollmentServer/device/${DEVICE_ID}?api-version=2.0`, {
      body,
    });
    expectDrsError(
      res,
      400,
      'AuthenticationError',
      "The verification of the target computer's SID failed.",
    );
  });

  it('a TargetDomainId that is not this tenant: 400 DirectoryError AADSTS90002', async () => {
    const { drs } = setup(synced());
    const wrong = '11111111-2222-4333-8444-555555555555';
    const res = await call(drs, 'PUT', `/EnrollmentServer/device/${DEVICE_ID}?api-version=2.0`, {
      body: syncBody({ targetDomainId: wrong }),
    });
    expectDrsError(res, 400, 'DirectoryError');
    expect(readDrsError(res.json)!.Message).toMatch(
      new RegExp(`^AADSTS90002: Tenant '${wrong}' not found\\.`),
    );
  });

  it('a body missing ServerAdJoinData: 400 BadRequest', async () => {
    const { drs } = setup(synced());
    const rest: Partial<ReturnType<typeof syncBody>> = syncBody();
    delete rest.ServerAdJoinData;
    const res = await call(drs, 'PUT', `/EnrollmentServer/device/${DEVICE_ID}?api-version=2.0`, {
      body: rest,
    });
    expectDrsError(
      res,
      400,
      'BadRequest',
      'The join request is invalid: ServerAdJoinData must be a JSON object',
    );
  });

  it('a bad CSR after a good identity: 400 BadRequest, nothing registered', async () => {
    const { ctx, drs } = setup(synced());
    const body = syncBody();
    body.CertificateRequest.Data = csr(DEVICE_KEY, OTHER_KEY).toString('base64');
    const res = await call(drs, 'PUT', `/EnrollmentServer/device/${DEVICE_ID}?api-version=2.0`, {
      body,
    });
    expectDrsError(
      res,
      400,
      'BadRequest',
      'The certificate request is invalid: its signature does not verify',
    );
    expect(ctx.tenant.registeredDevices).toHaveLength(0);
  });
});

describe('error boundary', () => {
  it('turns a thrown error into a 500 InternalServerError DRS body with the common headers, and logs the detail', async () => {
    const { ctx, drs } = setup({ deviceCaPem: 'not a certificate' });
    const res = await call(drs, 'POST', '/EnrollmentServer/device/?api-version=2.0', {
      headers: { Authorization: `Bearer ${deviceToken(ctx)}`, 'client-request-id': 'r-1' },
      body: federatedBody(),
    });
    const body = expectDrsError(
      res,
      500,
      'InternalServerError',
      'An internal server error occurred. Retry the request later.',
    );
    expect(res.headers['date']).toBe('Thu, 10 Jul 2025 17:22:13 GMT');
    expect(res.headers['client-request-id']).toBe('r-1');
    expect(formatHresult(hresultForDrsError(body, 500))).toBe('0x801c0006');
    expect(ctx.logs.join('\n')).toMatch(
      /unhandled error in POST \/EnrollmentServer\/device\/.*device CA certificate/s,
    );
    expect(ctx.tenant.registeredDevices).toHaveLength(0);
  });
});
