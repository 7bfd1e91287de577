import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deviceKey } from '../../core/keys.ts';
import { isSimError } from '../../core/errors.ts';
import {
  BCRYPT_RSAPUBLIC_MAGIC,
  bcryptRsaPublicBlob,
  parseBcryptRsaPublicBlob,
} from './transport-key.ts';

const spki = (k: ReturnType<typeof createPublicKey>) => k.export({ type: 'spki', format: 'der' });

describe('BCRYPT_RSAKEY_BLOB', () => {
  const key = deviceKey(5);
  const blob = bcryptRsaPublicBlob(key);
  const jwk = createPublicKey(key).export({ format: 'jwk' });

  it('lays out RSA1, BitLength, cbPublicExp, cbModulus, 0, 0, e, n as the CNG docs and ROADtools do', () => {
    expect(blob.subarray(0, 4).toString('ascii')).toBe('RSA1');
    expect(blob.readUInt32LE(0)).toBe(BCRYPT_RSAPUBLIC_MAGIC);
    expect(blob.readUInt32LE(4)).toBe(2048);
    expect(blob.readUInt32LE(8)).toBe(3);
    expect(blob.readUInt32LE(12)).toBe(256);
    expect(blob.readUInt32LE(16)).toBe(0);
    expect(blob.readUInt32LE(20)).toBe(0);
    expect(blob.subarray(24, 27)).toEqual(Buffer.from([1, 0, 1]));
    expect(blob.subarray(27)).toEqual(Buffer.from(jwk.n!, 'base64url'));
    expect(blob.length).toBe(24 + 3 + 256);
  });

  it('round-trips to the same public key, from a private or a public KeyObject', () => {
    expect(spki(parseBcryptRsaPublicBlob(blob)!)).toEqual(spki(createPublicKey(key)));
    expect(bcryptRsaPublicBlob(createPublicKey(key))).toEqual(blob);
    for (let i = 0; i < 16; i++) {
      const k = deviceKey(i);
      expect(spki(parseBcryptRsaPublicBlob(bcryptRsaPublicBlob(k))!)).toEqual(
        spki(createPublicKey(k)),
      );
    }
  });

  const corrupt = (f: (b: Buffer) => Buffer) => parseBcryptRsaPublicBlob(f(Buffer.from(blob)));
  it.each([
    ['wrong magic (RSA2, a private blob)', (b: Buffer) => (b.write('RSA2', 0, 'ascii'), b)],
    ['cbPrime1 set', (b: Buffer) => (b.writeUInt32LE(128, 16), b)],
    ['cbPrime2 set', (b: Buffer) => (b.writeUInt32LE(128, 20), b)],
    ['truncated modulus', (b: Buffer) => b.subarray(0, b.length - 1)],
    ['trailing bytes', (b: Buffer) => Buffer.concat([b, Buffer.from([0])])],
    ['BitLength disagrees with the modulus', (b: Buffer) => (b.writeUInt32LE(2040, 4), b)],
    ['cbModulus disagrees with the bytes', (b: Buffer) => (b.writeUInt32LE(255, 12), b)],
    ['zero-length exponent', (b: Buffer) => (b.writeUInt32LE(0, 8), b)],
    ['header only', (b: Buffer) => b.subarray(0, 24)],
    ['empty', () => Buffer.alloc(0)],
  ])('rejects %s', (_name, f) => {
    expect(corrupt(f)).toBeUndefined();
  });

  it('refuses a non-RSA key with a SimError', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => bcryptRsaPublicBlob(publicKey)).toThrow();
    try {
      bcryptRsaPublicBlob(publicKey);
    } catch (e) {
      expect(isSimError(e, 'ERR_ENCODING')).toBe(true);
    }
  });
});
