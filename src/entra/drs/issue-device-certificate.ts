/**
 * Mock DRS's certificate authority: issues the device certificate (subject CN = device id, issuer =
 * the test MS-Organization-Access CA) with the validity real DRS gives: from 30 minutes before the
 * join until 10 years after it.
 * @see [PING] (`DeviceCertificateValidity : [ 2025-07-10
 *   16:52:13.000 UTC -- 2035-07-10 17:22:13.000 UTC ]` for a join answered at 17:22:14, and
 *   `[ 2025-07-09 01:44:22 -- 2035-07-09 02:14:22 ]` for one answered at 02:14:22); AADInternals blog
 *   "Stealing and faking Azure AD device identities" (same 30 min / 10 y window, device-certificate OIDs)
 */
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { SimError } from '../../core/errors.ts';
import { isGuid, uuidAsBase64Guid } from '../../protocol/encoding/guid.ts';
import { buildCertificate, derToPem } from '../../protocol/x509/build-certificate.ts';
import { readPublicKey } from '../../protocol/x509/read-certificate.ts';
import type { EntraContext } from '../tenant.ts';

export interface IssuedDeviceCertificate {
  readonly der: Buffer;
  readonly pem: string;
  /** SHA-1 of the DER, upper-case hex, as dsregcmd prints `Thumbprint`. */
  readonly thumbprint: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

const BACKDATE_MS = 30 * 60 * 1000;
const VALIDITY_YEARS = 10;
/** Device-certificate extensions Windows reads (AADInternals blog above; [MS-DVRJ] lists some). */
const OID_DEVICE_ID = '1.2.840.113556.1.5.284.2';
const OID_TENANT_ID = '1.2.840.113556.1.5.284.5';

const issuerCache = new Map<string, forge.pki.CertificateField[]>();

/** The CA certificate's subject, copied attribute by attribute (value tags kept) as the issuer name. */
function issuerOf(caPem: string): forge.pki.CertificateField[] {
  let issuer = issuerCache.get(caPem);
  if (!issuer) {
    try {
      const ca = forge.pki.certificateFromPem(caPem);
      issuer = ca.subject.attributes.map((a) => ({ ...a }) as forge.pki.CertificateField);
    } catch (cause) {
      throw new SimError('ERR_CERTIFICATE', 'the device CA certificate cannot be read', { cause });
    }
    issuerCache.set(caPem, issuer);
  }
  return issuer;
}

/** A GUID extension value: DER OCTET STRING of the Guid.ToByteArray bytes (forge wraps it in extnValue). */
function guidExtension(id: string, guid: string): object {
  const inner = forge.asn1.create(
    forge.asn1.Class.UNIVERSAL,
    forge.asn1.Type.OCTETSTRING,
    false,
    Buffer.from(uuidAsBase64Guid(guid), 'base64').toString('binary'),
  );
  return { id, critical: false, value: forge.asn1.toDer(inner).getBytes() };
}

export function issueDeviceCertificate(
  ctx: EntraContext,
  i: { deviceId: string; publicKeyPem: string },
): IssuedDeviceCertificate {
  if (!isGuid(i.deviceId))
    throw new SimError('ERR_USAGE', `device id '${i.deviceId}' is not a GUID`);
  // X.509 times carry whole seconds; truncate first so the returned dates equal the certificate's.
  const now = Math.floor(ctx.clock.now().getTime() / 1000) * 1000;
  const notBefore = new Date(now - BACKDATE_MS);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  const der = buildCertificate({
    subject: [{ name: 'commonName', value: i.deviceId }],
    issuer: issuerOf(ctx.deviceCa.certificatePem),
    publicKey: readPublicKey(i.publicKeyPem),
    signingKey: ctx.deviceCa.key,
    serialHex: ctx.ids.bytes(16).toString('hex'),
    notBefore,
    notAfter,
    // modeled: key usage and client-auth EKU as a TLS client certificate needs; the exact set real
    // DRS writes is not public beyond the OIDs above.
    extensions: [
      { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', clientAuth: true },
      guidExtension(OID_DEVICE_ID, i.deviceId),
      ...(isGuid(ctx.tenant.id) ? [guidExtension(OID_TENANT_ID, ctx.tenant.id)] : []),
    ],
  });
  return {
    der,
    pem: derToPem(der),
    thumbprint: createHash('sha1').update(der).digest('hex').toUpperCase(),
    notBefore,
    notAfter,
  };
}
