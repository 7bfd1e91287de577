import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deviceKey, publicKeyOf } from '../../core/keys.ts';
import { buildCertificate, buildCsr, parseCsr } from './build-certificate.ts';

describe('PKCS#10 requests', () => {
  const key = deviceKey(3);
  const csr = buildCsr({
    subject: [{ name: 'commonName', value: 'dev-1' }],
    publicKey: publicKeyOf(key),
    privateKey: key,
  });

  it('round-trips subject, public key and a valid self-signature', () => {
    const p = parseCsr(csr);
    expect(p.subjectCommonName).toBe('dev-1');
    expect(p.signatureValid).toBe(true);
    expect(p.publicKeyPem).toBe(
      publicKeyOf(key).export({ type: 'spki', format: 'pem' }).toString(),
    );
  });

  it('reports a request whose signature does not match its key', () => {
    const forged = Buffer.from(csr);
    forged[forged.length - 5]! ^= 0xff;
    expect(parseCsr(forged).signatureValid).toBe(false);
  });

  it('reports a request signed by another key than the one it carries', () => {
    const other = buildCsr({
      subject: [{ name: 'commonName', value: 'dev-1' }],
      publicKey: publicKeyOf(key),
      privateKey: deviceKey(4),
    });
    expect(parseCsr(other).signatureValid).toBe(false);
  });

  it('throws on bytes that are not a request', () => {
    expect(() => parseCsr(Buffer.from('not der'))).toThrow();
    expect(() => parseCsr(csr.subarray(0, 40))).toThrow();
  });
});

describe('certificates', () => {
  it('are signed by the issuer key and verify with node:crypto', () => {
    const ca = deviceKey(5);
    const der = buildCertificate({
      subject: [{ name: 'commonName', value: 'leaf' }],
      issuer: [{ name: 'commonName', value: 'ca' }],
      publicKey: publicKeyOf(deviceKey(6)),
      signingKey: ca,
      serialHex: 'ff01',
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2026-01-01T00:00:00Z'),
    });
    const cert = new X509Certificate(der);
    expect(cert.verify(publicKeyOf(ca))).toBe(true);
    expect(cert.verify(publicKeyOf(deviceKey(7)))).toBe(false);
    expect(cert.subject).toBe('CN=leaf');
    // A high first nibble gets a leading 00 in DER (positive INTEGER); node prints the value without it.
    expect(cert.serialNumber.toLowerCase()).toBe('ff01');
  });
});
