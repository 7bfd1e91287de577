/**
 * Check: the token describes a domain-joined computer: `accounttype` is `DJ` and `deviceid` (the
 * objectGUID from `onpremobjectguid`) is a GUID. [MS-DVRJ] §3.1.5.1.1.3: missing or mismatched
 * device claims → HTTP 400 with ErrorDetails. modeled: ErrorType `AuthenticationError` (so the client
 * reports DSREG_E_DEVICE_AUTHENTICATION_ERROR) and the message.
 */
import { isGuid } from '../../protocol/encoding/guid.ts';
import {
  AUTHENTICATION_ERROR,
  NOT_A_DEVICE_TOKEN_MESSAGE,
} from '../../protocol/drs/drs-messages.ts';
import type { AccessTokenClaims } from '../access-token.ts';
import { fail, pass, type Checked } from './drs-failure.ts';

export function checkDeviceClaims(claims: AccessTokenClaims): Checked<{ deviceId: string }> {
  const deviceId = claims.deviceid;
  if (claims.accounttype !== 'DJ' || typeof deviceId !== 'string' || !isGuid(deviceId)) {
    return fail(400, AUTHENTICATION_ERROR, NOT_A_DEVICE_TOKEN_MESSAGE, {
      detail: `token accounttype=${String(claims.accounttype)} deviceid=${String(deviceId)}`,
    });
  }
  return pass({ deviceId: deviceId.toLowerCase() });
}
