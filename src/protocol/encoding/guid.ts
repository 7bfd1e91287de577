/**
 * GUID encodings: the Microsoft byte order of AD objectGUID / .NET Guid.ToByteArray(), base64 as
 * in the onpremobjectguid and ImmutableID claims, and the RFC 4122 order IdPs get wrong.
 * @see MS-DTYP §2.3.4.2 (GUID packet representation); RFC 4122 §4.1.2; [HJM] [AADI] [DVRJ] [WIKI]
 */
import { SimError } from '../../core/errors.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The canonical 8-4-4-4-12 hex form, either case, without braces. */
export function isGuid(s: string): boolean {
  return typeof s === 'string' && GUID.test(s);
}

/** The 16 bytes in RFC 4122 (big-endian, textual) order. */
function bigEndianBytes(uuid: string): Buffer {
  if (!isGuid(uuid)) {
    throw new SimError('ERR_ENCODING', `not a GUID: ${JSON.stringify(uuid)}`, {
      hint: 'write it as 8-4-4-4-12 hex digits, e.g. 3f0817b9-ca17-4714-ab81-f7b5943dec7b',
    });
  }
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** Swaps Data1 (4 bytes), Data2 and Data3 (2 bytes each); Data4 stays. Its own inverse. */
function swapToMicrosoftOrder(b: Buffer): Buffer {
  const out = Buffer.from(b);
  out.writeUInt32LE(b.readUInt32BE(0), 0);
  out.writeUInt16LE(b.readUInt16BE(4), 4);
  out.writeUInt16LE(b.readUInt16BE(6), 6);
  return out;
}

/**
 * base64 of the GUID's bytes in Microsoft order (= AD objectGUID bytes = .NET
 * `Guid.ToByteArray()` = PingOne `#string.uuidAsBase64Guid`): what Entra expects in
 * onpremobjectguid and ImmutableID.
 */
export function uuidAsBase64Guid(uuid: string): string {
  return swapToMicrosoftOrder(bigEndianBytes(uuid)).toString('base64');
}

/** base64 of the GUID's RFC 4122 bytes: the classic misconfiguration. */
export function uuidAsBase64BigEndian(uuid: string): string {
  return bigEndianBytes(uuid).toString('base64');
}

/**
 * Inverse of {@link uuidAsBase64Guid}: the lower-case GUID, or undefined unless `b64` is canonical
 * padded standard base64 of exactly 16 bytes.
 */
export function base64GuidToUuid(b64: string): string | undefined {
  if (typeof b64 !== 'string' || !/^[A-Za-z0-9+/]{22}==$/.test(b64)) return undefined;
  const bytes = Buffer.from(b64, 'base64');
  // Rejects non-zero trailing bits (two spellings of the same bytes).
  if (bytes.length !== 16 || bytes.toString('base64') !== b64) return undefined;
  const hex = swapToMicrosoftOrder(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
