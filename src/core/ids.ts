/**
 * Id source: GUIDs and random bytes. A seeded source derives every value from
 * SHA-256(seed, counter) so a seeded run is byte-for-byte reproducible.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export interface IdSource {
  uuid(): string;
  bytes(n: number): Buffer;
  /** A whole number in [0, n). */
  int(n: number): number;
}

function formatUuid(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function seededIds(seed: number | string): IdSource {
  let counter = 0;
  const next = (n: number): Buffer => {
    const out: Buffer[] = [];
    let have = 0;
    while (have < n) {
      const block = createHash('sha256').update(`${seed}:${counter++}`).digest();
      out.push(block);
      have += block.length;
    }
    return Buffer.concat(out).subarray(0, n);
  };
  return {
    uuid: () => {
      const b = next(16);
      b[6] = (b[6]! & 0x0f) | 0x40;
      b[8] = (b[8]! & 0x3f) | 0x80;
      return formatUuid(b);
    },
    bytes: next,
    int: (n) => next(4).readUInt32BE(0) % n,
  };
}

export function randomIds(): IdSource {
  return {
    uuid: () => randomUUID(),
    bytes: (n) => randomBytes(n),
    int: (n) => randomBytes(4).readUInt32BE(0) % n,
  };
}
