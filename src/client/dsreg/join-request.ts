/**
 * dsreg's join phase: the federated join (bearer token) and the sync join (ClientIdentity signed
 * with the computer's `userCertificate` key), each recording the "Join …" lines dsregcmd prints
 * and the Diagnostic Data it keeps.
 * @see [HBS] [ROAD] [AADI] [DVRJ] [TSC] (federated join), [DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC] (sync join, its errors and the
 *   "Join HTTP status / Join error code / Join message" lines); seed 004 ("Join request ID", "Join
 *   response time", "Join HTTP status")
 * modeled: without a `userCertificate` on the computer object the sync join is not sent (the
 *   ClientIdentity cannot be signed; Windows would write one and wait for Entra Connect) and the
 *   client reports 0x801c03f2 as DRS would for a device not yet synced.
 */
import { buildSyncJoinRequest } from '../../protocol/drs/join-request.ts';
import { readJoinResponse } from '../../protocol/drs/join-response.ts';
import { formatHresult, hresultForDrsError, readDrsError } from '../../protocol/drs/drs-error.ts';
import type { ClientDiscovery } from '../../protocol/drs/discovery.ts';
import { buildCsr } from '../../protocol/x509/build-certificate.ts';
import { parseJson, send } from '../http-client.ts';
import { networkOf, WININET_HR } from '../network.ts';
import type { MachineEnvironment } from '../../onprem/machine.ts';
import type { TraceRecorder } from '../trace-recorder.ts';
import type { Diagnostics } from '../trace.ts';
import { DSREG_CLIENT_HEADERS } from './discover-tenant.ts';
import { HR } from '../../protocol/hresult/catalog.ts';

export interface JoinContext {
  readonly env: MachineEnvironment;
  readonly t: TraceRecorder;
  readonly diag: { -readonly [K in keyof Diagnostics]: Diagnostics[K] };
  readonly discovery: ClientDiscovery;
  readonly tenantName: string;
  readonly tenantId: string;
}

export type JoinResult =
  | { readonly ok: true; readonly certificate: string }
  | { readonly ok: false; readonly hresult: string };

/** The device key's PKCS#10 request, subject `CN=<objectGUID>`. [HBS] [ROAD] [AADI] [DVRJ] [TSC] */
export function deviceCsr(env: MachineEnvironment): Buffer {
  return buildCsr({
    subject: [{ name: 'commonName', value: env.computer.objectGuid }],
    publicKey: env.keys.deviceKey,
    privateKey: env.keys.deviceKey,
  });
}

/** Sends a join request and records its response lines; returns the certificate on success. */
export async function sendJoin(
  jc: JoinContext,
  registrationType: 'fed' | 'sync',
  requestId: string,
  req: { url: string; method: string; headers: Record<string, string>; body: string },
): Promise<JoinResult> {
  const { t, diag, env } = jc;
  diag.registrationType = registrationType;
  diag.requestId = requestId;
  const res = await send(req.url, req, networkOf(env));
  if (!res.ok) {
    // The join request's own WinINet code (timeout, name not resolved, aborted …). [TSC]
    const hresult = WININET_HR[res.failure];
    diag.drsConnectivity = 'FAIL';
    t.push({ k: 'join-failed', hresult, registrationType, network: true });
    t.failure(hresult);
    diag.clientErrorCode = hresult;
    return { ok: false, hresult };
  }
  diag.drsConnectivity = 'PASS';
  const body = parseJson(res.body);
  const responseTime = res.headers['date'] ?? env.clock.now().toUTCString();
  diag.httpsStatus = res.status;
  if (res.status === 200 || res.status === 201) {
    const r = readJoinResponse(body);
    if (r.ok) {
      t.push({
        k: 'join-response',
        registrationType,
        requestId,
        responseTime,
        httpStatus: res.status,
        body: res.body,
      });
      t.push({ k: 'join-done', registrationType });
      return { ok: true, certificate: r.value.Certificate.RawBody };
    }
  }
  const err = readDrsError(body);
  const hresult = formatHresult(hresultForDrsError(err, res.status));
  t.push({
    k: 'join-response',
    registrationType,
    requestId,
    responseTime,
    httpStatus: res.status,
    body: res.body,
    ...(err ? { errorType: err.ErrorType, message: err.Message } : {}),
  });
  t.push({ k: 'join-failed', hresult, registrationType });
  t.failure(hresult);
  diag.clientErrorCode = hresult;
  if (err) {
    diag.serverErrorCode = err.ErrorType;
    diag.serverMessage = err.Message;
  }
  return { ok: false, hresult };
}

/** The sync join: `PUT …/EnrollmentServer/device/<objectGUID>`, no bearer token. [DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC] */
export async function syncJoin(jc: JoinContext): Promise<JoinResult> {
  const { env, t, diag, discovery } = jc;
  const requestId = env.ids.uuid();
  const userCert = env.computer.userCertificate;
  diag.registrationType = 'sync';
  if (!userCert) {
    t.push({ k: 'join-failed', hresult: HR.DSREG_E_DIRECTORY_FAILURE, registrationType: 'sync' });
    t.failure(HR.DSREG_E_DIRECTORY_FAILURE);
    diag.clientErrorCode = HR.DSREG_E_DIRECTORY_FAILURE;
    return { ok: false, hresult: HR.DSREG_E_DIRECTORY_FAILURE };
  }
  const body = buildSyncJoinRequest({
    csrDer: deviceCsr(env),
    transportKey: env.keys.transportKey,
    targetDomain: jc.tenantName,
    targetDomainId: jc.tenantId,
    osVersion: env.osVersion,
    displayName: env.computerName,
    sid: env.computer.objectSid,
    signedAt: env.clock.now(),
    userCertificateKey: userCert.key,
  });
  t.push({ k: 'join-request', registrationType: 'sync', domain: jc.tenantName });
  const join = discovery.DeviceJoinService;
  return sendJoin(jc, 'sync', requestId, {
    url: `${join.JoinEndpoint}${env.computer.objectGuid}?api-version=${join.ServiceVersion}`,
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'client-request-id': requestId,
      ...DSREG_CLIENT_HEADERS,
    },
    body: JSON.stringify(body),
  });
}
