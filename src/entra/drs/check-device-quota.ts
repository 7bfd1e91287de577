/**
 * Check (user-context registration): the user is below the per-user device quota (Graph
 * deviceRegistrationPolicy.userDeviceQuota, default 50), counting the devices the user registered
 * before the run and during it. A computer's hybrid join never counts: "The Maximum number of
 * devices per user setting … doesn't apply to Microsoft Entra hybrid joined devices."
 * @see MicrosoftDocs/memdocs enrollment/device-limit-intune-azure.md (hybrid joins not counted);
 *   legacy seed ("the user reached the maximum number of joined devices"); drs-error.ts (0x801c000e)
 * modeled: ErrorType, message and HTTP 400 of the refusal (drs-messages.ts).
 */
import {
  DEVICE_QUOTA_EXCEEDED,
  deviceQuotaExceededMessage,
} from '../../protocol/drs/drs-messages.ts';
import { DEFAULT_USER_DEVICE_QUOTA, findUserByUpn, type EntraContext } from '../tenant.ts';
import { fail, pass, type Checked } from './drs-failure.ts';

export function checkDeviceQuota(ctx: EntraContext, upn: string): Checked<undefined> {
  const quota = ctx.tenant.userDeviceQuota ?? DEFAULT_USER_DEVICE_QUOTA;
  const before = findUserByUpn(ctx.tenant, upn)?.registeredDevices ?? 0;
  const during = ctx.tenant.registeredDevices.filter(
    (d) => d.ownerUpn?.toLowerCase() === upn.toLowerCase(),
  ).length;
  if (before + during < quota) return pass(undefined);
  return fail(400, DEVICE_QUOTA_EXCEEDED, deviceQuotaExceededMessage(upn, quota), {
    detail: `${upn} owns ${before + during} device(s) (${before} before the run); userDeviceQuota is ${quota}`,
  });
}
