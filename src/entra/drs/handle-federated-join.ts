/**
 * `POST /EnrollmentServer/device/?api-version=1.0|2.0` with `Authorization: Bearer <DRS token>`:
 * the federated hybrid join. The checks below, in this order, are the policy.
 * @see [HBS] [ROAD] [AADI] [DVRJ] [TSC]
 * User.Upn, modeled: the token's `unique_name` (for a device token, the IdP-derived name research
 * §1.7 describes), or '' when the token has none.
 * A user's token registers a new device owned by that user (check-device-claims.ts), subject to
 * the per-user device quota (check-device-quota.ts); requests are throttled per device or user.
 */
import { jsonResponse, type PartyRequest, type PartyResponse } from '../../core/http.ts';
import type { EntraContext } from '../tenant.ts';
import { checkApiVersion } from './check-api-version.ts';
import { checkBearer } from './check-bearer.ts';
import { checkCertificateRequest } from './check-certificate-request.ts';
import { checkDeviceClaims } from './check-device-claims.ts';
import { checkDeviceQuota } from './check-device-quota.ts';
import { checkFederatedJoinRequest } from './check-join-request.ts';
import { checkJoinType } from './check-join-type.ts';
import { checkThrottle } from './check-throttle.ts';
import { completeJoin } from './complete-join.ts';
import { drsErrorResponse } from './drs-failure.ts';
import { parseJsonBody } from './parse-json-body.ts';

/** Join serves 1.0 (AADInternals) and 2.0 (ROADtools, discovery's DeviceJoinService.ServiceVersion). */
export const JOIN_API_VERSIONS = /^[12]\.0$/;

export function handleFederatedJoin(ctx: EntraContext, req: PartyRequest): PartyResponse {
  const version = checkApiVersion(req, JOIN_API_VERSIONS);
  if (!version.ok) return drsErrorResponse(ctx, version.failure);
  const claims = checkBearer(ctx, req);
  if (!claims.ok) return drsErrorResponse(ctx, claims.failure);
  const identity = checkDeviceClaims(claims.value);
  if (!identity.ok) return drsErrorResponse(ctx, identity.failure);
  const who = identity.value;
  const throttle = checkThrottle(ctx, who.kind === 'device' ? who.deviceId : `user:${who.upn}`);
  if (!throttle.ok) return drsErrorResponse(ctx, throttle.failure);
  const json = parseJsonBody(req);
  if (!json.ok) return drsErrorResponse(ctx, json.failure);
  const request = checkFederatedJoinRequest(json.value);
  if (!request.ok) return drsErrorResponse(ctx, request.failure);
  const joinType = checkJoinType(request.value.JoinType);
  if (!joinType.ok) return drsErrorResponse(ctx, joinType.failure);
  if (who.kind === 'user') {
    const quota = checkDeviceQuota(ctx, who.upn);
    if (!quota.ok) return drsErrorResponse(ctx, quota.failure);
  }
  const csr = checkCertificateRequest(request.value.CertificateRequest.Data);
  if (!csr.ok) return drsErrorResponse(ctx, csr.failure);
  const response = completeJoin(ctx, {
    deviceId: who.kind === 'device' ? who.deviceId : ctx.ids.uuid(),
    publicKeyPem: csr.value.publicKeyPem,
    displayName: request.value.DeviceDisplayName,
    osVersion: request.value.OSVersion,
    joinType: 'federated',
    upn: who.kind === 'user' ? who.upn : (claims.value.unique_name ?? ''),
    ...(who.kind === 'user' ? { ownerUpn: who.upn } : {}),
  });
  return jsonResponse(200, response);
}
