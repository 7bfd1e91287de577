/**
 * Security identifiers: the `S-1-5-21-…-RID` string form carried in the primarysid claim and the
 * binary form of AD objectSid.
 * @see MS-DTYP §2.4.2.1 (SID string format), §2.4.2.2 (SID packet representation)
 */
import { SimError } from '../../core/errors.ts';

export interface ParsedSid {
  /** Always 1 (SID_REVISION). */
  readonly revision: number;
  /** 48-bit value; fits a JS number exactly. */
  readonly identifierAuthority: number;
  /** 1 to 15 values, each a 32-bit unsigned integer. */
  readonly subAuthorities: readonly number[];
}

const MAX_SUB_AUTHORITIES = 15;
const UINT32_MAX = 0xffffffff;
// Decimal without leading zeros, or the 0x + 12 hex digits form for authorities of 2^32 and above.
const SID = /^S-1-(0|[1-9]\d{0,14}|0x[0-9A-Fa-f]{12})((?:-(?:0|[1-9]\d{0,9})){1,15})$/;

function badSid(s: unknown, reason: string): SimError {
  return new SimError('ERR_ENCODING', `not a SID (${reason}): ${JSON.stringify(s)}`, {
    hint: 'write it as S-1-5-21-<a>-<b>-<c>-<RID>',
  });
}

function parseOrReason(s: string): ParsedSid | string {
  if (typeof s !== 'string') return 'not a string';
  const m = SID.exec(s);
  if (!m) return 'expected S-1-<authority>-<sub-authority>… with 1 to 15 sub-authorities';
  const authorityText = m[1]!;
  const identifierAuthority = authorityText.startsWith('0x')
    ? Number.parseInt(authorityText.slice(2), 16)
    : Number(authorityText);
  if (identifierAuthority > 0xffffffffffff) return 'identifier authority above 48 bits';
  const subAuthorities = m[2]!.slice(1).split('-').map(Number);
  if (subAuthorities.some((v) => v > UINT32_MAX)) return 'sub-authority above 32 bits';
  return { revision: 1, identifierAuthority, subAuthorities };
}

export function isSid(s: string): boolean {
  return typeof parseOrReason(s) !== 'string';
}

/** Throws SimError `ERR_ENCODING` on anything but a revision-1 SID string. */
export function parseSid(s: string): ParsedSid {
  const parsed = parseOrReason(s);
  if (typeof parsed === 'string') throw badSid(s, parsed);
  return parsed;
}

/** The binary SID: Revision, SubAuthorityCount, 6-byte big-endian authority, LE sub-authorities. */
export function sidToBytes(s: string): Buffer {
  const { revision, identifierAuthority, subAuthorities } = parseSid(s);
  const out = Buffer.alloc(8 + 4 * subAuthorities.length);
  out.writeUInt8(revision, 0);
  out.writeUInt8(subAuthorities.length, 1);
  out.writeUIntBE(identifierAuthority, 2, 6);
  subAuthorities.forEach((v, i) => out.writeUInt32LE(v, 8 + 4 * i));
  return out;
}

/** The canonical string form of a binary SID; throws SimError `ERR_ENCODING` on a bad layout. */
export function sidFromBytes(b: Uint8Array): string {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (buf.length < 8) throw badSid(buf.toString('hex'), 'shorter than 8 bytes');
  const revision = buf.readUInt8(0);
  const count = buf.readUInt8(1);
  if (revision !== 1) throw badSid(buf.toString('hex'), `revision ${revision}, expected 1`);
  if (count < 1 || count > MAX_SUB_AUTHORITIES) {
    throw badSid(buf.toString('hex'), `${count} sub-authorities, expected 1 to 15`);
  }
  if (buf.length !== 8 + 4 * count) {
    throw badSid(buf.toString('hex'), `${buf.length} bytes, expected ${8 + 4 * count}`);
  }
  const authority = buf.readUIntBE(2, 6);
  // MS-DTYP §2.4.2.1: decimal below 2^32, otherwise 0x and 12 hex digits.
  const authorityText =
    authority <= UINT32_MAX
      ? String(authority)
      : `0x${authority.toString(16).toUpperCase().padStart(12, '0')}`;
  const subs: number[] = [];
  for (let i = 0; i < count; i++) subs.push(buf.readUInt32LE(8 + 4 * i));
  return `S-1-${authorityText}-${subs.join('-')}`;
}

/** The relative identifier: the last sub-authority (1105 in `S-1-5-21-…-1105`). */
export function ridOf(s: string): number {
  const { subAuthorities } = parseSid(s);
  return subAuthorities[subAuthorities.length - 1]!;
}
