/**
 * What a joined Windows 10+ device does after the join: `dsregcmd /status` checks the device with
 * Entra (`DeviceAuthStatus`, 21H1 and later), and the signed-in user's session asks for a Primary
 * Refresh Token (CloudAP) with the device-signed request, after a user realm lookup of the user's
 * UPN. Both go over HTTP to the login host, signed with the device key and certificate.
 * @see [DSR] (DeviceAuthStatus: `SUCCESS`, `FAILED. Device is either disabled or deleted`,
 *   `FAILED. ERROR` when the test cannot reach Entra; added in Windows 10 21H1); [TSC] (the PRT
 *   attempt: Attempt Status `0xc000006d` for an HTTP 400 from Entra, `0xc000005f`
 *   STATUS_NO_SUCH_LOGON_SESSION when realm discovery cannot find the UPN's domain, e.g. a
 *   non-routable jdoe@contoso.local; the AcquirePrtDiagnostics fields, 21H1+); [ROAD] (the requests)
 * modeled: the DeviceAuthStatus check as the device-only request (prt-request.ts); the UPN the
 *   session signs in with is the AD user's userPrincipalName; the password field carries a value
 *   the on-prem model derives (mock Entra decides by whether the user's password has synced).
 */
import { LOGIN_HOST } from '../../protocol/entra-names.ts';
import {
  CLOUDAP_CLIENT_ID,
  GRANT_JWT_BEARER,
  GRANT_SRV_CHALLENGE,
  INNER_GRANT_DEVICE,
  INNER_GRANT_PASSWORD,
  signPrtRequest,
} from '../../protocol/prt/prt-request.ts';
import type { MachineEnvironment } from '../../onprem/machine.ts';
import { parseJson, send } from '../http-client.ts';
import { networkOf } from '../network.ts';
import type { JoinTrace, PostJoin, PrtAttempt } from '../trace.ts';
import { HR } from '../../protocol/hresult/catalog.ts';

/** The first build that prints DeviceAuthStatus and the PRT attempt diagnostics (21H1). [DSR; TSC] */
export const DEVICE_AUTH_STATUS_BUILD = 19043;
/** NTSTATUS of a PRT attempt Entra answered with HTTP 400. [TSC] */
export const STATUS_LOGON_FAILURE = HR.STATUS_LOGON_FAILURE;
/** NTSTATUS of a PRT attempt whose UPN domain realm discovery did not find. [TSC] */
export const STATUS_NO_SUCH_LOGON_SESSION = HR.STATUS_NO_SUCH_LOGON_SESSION;
/** NTSTATUS of a PRT attempt that could not reach Entra. [TSC] */
export const STATUS_NETWORK_UNREACHABLE = HR.STATUS_NETWORK_UNREACHABLE;

type Sent =
  | { readonly kind: 'ok'; readonly body: Record<string, unknown> }
  | { readonly kind: 'error'; readonly status: number; readonly body: Record<string, unknown> }
  | { readonly kind: 'network' };

async function post(
  env: MachineEnvironment,
  url: string,
  form: Record<string, string>,
  correlationId: string,
): Promise<Sent> {
  const res = await send(
    url,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        'client-request-id': correlationId,
      },
      body: new URLSearchParams(form).toString(),
    },
    networkOf(env),
  );
  if (!res.ok) return { kind: 'network' };
  const body = (parseJson(res.body) ?? {}) as Record<string, unknown>;
  return res.status === 200 ? { kind: 'ok', body } : { kind: 'error', status: res.status, body };
}

/** Nonce, then the signed request; the answer of the second. */
async function deviceSignedRequest(
  env: MachineEnvironment,
  tenantId: string,
  certificateDer: Buffer,
  inner: { grant_type: string; username?: string; password?: string },
  correlationId: string,
): Promise<Sent & { readonly url: string }> {
  const url = `https://${LOGIN_HOST}/${tenantId}/oauth2/token`;
  const challenge = await post(env, url, { grant_type: GRANT_SRV_CHALLENGE }, correlationId);
  if (challenge.kind !== 'ok') return { ...challenge, url };
  const nonce = typeof challenge.body['Nonce'] === 'string' ? challenge.body['Nonce'] : '';
  const request = signPrtRequest(
    {
      client_id: CLOUDAP_CLIENT_ID,
      request_nonce: nonce,
      scope: 'openid aza ugs',
      win_ver: env.osVersion,
      ...inner,
    },
    env.keys.deviceKey,
    certificateDer,
  );
  const r = await post(
    env,
    url,
    { windows_api_version: '2.2', grant_type: GRANT_JWT_BEARER, request, client_info: '1' },
    correlationId,
  );
  return { ...r, url };
}

async function prtAttempt(
  env: MachineEnvironment,
  tenantId: string,
  certificateDer: Buffer,
  user: NonNullable<MachineEnvironment['consoleUser']>,
): Promise<PrtAttempt> {
  const correlationId = env.ids.uuid();
  const time = env.clock.now();
  const base = { time, upn: user.upn, correlationId };
  // CloudAP looks the UPN's domain up first: a domain no tenant verified has no realm. [TSC]
  const realm = await send(
    `https://${LOGIN_HOST}/common/userrealm/${encodeURIComponent(user.upn)}?api-version=1.0`,
    { headers: { accept: 'application/json', 'client-request-id': correlationId } },
    networkOf(env),
  );
  if (!realm.ok) return { ...base, ok: false, attemptStatus: STATUS_NETWORK_UNREACHABLE };
  const type = (parseJson(realm.body) as Record<string, unknown> | undefined)?.['account_type'];
  if (type !== 'Managed' && type !== 'Federated')
    return { ...base, ok: false, attemptStatus: STATUS_NO_SUCH_LOGON_SESSION };
  const r = await deviceSignedRequest(
    env,
    tenantId,
    certificateDer,
    { grant_type: INNER_GRANT_PASSWORD, username: user.upn, password: user.password },
    correlationId,
  );
  if (r.kind === 'ok') return { ...base, ok: true };
  if (r.kind === 'network')
    return { ...base, ok: false, attemptStatus: STATUS_NETWORK_UNREACHABLE, endpoint: r.url };
  const description =
    typeof r.body['error_description'] === 'string' ? r.body['error_description'] : '';
  return {
    ...base,
    ok: false,
    attemptStatus: STATUS_LOGON_FAILURE,
    endpoint: `${r.url}/`,
    httpStatus: r.status,
    serverErrorCode: typeof r.body['error'] === 'string' ? r.body['error'] : '',
    serverErrorDescription: description.split(/\r\n/)[0] ?? '',
  };
}

/** Runs the post-join checks of a joined device; a device that is not joined is returned as is. */
export async function runPostJoin(env: MachineEnvironment, trace: JoinTrace): Promise<JoinTrace> {
  const device = trace.state.device;
  const tenantId = trace.state.tenant?.tenantId;
  if (!trace.state.azureAdJoined || !device || !tenantId) return trace;
  const post: { -readonly [K in keyof PostJoin]: PostJoin[K] } = {};
  if (trace.build >= DEVICE_AUTH_STATUS_BUILD) {
    const r = await deviceSignedRequest(
      env,
      tenantId,
      device.certificateDer,
      { grant_type: INNER_GRANT_DEVICE },
      env.ids.uuid(),
    );
    post.deviceAuthStatus =
      r.kind === 'ok'
        ? 'SUCCESS'
        : r.kind === 'network'
          ? 'FAILED. ERROR'
          : 'FAILED. Device is either disabled or deleted';
  }
  if (env.consoleUser)
    post.prt = await prtAttempt(env, tenantId, device.certificateDer, env.consoleUser);
  return { ...trace, postJoin: post };
}
