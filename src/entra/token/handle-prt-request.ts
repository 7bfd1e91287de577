/**
 * The Primary Refresh Token requests of a joined Windows device (CloudAP): the nonce
 * (`grant_type=srv_challenge`) and the device-signed JWT bearer request. Mock Entra checks, in
 * order: a nonce it issued, the JWT's signature with its `x5c` certificate, that certificate issued
 * by the device CA, the device object behind it (deleted: AADSTS50155, disabled: AADSTS135011),
 * then, for a password sign-in, the user (AADSTS50034) and the password (AADSTS50126).
 * @see [ROAD] roadlib/deviceauth.py (the two requests and the `{"Nonce": …}` answer); [TSC]
 *   ("AADSTS50155: Device authentication failed": confirm the device isn't deleted or disabled;
 *   AADSTS50126 when the new password has not synced); [ERR] (135011, 50099, 140000)
 * modeled: the answer of a granted request (`token_type`, `refresh_token`, their lifetimes: 14 days
 *   as dsregcmd's AzureAdPrtExpiryTime shows [PING]); the device-only request of the
 *   DeviceAuthStatus check answers the same without a user; a request whose certificate this
 *   tenant's CA did not issue gets 50155 as a deleted device does.
 */
import { X509Certificate } from 'node:crypto';
import { jsonResponse, type PartyRequest, type PartyResponse } from '../../core/http.ts';
import { buildEntraError } from '../../protocol/oauth/error-response.ts';
import {
  GRANT_SRV_CHALLENGE,
  INNER_GRANT_PASSWORD,
  readPrtRequest,
} from '../../protocol/prt/prt-request.ts';
import { findUserByUpn, type EntraContext } from '../tenant.ts';
import { AADSTS, type AadstsCode } from '../../protocol/oauth/aadsts.ts';

const nonces = new WeakMap<object, Set<string>>();
const PRT_LIFETIME_S = 14 * 24 * 3600 - 1;

function issuedNonces(ctx: EntraContext): Set<string> {
  let set = nonces.get(ctx.tenant);
  if (!set) {
    set = new Set();
    nonces.set(ctx.tenant, set);
  }
  return set;
}

/** A PRT request is the JWT bearer grant with a `request` (or the nonce request before it). */
export function isPrtRequest(form: URLSearchParams): boolean {
  return form.get('grant_type') === GRANT_SRV_CHALLENGE || form.has('request');
}

function refuse(
  ctx: EntraContext,
  req: PartyRequest,
  code: AadstsCode,
  why: string,
): PartyResponse {
  const correlationId = req.headers['client-request-id'] ?? ctx.ids.uuid();
  ctx.log?.(`oauth2/token (PRT): AADSTS${code}: ${why}`);
  const { status, body } = buildEntraError(
    code,
    {},
    { traceId: ctx.ids.uuid(), correlationId, now: ctx.clock.now() },
  );
  return jsonResponse(status, body, { 'client-request-id': correlationId });
}

export function handlePrtRequest(ctx: EntraContext, req: PartyRequest): PartyResponse {
  const form = new URLSearchParams(req.body);
  if (form.get('grant_type') === GRANT_SRV_CHALLENGE) {
    const nonce = Buffer.from(ctx.ids.uuid()).toString('base64url');
    issuedNonces(ctx).add(nonce);
    return jsonResponse(200, { Nonce: nonce });
  }
  const read = readPrtRequest(form.get('request') ?? '');
  if (!read.ok) return refuse(ctx, req, AADSTS.PKeyAuthInvalidJwtUnauthorized, read.why);
  const nonce = read.payload.request_nonce;
  if (typeof nonce !== 'string' || !issuedNonces(ctx).delete(nonce))
    return refuse(ctx, req, AADSTS.InvalidRequestNonce, 'no request_nonce this tenant issued');
  const ca = new X509Certificate(ctx.deviceCa.certificatePem);
  if (!read.certificate.checkIssued(ca) || !read.certificate.verify(ca.publicKey))
    return refuse(
      ctx,
      req,
      AADSTS.DeviceAuthenticationFailed,
      'the device certificate was not issued by the device CA',
    );
  const thumbprint = read.certificate.fingerprint.replace(/:/g, '').toUpperCase();
  const device = ctx.tenant.registeredDevices.find((d) => d.thumbprint === thumbprint);
  if (!device)
    return refuse(
      ctx,
      req,
      AADSTS.DeviceAuthenticationFailed,
      `no device object holds the certificate ${thumbprint}`,
    );
  if (device.accountEnabled === false)
    return refuse(ctx, req, AADSTS.DeviceDisabled, `device ${device.deviceId} is disabled`);
  let upn: string | undefined;
  if (read.payload.grant_type === INNER_GRANT_PASSWORD) {
    const user = findUserByUpn(ctx.tenant, String(read.payload.username ?? ''));
    if (!user) {
      const correlationId = req.headers['client-request-id'] ?? ctx.ids.uuid();
      const { status, body } = buildEntraError(
        AADSTS.UserAccountNotFound,
        { tenant: ctx.tenant.id },
        { traceId: ctx.ids.uuid(), correlationId, now: ctx.clock.now() },
      );
      ctx.log?.(
        `oauth2/token (PRT): AADSTS${AADSTS.UserAccountNotFound}: no user ${String(read.payload.username)}`,
      );
      return jsonResponse(status, body, { 'client-request-id': correlationId });
    }
    if (user.passwordSynced === false)
      return refuse(
        ctx,
        req,
        AADSTS.InvalidUserNameOrPassword,
        `the password of ${user.upn} has not synced`,
      );
    upn = user.upn;
  }
  ctx.log?.(
    `oauth2/token (PRT): granted for device ${device.deviceId}${upn ? ` and user ${upn}` : ''}`,
  );
  return jsonResponse(200, {
    token_type: 'Bearer',
    expires_in: String(PRT_LIFETIME_S),
    refresh_token: Buffer.from(`prt:${device.deviceId}:${upn ?? ''}:${ctx.ids.uuid()}`).toString(
      'base64url',
    ),
    refresh_token_expires_in: PRT_LIFETIME_S,
  });
}
