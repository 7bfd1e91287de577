/**
 * The device-signed token request Windows' CloudAP plug-in sends to get a Primary Refresh Token:
 * a nonce from `grant_type=srv_challenge`, then `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`
 * with `request` = a JWT signed (RS256) by the device key, its header's `x5c` the device
 * certificate, its payload the nonce, the client and the user's credential.
 * @see [ROAD] `roadlib/deviceauth.py` (get_srv_challenge; get_prt_with_password: header `x5c`,
 *   payload `client_id`, `request_nonce`, `scope`, `win_ver`, `grant_type: password`, `username`,
 *   `password`; form `windows_api_version=2.2`, `grant_type`, `request`, `client_info`)
 * modeled: the device-only request (`grant_type: device_token` in the payload, no user) that
 *   `dsregcmd /status` stands for when it checks the device (`DeviceAuthStatus`); Windows' own
 *   check is not public, only its result values are [DSR].
 */
import { sign, verify, X509Certificate, type KeyObject } from 'node:crypto';

/** The JWT bearer grant the PRT request is sent as. [ROAD] */
export const GRANT_JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** The nonce request. [ROAD] */
export const GRANT_SRV_CHALLENGE = 'srv_challenge';
/** The client id CloudAP's requests carry (Microsoft Authentication Broker). [ROAD] */
export const CLOUDAP_CLIENT_ID = '38aa3b87-a06d-4817-b275-7a316988d93b';
/** modeled: the device-only request's inner grant (see above). */
export const INNER_GRANT_DEVICE = 'device_token';
/** The inner grant of a password sign-in. [ROAD] */
export const INNER_GRANT_PASSWORD = 'password';

export interface PrtRequestPayload {
  readonly client_id: string;
  readonly request_nonce: string;
  readonly scope: string;
  readonly win_ver: string;
  readonly grant_type: string;
  readonly username?: string;
  readonly password?: string;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** The signed `request` JWT. */
export function signPrtRequest(
  payload: PrtRequestPayload,
  deviceKey: KeyObject,
  certificateDer: Buffer,
): string {
  const header = b64url(
    JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: certificateDer.toString('base64') }),
  );
  const body = b64url(JSON.stringify(payload));
  const sig = sign('sha256', Buffer.from(`${header}.${body}`), deviceKey);
  return `${header}.${body}.${b64url(sig)}`;
}

export type ReadPrtRequest =
  | {
      readonly ok: true;
      readonly certificate: X509Certificate;
      readonly payload: Partial<PrtRequestPayload>;
    }
  | { readonly ok: false; readonly why: string };

/** Reads the `request` JWT: its `x5c` certificate, and the payload once the signature checks. */
export function readPrtRequest(jwt: string): ReadPrtRequest {
  const parts = jwt.split('.');
  if (parts.length !== 3) return { ok: false, why: 'the request is not a compact JWT' };
  const [h, p, s] = parts as [string, string, string];
  try {
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    if (header['alg'] !== 'RS256') return { ok: false, why: `alg ${String(header['alg'])}` };
    if (typeof header['x5c'] !== 'string') return { ok: false, why: 'no x5c certificate' };
    const certificate = new X509Certificate(Buffer.from(header['x5c'], 'base64'));
    if (
      !verify(
        'sha256',
        Buffer.from(`${h}.${p}`),
        certificate.publicKey,
        Buffer.from(s, 'base64url'),
      )
    )
      return { ok: false, why: 'the signature does not verify with the x5c certificate' };
    const payload: unknown = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    if (payload === null || typeof payload !== 'object')
      return { ok: false, why: 'the payload is not a JSON object' };
    return { ok: true, certificate, payload: payload as Partial<PrtRequestPayload> };
  } catch (e) {
    return { ok: false, why: e instanceof Error ? e.message : String(e) };
  }
}
