/**
 * The sync-join `ClientIdentity`: the computer's SID plus a UTC timestamp, signed (RSA PKCS#1 v1.5,
 * SHA-256) with the key of the self-signed certificate the computer wrote to its AD `userCertificate`.
 * @see [DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC]; ROADtools `roadlib/deviceauth.py` `register_hybrid_device`
 *   (`f"{objectsid}.{utcnow:%Y-%m-%d %H:%M:%S}Z"`, PKCS1v15 + SHA256); AADInternals Register-DeviceToAzureAD
 */
import { sign, verify, type KeyObject } from 'node:crypto';

/** `Type` of a ClientIdentity signed as above. */
export const CLIENT_IDENTITY_TYPE = 'sha256signed';

const SIGNED_SID = /^(S-1-\d+(?:-\d+)+)\.(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})Z$/;

/** `S-1-5-21-…-1105.2025-07-10 17:22:13Z` (the time in UTC, to the second). */
export function clientIdentitySid(sid: string, signedAt: Date): string {
  const iso = signedAt.toISOString();
  return `${sid}.${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}

/** Splits a ClientIdentity `Sid` string; undefined unless it is `<SID>.<yyyy-MM-dd HH:mm:ss>Z` with a real date. */
export function parseClientIdentitySid(value: string): { sid: string; signedAt: Date } | undefined {
  const m = SIGNED_SID.exec(value);
  if (!m) return undefined;
  const [, sid, y, mo, d, h, mi, s] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const signedAt = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
  // Date.UTC rolls 2025-02-30 over into March: reject what did not round-trip.
  if (clientIdentitySid(sid, signedAt) !== value) return undefined;
  return { sid, signedAt };
}

/** Base64 of RSASSA-PKCS1-v1_5 / SHA-256 over the UTF-8 bytes of the `Sid` string. */
export function signClientIdentity(sidString: string, key: KeyObject): string {
  return sign('sha256', Buffer.from(sidString, 'utf8'), key).toString('base64');
}

/** True only when `signedBlob` is a valid signature of `sidString` by `publicKey`. */
export function verifyClientIdentity(
  sidString: string,
  signedBlob: string,
  publicKey: KeyObject,
): boolean {
  try {
    return verify(
      'sha256',
      Buffer.from(sidString, 'utf8'),
      publicKey,
      Buffer.from(signedBlob, 'base64'),
    );
  } catch {
    return false;
  }
}
