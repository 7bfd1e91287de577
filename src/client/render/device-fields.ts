/**
 * The Device Details and Tenant Details fields, shared by `/status` and the DSREGCMD_END_STATUS
 * block of `/join /debug`.
 * @see [PING]
 */
import type { DeviceState } from '../trace.ts';
import { dsregTime, field, yesNo } from './format.ts';

export function deviceDetailLines(state: DeviceState): string[] {
  const d = state.device;
  if (!d) return [];
  return [
    field('DeviceId', d.deviceId),
    field('Thumbprint', d.thumbprint),
    field('DeviceCertificateValidity', `[ ${dsregTime(d.validFrom)} -- ${dsregTime(d.validTo)} ]`),
    field('KeyContainerId', d.keyContainerId),
    field('KeyProvider', d.keyProvider),
    field('TpmProtected', yesNo(d.tpmProtected)),
    field('DeviceAuthStatus', 'SUCCESS'),
  ];
}

export function tenantDetailLines(state: DeviceState): string[] {
  const t = state.tenant;
  if (!t) return [];
  return [
    field('TenantName', t.tenantName),
    field('TenantId', t.tenantId),
    field('AuthCodeUrl', t.authCodeUrl),
    field('AccessTokenUrl', t.accessTokenUrl),
    field('MdmUrl', ''),
    field('MdmTouUrl', ''),
    field('MdmComplianceUrl', ''),
    field('SettingsUrl', ''),
    field('JoinSrvVersion', t.joinSrvVersion),
    field('JoinSrvUrl', t.joinSrvUrl),
    field('JoinSrvId', t.joinSrvId),
    field('KeySrvVersion', t.keySrvVersion),
    field('KeySrvUrl', t.keySrvUrl),
    field('KeySrvId', t.keySrvId),
    field('WebAuthNSrvVersion', t.webAuthNSrvVersion),
    field('WebAuthNSrvUrl', t.webAuthNSrvUrl),
    field('WebAuthNSrvId', t.webAuthNSrvId),
    field('DeviceManagementSrvVer', t.deviceManagementSrvVer),
    field('DeviceManagementSrvUrl', t.deviceManagementSrvUrl),
    field('DeviceManagementSrvId', t.deviceManagementSrvId),
  ];
}
