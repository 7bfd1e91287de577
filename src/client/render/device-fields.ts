/**
 * The Device Details and Tenant Details fields, shared by `/status` and the DSREGCMD_END_STATUS
 * block of `/join /debug`.
 * @see [PING]; [DSR] ("DeviceAuthStatus field was added in Windows 10 May 2021 Update (version
 *   21H1)")
 */
import { DEVICE_AUTH_STATUS_BUILD } from '../dsreg/post-join.ts';
import type { DeviceState, JoinTrace } from '../trace.ts';
import { dsregTime, field, yesNo } from './format.ts';

/** The DeviceAuthStatus /status prints: the post-join check's, else SUCCESS; none before 21H1. */
export function deviceAuthStatusOf(trace: JoinTrace): string | undefined {
  if (trace.build < DEVICE_AUTH_STATUS_BUILD) return undefined;
  return trace.postJoin?.deviceAuthStatus ?? 'SUCCESS';
}

/**
 * Device Details. `DeviceAuthStatus` is printed from Windows 10 21H1 on [DSR]: pass the check's
 * result, or undefined on a build that has no such line.
 */
export function deviceDetailLines(
  state: DeviceState,
  deviceAuthStatus: string | undefined,
): string[] {
  const d = state.device;
  if (!d) return [];
  return [
    field('DeviceId', d.deviceId),
    field('Thumbprint', d.thumbprint),
    field('DeviceCertificateValidity', `[ ${dsregTime(d.validFrom)} -- ${dsregTime(d.validTo)} ]`),
    field('KeyContainerId', d.keyContainerId),
    field('KeyProvider', d.keyProvider),
    field('TpmProtected', yesNo(d.tpmProtected)),
    ...(deviceAuthStatus === undefined ? [] : [field('DeviceAuthStatus', deviceAuthStatus)]),
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
