/**
 * The end of every accepted join: issue the device certificate, record the device in the tenant,
 * and build the success body. modeled: a re-join of the same device id replaces the earlier
 * registration (the client sends `ReuseDevice: "true"`; what real DRS keeps is not public).
 * @see [HBS] [ROAD] [AADI] [DVRJ] [TSC] (success body); himmelblau-idm/aad-join-spec §2.1.1.1.2
 */
import { createHash } from 'node:crypto';
import { cloudSidFromObjectId } from '../../protocol/drs/cloud-sid.ts';
import { buildJoinResponse, type JoinResponse } from '../../protocol/drs/join-response.ts';
import type { EntraContext, RegisteredDevice } from '../tenant.ts';
import { issueDeviceCertificate } from './issue-device-certificate.ts';

/**
 * `AddSIDs`: the S-1-12-1 SIDs of the tenant's Global Administrator and device local administrator
 * roles. modeled: the role object ids are derived from the tenant id (SHA-256, formatted as a GUID)
 * because the simulated tenant has no role objects; the real ids are per tenant and not public.
 */
export function tenantAdministratorSids(tenantId: string): string[] {
  return ['Global Administrator', 'Microsoft Entra Joined Device Local Administrator'].map(
    (role) => {
      const h = createHash('sha256').update(`${tenantId.toLowerCase()}/${role}`).digest('hex');
      return cloudSidFromObjectId(
        `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`,
      );
    },
  );
}

export function completeJoin(
  ctx: EntraContext,
  i: {
    deviceId: string;
    publicKeyPem: string;
    displayName: string;
    osVersion: string;
    joinType: RegisteredDevice['joinType'];
    upn: string;
    ownerUpn?: string;
  },
): JoinResponse {
  const cert = issueDeviceCertificate(ctx, { deviceId: i.deviceId, publicKeyPem: i.publicKeyPem });
  const devices = ctx.tenant.registeredDevices;
  for (let k = devices.length - 1; k >= 0; k--) {
    if (devices[k]!.deviceId.toLowerCase() === i.deviceId.toLowerCase()) devices.splice(k, 1);
  }
  devices.push({
    deviceId: i.deviceId,
    displayName: i.displayName,
    joinType: i.joinType,
    thumbprint: cert.thumbprint,
    certificateDer: cert.der,
    registeredAt: ctx.clock.now(),
    osVersion: i.osVersion,
    ...(i.ownerUpn === undefined ? {} : { ownerUpn: i.ownerUpn }),
  });
  return buildJoinResponse({
    certificateDer: cert.der,
    thumbprint: cert.thumbprint,
    upn: i.upn,
    addSids: tenantAdministratorSids(ctx.tenant.id),
  });
}
