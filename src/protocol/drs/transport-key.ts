/**
 * The device transport key on the wire: a CNG `BCRYPT_RSAKEY_BLOB` holding the public part only
 * (magic `RSA1`, little-endian header, then exponent and modulus big-endian).
 * @see https://learn.microsoft.com/windows/win32/api/bcrypt/ns-bcrypt-bcrypt_rsakey_blob
 * @see himmelblau-idm/aad-join-spec §2.1.1.1.1 (cbPrime1/cbPrime2 MUST be 0); ROADtools
 *   `roadlib/deviceauth.py` `create_pubkey_blob_from_key` (the layout Windows-compatible clients send)
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { SimError } from '../../core/errors.ts';

/** `BCRYPT_RSAPUBLIC_MAGIC`: the ASCII bytes `RSA1` read as a little-endian uint32. */
export const BCRYPT_RSAPUBLIC_MAGIC = 0x31415352;
const HEADER_BYTES = 24;

/** Big-endian unsigned integer bytes without leading zeros (JWK values may carry none anyway). */
function unsignedBytes(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

/** The public BCRYPT_RSAKEY_BLOB of an RSA key (a private key is reduced to its public half). */
export function bcryptRsaPublicBlob(publicKey: KeyObject): Buffer {
  const pub = publicKey.type === 'public' ? publicKey : createPublicKey(publicKey);
  const jwk = pub.export({ format: 'jwk' });
  if (jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') {
    throw new SimError('ERR_ENCODING', `a transport key must be RSA, not ${String(jwk.kty)}`);
  }
  const modulus = unsignedBytes(Buffer.from(jwk.n, 'base64url'));
  const exponent = unsignedBytes(Buffer.from(jwk.e, 'base64url'));
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(BCRYPT_RSAPUBLIC_MAGIC, 0);
  header.writeUInt32LE(pub.asymmetricKeyDetails?.modulusLength ?? modulus.length * 8, 4);
  header.writeUInt32LE(exponent.length, 8);
  header.writeUInt32LE(modulus.length, 12);
  // cbPrime1 and cbPrime2 stay 0: a public blob carries no primes.
  return Buffer.concat([header, exponent, modulus]);
}

/**
 * Reads a public BCRYPT_RSAKEY_BLOB; undefined for anything that is not exactly one (wrong magic,
 * primes present, lengths that disagree with the bytes, a bit length that disagrees with the modulus).
 */
export function parseBcryptRsaPublicBlob(b: Buffer): KeyObject | undefined {
  if (b.length < HEADER_BYTES || b.readUInt32LE(0) !== BCRYPT_RSAPUBLIC_MAGIC) return undefined;
  const bitLength = b.readUInt32LE(4);
  const cbExp = b.readUInt32LE(8);
  const cbModulus = b.readUInt32LE(12);
  if (b.readUInt32LE(16) !== 0 || b.readUInt32LE(20) !== 0) return undefined;
  if (cbExp === 0 || cbExp > 8 || cbModulus === 0) return undefined;
  if (b.length !== HEADER_BYTES + cbExp + cbModulus) return undefined;
  if (Math.ceil(bitLength / 8) !== cbModulus) return undefined;
  const exponent = b.subarray(HEADER_BYTES, HEADER_BYTES + cbExp);
  const modulus = b.subarray(HEADER_BYTES + cbExp);
  try {
    const key = createPublicKey({
      key: { kty: 'RSA', n: modulus.toString('base64url'), e: exponent.toString('base64url') },
      format: 'jwk',
    });
    return key.asymmetricKeyDetails?.modulusLength === bitLength ? key : undefined;
  } catch {
    return undefined;
  }
}
