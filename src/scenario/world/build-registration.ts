/**
 * `device.alreadyJoined`: the registration an earlier join left — a device certificate from the
 * test MS-Organization-Access CA for the computer's objectGUID, recorded in the tenant as DRS
 * would have recorded it, and the machine's side (certificate, key container, key health).
 * @see [WIKI] [MAN] [DSR] (isJoined, deviceKeysHealthy), [MAN] [LYWK] [WIKI] (events 332, 335)
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { ExistingRegistration } from '../../onprem/machine.ts';
import { issueDeviceCertificate } from '../../entra/drs/issue-device-certificate.ts';
import type { EntraContext } from '../../entra/tenant.ts';
import type { Scenario } from '../language/schema.ts';

export function existingRegistration(
  s: Scenario,
  entra: EntraContext,
  deviceKey: KeyObject,
): ExistingRegistration {
  const publicKeyPem = createPublicKey(deviceKey)
    .export({ type: 'spki', format: 'pem' })
    .toString();
  const cert = issueDeviceCertificate(entra, { deviceId: s.device.objectGuid, publicKeyPem });
  const federated = s.tenant.domains.some((d) => d.authentication === 'federated');
  entra.tenant.registeredDevices.push({
    deviceId: s.device.objectGuid,
    displayName: s.device.name,
    joinType: federated ? 'federated' : 'sync',
    thumbprint: cert.thumbprint,
    certificateDer: cert.der,
    registeredAt: entra.clock.now(),
  });
  return {
    deviceId: s.device.objectGuid,
    tenantId: s.tenant.id,
    tenantName: s.tenant.domains[0]!.name,
    registrationType: federated ? 'fed' : 'sync',
    certificatePem: cert.pem,
    keyContainerId: entra.ids.uuid(),
    keysHealthy: s.device.deviceKeysHealthy,
  };
}
