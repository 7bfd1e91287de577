/**
 * Check (sync join): Entra Connect has synced the computer (objectGUID = the device id in the URL)
 * together with at least one `userCertificate`. Both refusals are `DirectoryError` with HTTP 400.
 * @see [DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC] (CSS wiki debug trace: `Join HTTP status: 400`, `Join error code:
 *   DirectoryError`); DESIGN.md failure catalogue
 */
import {
  DIRECTORY_ERROR,
  deviceNotFoundMessage,
  userCertificateNotFoundMessage,
} from '../../protocol/drs/drs-messages.ts';
import type { EntraContext, SyncedDevice } from '../tenant.ts';
import { fail, pass, type Checked } from './drs-failure.ts';

export function checkSyncedDevice(ctx: EntraContext, deviceId: string): Checked<SyncedDevice> {
  const id = deviceId.toLowerCase();
  const device = ctx.tenant.syncedDevices.find((d) => d.objectGuid.toLowerCase() === id);
  if (!device) return fail(400, DIRECTORY_ERROR, deviceNotFoundMessage(deviceId));
  if (device.userCertificates.length === 0) {
    return fail(400, DIRECTORY_ERROR, userCertificateNotFoundMessage(deviceId));
  }
  return pass(device);
}
