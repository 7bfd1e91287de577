/**
 * Mock DRS, what issue #4 adds: throttling of join requests ("Your request is throttled
 * temporarily. Please try after 300 seconds."), user-context registrations and the per-user
 * device quota, each with the DSREG code the client reports. src/entra/drs/create-drs.test.ts holds
 * discovery and the federated and sync joins themselves.
 */
import { describe, expect, it } from 'vitest';
import { DSREG_CLIENT_ID } from '../../src/protocol/entra-names.ts';
import { deviceKey } from '../../src/core/keys.ts';
import { issueAccessToken } from '../../src/entra/access-token.ts';
import { createDrsParty } from '../../src/entra/drs/create-drs.ts';
import {
  call,
  DEVICE_ID,
  DEVICE_SID,
  drsTestContext,
  FEDERATED_DOMAIN,
  TENANT_ID,
  type TestContext,
} from '../support/drs-test-context.ts';
import type { Tenant } from '../../src/entra/tenant.ts';
import {
  formatHresult,
  hresultForDrsError,
  readDrsError,
} from '../../src/protocol/drs/drs-error.ts';
import {
  buildFederatedJoinRequest,
  buildSyncJoinRequest,
  CSR_SUBJECT_CN,
} from '../../src/protocol/drs/join-request.ts';
import { readJoinResponse } from '../../src/protocol/drs/join-response.ts';
import { buildCertificate, buildCsr, derToPem } from '../../src/protocol/x509/build-certificate.ts';

const IDP = 'https://sso.example.com/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e';
const UPN = 'adele@imokatdi.ping-eng.com';
const KEY = deviceKey(0);
const USER_CERT_KEY = deviceKey(3);
const csr = () =>
  buildCsr({
    subject: [{ name: 'commonName', value: CSR_SUBJECT_CN }],
    publicKey: KEY,
    privateKey: KEY,
  });
const federatedBody = () =>
  buildFederatedJoinRequest({
    csrDer: csr(),
    transportKey: deviceKey(1),
    targetDomain: FEDERATED_DOMAIN,
    osVersion: '10.0.19045.5965',
    displayName: 'IMOK-HYJD',
  });

function setup(
  tenant: Partial<Pick<Tenant, 'drs' | 'userDeviceQuota' | 'users' | 'syncedDevices'>>,
) {
  const base = drsTestContext();
  const ctx: TestContext = { ...base, tenant: { ...base.tenant, ...tenant } };
  return { ctx, drs: createDrsParty(ctx) };
}

const deviceToken = (ctx: TestContext) =>
  issueAccessToken(ctx, {
    appid: DSREG_CLIENT_ID,
    idp: IDP,
    account_type: 'DJ',
    on_prem_id: DEVICE_ID,
  }).token;
const userToken = (ctx: TestContext, upn = UPN) =>
  issueAccessToken(ctx, { appid: DSREG_CLIENT_ID, idp: IDP, upn, unique_name: upn }).token;

const join = (drs: ReturnType<typeof createDrsParty>, token: string) =>
  call(drs, 'POST', '/EnrollmentServer/device/?api-version=2.0', {
    headers: { Authorization: `Bearer ${token}` },
    body: federatedBody(),
  });

function expectDrs(
  res: { status: number; json: unknown },
  status: number,
  type: string,
  hr: string,
) {
  expect(res.status).toBe(status);
  expect(Object.keys(res.json as object)).toEqual(['ErrorType', 'Message', 'TraceId', 'Time']);
  const body = readDrsError(res.json)!;
  expect(body.ErrorType).toBe(type);
  expect(formatHresult(hresultForDrsError(body, res.status))).toBe(hr);
  return body;
}

const THROTTLED = 'Your request is throttled temporarily. Please try after 300 seconds.';

describe('throttling', () => {
  it('a second federated join within the window: 400 DirectoryError with the documented text → 0x801c03f2', async () => {
    const { ctx, drs } = setup({ drs: { throttle: { maxRequests: 1, windowSeconds: 300 } } });
    expect((await join(drs, deviceToken(ctx))).status).toBe(200);
    ctx.clock.advance(60_000);
    const res = await join(drs, deviceToken(ctx));
    expect(expectDrs(res, 400, 'DirectoryError', '0x801c03f2').Message).toBe(THROTTLED);
    expect(res.headers['retry-after']).toBe('240');
    expect(ctx.tenant.registeredDevices).toHaveLength(1);
    expect(ctx.logs.join('\n')).toMatch(/throttled: 1 join request\(s\) for 3f0817b9/);
    ctx.clock.advance(241_000);
    expect((await join(drs, deviceToken(ctx))).status).toBe(200);
  });

  it('maxRequests 0: the very first request is throttled (a burst happened before)', async () => {
    const { ctx, drs } = setup({ drs: { throttle: { maxRequests: 0, windowSeconds: 300 } } });
    expect(
      expectDrs(await join(drs, deviceToken(ctx)), 400, 'DirectoryError', '0x801c03f2').Message,
    ).toBe(THROTTLED);
  });

  it('the sync join counts against the same device', async () => {
    const certPem = derToPem(
      buildCertificate({
        subject: [{ name: 'commonName', value: DEVICE_ID }],
        publicKey: USER_CERT_KEY,
        signingKey: USER_CERT_KEY,
        serialHex: '01',
        notBefore: new Date('2025-07-01T00:00:00Z'),
        notAfter: new Date('2026-07-01T00:00:00Z'),
      }),
    );
    const { ctx, drs } = setup({
      drs: { throttle: { maxRequests: 1, windowSeconds: 300 } },
      syncedDevices: [
        { objectGuid: DEVICE_ID, objectSid: DEVICE_SID, userCertificates: [certPem] },
      ],
    });
    expect((await join(drs, deviceToken(ctx))).status).toBe(200);
    const res = await call(drs, 'PUT', `/EnrollmentServer/device/${DEVICE_ID}?api-version=2.0`, {
      body: buildSyncJoinRequest({
        csrDer: csr(),
        transportKey: deviceKey(1),
        targetDomain: TENANT_ID,
        targetDomainId: TENANT_ID,
        osVersion: '10.0.19045.5965',
        displayName: 'IMOK-HYJD',
        sid: DEVICE_SID,
        signedAt: ctx.clock.now(),
        userCertificateKey: USER_CERT_KEY,
      }),
    });
    expectDrs(res, 400, 'DirectoryError', '0x801c03f2');
  });

  it('no policy: no throttling', async () => {
    const { ctx, drs } = setup({});
    for (let i = 0; i < 5; i++) expect((await join(drs, deviceToken(ctx))).status).toBe(200);
  });
});

describe('user-context registrations and the per-user device quota', () => {
  it('a user token registers a new device owned by the user, User.Upn the user', async () => {
    const { ctx, drs } = setup({ users: [{ upn: UPN }] });
    const res = await join(drs, userToken(ctx));
    expect(res.status).toBe(200);
    const body = readJoinResponse(res.json);
    expect(body.ok && body.value.User.Upn).toBe(UPN);
    expect(ctx.tenant.registeredDevices[0]).toMatchObject({ ownerUpn: UPN, joinType: 'federated' });
    expect(ctx.tenant.registeredDevices[0]!.deviceId).not.toBe(DEVICE_ID);
  });

  it('at the quota: 400 DeviceQuotaExceeded → 0x801c000e, nothing registered', async () => {
    const { ctx, drs } = setup({ userDeviceQuota: 2, users: [{ upn: UPN, registeredDevices: 1 }] });
    expect((await join(drs, userToken(ctx))).status).toBe(200);
    const body = expectDrs(
      await join(drs, userToken(ctx)),
      400,
      'DeviceQuotaExceeded',
      '0x801c000e',
    );
    expect(body.Message).toBe(
      `The user ${UPN} has reached the maximum number of joined devices (2). Remove a device the user no longer uses, or raise the maximum number of devices per user.`,
    );
    expect(ctx.tenant.registeredDevices).toHaveLength(1);
  });

  it("another user's devices do not count", async () => {
    const { ctx, drs } = setup({
      userDeviceQuota: 1,
      users: [{ upn: 'other@x.example', registeredDevices: 5 }],
    });
    expect((await join(drs, userToken(ctx))).status).toBe(200);
  });

  it("a computer's hybrid join never counts against any quota (quota 0)", async () => {
    const { ctx, drs } = setup({ userDeviceQuota: 0 });
    expect((await join(drs, deviceToken(ctx))).status).toBe(200);
  });
});
