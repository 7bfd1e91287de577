import { createPublicKey, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { deviceKey } from '../../core/keys.ts';
import { uuidAsBase64Guid } from '../../protocol/encoding/guid.ts';
import { DEVICE_ID, drsTestContext, TENANT_ID } from '../../../test/support/drs-test-context.ts';
import { issueDeviceCertificate } from './issue-device-certificate.ts';

const publicKeyPem = createPublicKey(deviceKey(6))
  .export({ type: 'spki', format: 'pem' })
  .toString();

describe('issueDeviceCertificate', () => {
  const ctx = drsTestContext();
  ctx.clock.advance(400); // 17:22:13.400: the certificate keeps whole seconds
  const issued = issueDeviceCertificate(ctx, { deviceId: DEVICE_ID, publicKeyPem });
  const cert = new X509Certificate(issued.der);
  const ca = new X509Certificate(ctx.deviceCa.certificatePem);

  it('chains to the test MS-Organization-Access CA', () => {
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.issuer).toBe(ca.subject);
    expect(cert.verify(createPublicKey(deviceKey(6)))).toBe(false);
  });

  it('names the device id and carries the requested key', () => {
    expect(cert.subject).toBe(`CN=${DEVICE_ID}`);
    expect(cert.publicKey.export({ type: 'spki', format: 'pem' })).toBe(publicKeyPem);
  });

  it('is valid from 30 minutes before the join to 10 years after, like the seed (16:52:13 -- 2035 17:22:13)', () => {
    expect(issued.notBefore).toEqual(new Date('2025-07-10T16:52:13Z'));
    expect(issued.notAfter).toEqual(new Date('2035-07-10T17:22:13Z'));
    expect(new Date(cert.validFrom)).toEqual(issued.notBefore);
    expect(new Date(cert.validTo)).toEqual(issued.notAfter);
  });

  it('reports the thumbprint as dsregcmd prints it: SHA-1 of the DER, upper-case hex', () => {
    expect(issued.thumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(issued.thumbprint).toBe(cert.fingerprint.replace(/:/g, ''));
    expect(issued.pem).toBe(cert.toString());
  });

  it('carries the device id and tenant id GUID extensions Windows reads', () => {
    const f = forge.pki.certificateFromPem(issued.pem);
    const guidOf = (id: string) => {
      // @types/node-forge types `id` as a number; node-forge takes the dotted OID string.
      const getExtension = f.getExtension.bind(f) as unknown as (o: {
        id: string;
      }) => { value: string } | undefined;
      const ext = getExtension({ id });
      const inner = forge.asn1.fromDer(ext!.value);
      return Buffer.from(inner.value as string, 'binary').toString('base64');
    };
    expect(guidOf('1.2.840.113556.1.5.284.2')).toBe(uuidAsBase64Guid(DEVICE_ID));
    expect(guidOf('1.2.840.113556.1.5.284.5')).toBe(uuidAsBase64Guid(TENANT_ID));
  });

  it('takes a fresh serial from the id source for every certificate', () => {
    const again = new X509Certificate(
      issueDeviceCertificate(ctx, { deviceId: DEVICE_ID, publicKeyPem }).der,
    );
    expect(again.serialNumber).not.toBe(cert.serialNumber);
  });

  it('is reproducible under a seed', () => {
    const a = drsTestContext();
    const b = drsTestContext();
    expect(issueDeviceCertificate(a, { deviceId: DEVICE_ID, publicKeyPem }).der).toEqual(
      issueDeviceCertificate(b, { deviceId: DEVICE_ID, publicKeyPem }).der,
    );
  });

  it('refuses a device id that is not a GUID', () => {
    expect(() => issueDeviceCertificate(ctx, { deviceId: 'IMOK-HYJD', publicKeyPem })).toThrow(
      /not a GUID/,
    );
  });
});
