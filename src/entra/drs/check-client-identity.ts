/**
 * Check (sync join): the ClientIdentity names the synced computer's SID and is signed by the key of
 * one of its synced `userCertificate`s. Refusal: `AuthenticationError` "The verification of the
 * target computer's SID…" [TSC]; modeled: HTTP 400 and the message's ending (see drs-messages.ts).
 * modeled: the signing time is only checked for form, not freshness (no public source gives a window).
 */
import type { KeyObject } from 'node:crypto';
import {
  parseClientIdentitySid,
  verifyClientIdentity,
} from '../../protocol/drs/client-identity.ts';
import {
  AUTHENTICATION_ERROR,
  SID_VERIFICATION_FAILED_MESSAGE,
} from '../../protocol/drs/drs-messages.ts';
import type { SyncJoinRequest } from '../../protocol/drs/join-request.ts';
import { certificateKey, readCertificate } from '../../protocol/x509/read-certificate.ts';
import type { SyncedDevice } from '../tenant.ts';
import { fail, pass, type Checked } from './drs-failure.ts';

/** The key of a synced `userCertificate` (PEM or bare base64); undefined when it does not parse. */
function publicKeyOfCertificate(pemOrBase64: string): KeyObject | undefined {
  try {
    return certificateKey(readCertificate(pemOrBase64));
  } catch {
    return undefined;
  }
}

export function checkClientIdentity(
  device: SyncedDevice,
  identity: SyncJoinRequest['ServerAdJoinData']['ClientIdentity'],
): Checked<{ signedAt: Date }> {
  const refused = (detail: string) =>
    fail(400, AUTHENTICATION_ERROR, SID_VERIFICATION_FAILED_MESSAGE, { detail });
  const parsed = parseClientIdentitySid(identity.Sid);
  if (!parsed)
    return refused(`ClientIdentity.Sid '${identity.Sid}' is not <SID>.<yyyy-MM-dd HH:mm:ss>Z`);
  if (parsed.sid.toUpperCase() !== device.objectSid.toUpperCase()) {
    return refused(
      `ClientIdentity names ${parsed.sid}; the synced computer is ${device.objectSid}`,
    );
  }
  const verified = device.userCertificates.some((cert) => {
    const key = publicKeyOfCertificate(cert);
    return key !== undefined && verifyClientIdentity(identity.Sid, identity.SignedBlob, key);
  });
  return verified
    ? pass({ signedAt: parsed.signedAt })
    : refused(
        `SignedBlob verifies with none of the ${device.userCertificates.length} synced userCertificate(s)`,
      );
}
