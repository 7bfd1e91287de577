/**
 * X.509 certificates and PKCS#10 requests: node-forge builds the ASN.1, node:crypto signs
 * (forge's own RSA is ~24 ms a signature; node:crypto ~0.3 ms).
 * @see RFC 5280, RFC 2986; DESIGN.md "node-forge certificates and CSRs only; sign with node:crypto"
 */
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

export interface CertificateSpec {
  /** e.g. `[{ name: 'commonName', value: 'TEST ONLY hjsim IdP signing' }]` */
  readonly subject: readonly forge.pki.CertificateField[];
  /** Defaults to the subject (self-signed). */
  readonly issuer?: readonly forge.pki.CertificateField[];
  readonly publicKey: KeyObject;
  /** The issuer's private key (the subject's own for self-signed). */
  readonly signingKey: KeyObject;
  /** Hex, without leading zero issues: a positive serial. */
  readonly serialHex: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions?: readonly object[];
}

const SHA256_WITH_RSA = forge.pki.oids['sha256WithRSAEncryption']!;

// Present in node-forge at run time, missing from @types/node-forge.
const pkiExtra = forge.pki as unknown as {
  getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1;
  getCertificationRequestInfo(csr: forge.pki.CertificateSigningRequest): forge.asn1.Asn1;
};

/** forge's form of a key, made once per KeyObject (pool keys serve many runs). */
const forgeKeys = new WeakMap<KeyObject, forge.pki.PublicKey>();

function forgePublicKey(key: KeyObject): forge.pki.PublicKey {
  let forgeKey = forgeKeys.get(key);
  if (!forgeKey) {
    const pub = key.type === 'public' ? key : createPublicKey(key);
    forgeKey = forge.pki.publicKeyFromPem(pub.export({ type: 'spki', format: 'pem' }).toString());
    forgeKeys.set(key, forgeKey);
  }
  return forgeKey;
}

function derOf(asn1: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** Builds and signs a certificate; returns its DER bytes. */
export function buildCertificate(spec: CertificateSpec): Buffer {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forgePublicKey(spec.publicKey);
  // A leading 00 keeps the DER INTEGER positive whatever the first nibble is.
  cert.serialNumber = spec.serialHex.replace(/^0+/, '') || '01';
  if (/^[89a-f]/i.test(cert.serialNumber)) cert.serialNumber = `00${cert.serialNumber}`;
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.setSubject([...spec.subject]);
  cert.setIssuer([...(spec.issuer ?? spec.subject)]);
  if (spec.extensions) cert.setExtensions([...spec.extensions]);
  cert.siginfo.algorithmOid = SHA256_WITH_RSA;
  cert.signatureOid = SHA256_WITH_RSA;
  const tbs = derOf(pkiExtra.getTBSCertificate(cert));
  (cert as unknown as { signature: string }).signature = sign(
    'sha256',
    tbs,
    spec.signingKey,
  ).toString('binary');
  return derOf(forge.pki.certificateToAsn1(cert));
}

export function derToPem(der: Buffer, label = 'CERTIFICATE'): string {
  const b64 = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}-----END ${label}-----\n`;
}

/** PEM or bare base64 (as in Graph's `signingCertificate`) to DER. */
export function certificateDer(pemOrBase64: string): Buffer {
  const body = pemOrBase64.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return Buffer.from(body, 'base64');
}

export interface CsrSpec {
  readonly subject: readonly forge.pki.CertificateField[];
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
}

/** Builds a PKCS#10 request signed with SHA256withRSA; returns DER. */
export function buildCsr(spec: CsrSpec): Buffer {
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = forgePublicKey(spec.publicKey);
  csr.setSubject([...spec.subject]);
  (csr as unknown as { siginfo: { algorithmOid: string } }).siginfo.algorithmOid = SHA256_WITH_RSA;
  (csr as unknown as { signatureOid: string }).signatureOid = SHA256_WITH_RSA;
  const info = derOf(pkiExtra.getCertificationRequestInfo(csr));
  (csr as unknown as { signature: string }).signature = sign(
    'sha256',
    info,
    spec.privateKey,
  ).toString('binary');
  return derOf(forge.pki.certificationRequestToAsn1(csr));
}

export interface ParsedCsr {
  readonly subjectCommonName: string | undefined;
  readonly publicKeyPem: string;
  /** The request's self-signature verified with its own key. */
  readonly signatureValid: boolean;
}

/** The DER element at `offset`: where its content starts and where the element ends. */
function derElement(der: Buffer, offset: number): { start: number; end: number } {
  const first = der[offset + 1];
  if (first === undefined) throw new RangeError('truncated DER');
  let len = first;
  let start = offset + 2;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 4) throw new RangeError('unsupported DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (der[start + i] ?? 0);
    start += n;
  }
  const end = start + len;
  if (end > der.length) throw new RangeError('truncated DER');
  return { start, end };
}

const CSR_HASH: Readonly<Record<string, string>> = {
  [SHA256_WITH_RSA]: 'sha256',
  [forge.pki.oids['sha384WithRSAEncryption']!]: 'sha384',
  [forge.pki.oids['sha512WithRSAEncryption']!]: 'sha512',
};

/**
 * Parses a DER PKCS#10 request; throws (the caller maps it to its wire error) on anything else.
 * The self-signature is checked with node:crypto over the request's own CertificationRequestInfo
 * bytes (forge's RSA would cost milliseconds per join).
 */
export function parseCsr(der: Buffer): ParsedCsr {
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
  const csr = forge.pki.certificationRequestFromAsn1(asn1);
  const cn = csr.subject.getField('CN') as { value?: string } | null;
  // CertificationRequest ::= SEQUENCE { certificationRequestInfo, signatureAlgorithm, signature }
  const outer = derElement(der, 0);
  const info = derElement(der, outer.start);
  const infoDer = der.subarray(outer.start, info.end);
  // CertificationRequestInfo ::= SEQUENCE { version, subject, subjectPKInfo, attributes }
  const version = derElement(der, info.start);
  const subject = derElement(der, version.end);
  const spki = derElement(der, subject.end);
  const publicKey = createPublicKey({
    key: der.subarray(subject.end, spki.end),
    format: 'der',
    type: 'spki',
  });
  const hash = CSR_HASH[(csr as unknown as { signatureOid: string }).signatureOid];
  const signature = Buffer.from((csr as unknown as { signature: string }).signature, 'binary');
  let signatureValid = false;
  if (hash) {
    try {
      signatureValid = verify(hash, infoDer, publicKey, signature);
    } catch {
      signatureValid = false;
    }
  }
  return {
    subjectCommonName: cn?.value,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    signatureValid,
  };
}
