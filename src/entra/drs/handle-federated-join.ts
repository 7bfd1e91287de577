/**
 * `POST /EnrollmentServer/device/?api-version=1.0|2.0` with `Authorization: Bearer <DRS token>`:
 * the federated hybrid join. The checks below, in this order, are the policy.
 * @see research/protocol.md §1.8
 * User.Upn, modeled: the token's `unique_name` (for a device token, the IdP-derived name research
 * §1.7 describes), or '' when the token has none.
 */
import { jsonResponse, type PartyRequest, type PartyResponse } from '../../core/http.ts';
import type { EntraContext } from '../tenant.ts';
import { checkApiVersion } from './check-api-version.ts';
import { checkBearer } from './check-bearer.ts';
import { checkCertificateRequest } from './check-certificate-request.ts';
import { checkDeviceClaims } from './check-device-claims.ts';
import { checkFederatedJoinRequest } from './check-join-request.ts';
import { checkJoinType } from './check-join-type.ts';
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
  const device = checkDeviceClaims(claims.value);
  if (!device.ok) return drsErrorResponse(ctx, device.failure);
  const json = parseJsonBody(req);
  if (!json.ok) return drsErrorResponse(ctx, json.failure);
  const request = checkFederatedJoinRequest(json.value);
  if (!request.ok) return drsErrorResponse(ctx, request.failure);
  const joinType = checkJoinType(request.value.JoinType);
  if (!joinType.ok) return drsErrorResponse(ctx, joinType.failure);
  const csr = checkCertificateRequest(request.value.CertificateRequest.Data);
  if (!csr.ok) return drsErrorResponse(ctx, csr.failure);
  const response = completeJoin(ctx, {
    deviceId: device.value.deviceId,
    publicKeyPem: csr.value.publicKeyPem,
    displayName: request.value.DeviceDisplayName,
    osVersion: request.value.OSVersion,
    joinType: 'federated',
    upn: claims.value.unique_name ?? '',
  });
  return jsonResponse(200, response);
}
