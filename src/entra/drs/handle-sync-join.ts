/**
 * `PUT /EnrollmentServer/device/<deviceId>?api-version=1.0|2.0`, no bearer: the sync join (the
 * managed flow, and the fallback after a failed federated join). The checks below, in this order,
 * are the policy.
 * @see [DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC]
 * User.Upn, modeled: '' (no token names an identity; the computer proved itself with its SID).
 */
import { jsonResponse, type PartyRequest, type PartyResponse } from '../../core/http.ts';
import type { EntraContext } from '../tenant.ts';
import { checkApiVersion } from './check-api-version.ts';
import { checkCertificateRequest } from './check-certificate-request.ts';
import { checkClientIdentity } from './check-client-identity.ts';
import { checkSyncJoinRequest } from './check-join-request.ts';
import { checkJoinType } from './check-join-type.ts';
import { checkSyncedDevice } from './check-synced-device.ts';
import { checkThrottle } from './check-throttle.ts';
import { checkTargetTenant } from './check-target-tenant.ts';
import { completeJoin } from './complete-join.ts';
import { drsErrorResponse } from './drs-failure.ts';
import { JOIN_API_VERSIONS } from './handle-federated-join.ts';
import { parseJsonBody } from './parse-json-body.ts';

export function handleSyncJoin(
  ctx: EntraContext,
  req: PartyRequest,
  deviceId: string,
): PartyResponse {
  const version = checkApiVersion(req, JOIN_API_VERSIONS);
  if (!version.ok) return drsErrorResponse(ctx, version.failure);
  const throttle = checkThrottle(ctx, deviceId.toLowerCase());
  if (!throttle.ok) return drsErrorResponse(ctx, throttle.failure);
  const json = parseJsonBody(req);
  if (!json.ok) return drsErrorResponse(ctx, json.failure);
  const request = checkSyncJoinRequest(json.value);
  if (!request.ok) return drsErrorResponse(ctx, request.failure);
  const joinType = checkJoinType(request.value.JoinType);
  if (!joinType.ok) return drsErrorResponse(ctx, joinType.failure);
  const data = request.value.ServerAdJoinData;
  const tenant = checkTargetTenant(ctx, data.TargetDomainId);
  if (!tenant.ok) return drsErrorResponse(ctx, tenant.failure);
  const device = checkSyncedDevice(ctx, deviceId);
  if (!device.ok) return drsErrorResponse(ctx, device.failure);
  const identity = checkClientIdentity(device.value, data.ClientIdentity);
  if (!identity.ok) return drsErrorResponse(ctx, identity.failure);
  const csr = checkCertificateRequest(request.value.CertificateRequest.Data);
  if (!csr.ok) return drsErrorResponse(ctx, csr.failure);
  const response = completeJoin(ctx, {
    deviceId: device.value.objectGuid.toLowerCase(),
    publicKeyPem: csr.value.publicKeyPem,
    displayName: data.DeviceDisplayName,
    osVersion: data.OSVersion,
    joinType: 'sync',
    upn: '',
  });
  return jsonResponse(200, response);
}
