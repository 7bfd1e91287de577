/**
 * Check: who the federated join is for. A token that describes a domain-joined computer
 * (`accounttype` DJ and `deviceid`, the objectGUID from `onpremobjectguid`) joins that computer;
 * a user's token (it names a `upn`) registers a device owned by that user — the down-level (user
 * context) registration, one device per user who signs in. Anything else: 400.
 * [MS-DVRJ] §3.1.5.1.1.3: missing or mismatched device claims → HTTP 400 with ErrorDetails.
 * Legacy seed ([TSL]): down-level devices register per user.
 * modeled: ErrorType `AuthenticationError` (so the client reports DSREG_E_DEVICE_AUTHENTICATION_ERROR)
 *   and the message; a fresh device id for each user-context registration.
 */
import { isGuid } from '../../protocol/encoding/guid.ts';
import {
  AUTHENTICATION_ERROR,
  NOT_A_DEVICE_TOKEN_MESSAGE,
} from '../../protocol/drs/drs-messages.ts';
import type { AccessTokenClaims } from '../access-token.ts';
import { fail, pass, type Checked } from './drs-failure.ts';

export type JoinIdentity =
  | { readonly kind: 'device'; readonly deviceId: string }
  | { readonly kind: 'user'; readonly upn: string };

export function checkDeviceClaims(claims: AccessTokenClaims): Checked<JoinIdentity> {
  const deviceId = claims.on_prem_id;
  if (claims.account_type === 'DJ' && typeof deviceId === 'string' && isGuid(deviceId)) {
    return pass({ kind: 'device', deviceId: deviceId.toLowerCase() });
  }
  if (claims.account_type !== 'DJ' && typeof claims.upn === 'string' && claims.upn !== '') {
    return pass({ kind: 'user', upn: claims.upn });
  }
  return fail(400, AUTHENTICATION_ERROR, NOT_A_DEVICE_TOKEN_MESSAGE, {
    detail: `token account_type=${String(claims.account_type)} on_prem_id=${String(deviceId)} upn=${String(claims.upn)}`,
  });
}
