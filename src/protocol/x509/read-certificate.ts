/**
 * Parsed certificates and public keys, kept per process. A run reads the same few certificates again and again
 * (the IdP's signing certificate when it signs, mock Entra's registered ones when it verifies, a
 * synced userCertificate), and parsing one costs more than the signature check it serves.
 * X509Certificate and KeyObject are immutable, so one parse can serve every caller.
 */
import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { certificateDer } from './build-certificate.ts';

/** Enough for every certificate of a large suite; past it the cache starts over. */
const LIMIT = 512;
/** Longer texts are parsed but not kept (a certificate is 1–2 KB; the cache stays small). */
const MAX_KEPT_LENGTH = 16 * 1024;
const parsed = new Map<string, X509Certificate>();
const publicKeys = new WeakMap<X509Certificate, KeyObject>();

/** PEM or bare base64 (Graph's `signingCertificate`) to a certificate; throws when it is not one. */
export function readCertificate(pemOrBase64: string): X509Certificate {
  let cert = parsed.get(pemOrBase64);
  if (!cert) {
    cert = new X509Certificate(certificateDer(pemOrBase64));
    if (pemOrBase64.length > MAX_KEPT_LENGTH) return cert;
    if (parsed.size >= LIMIT) parsed.clear();
    parsed.set(pemOrBase64, cert);
  }
  return cert;
}

/** Like readCertificate, but undefined when the text is not a certificate. */
export function tryReadCertificate(pemOrBase64: string): X509Certificate | undefined {
  try {
    return readCertificate(pemOrBase64);
  } catch {
    return undefined;
  }
}

/** The certificate's public key, one KeyObject per certificate. */
export function certificateKey(cert: X509Certificate): KeyObject {
  let key = publicKeys.get(cert);
  if (!key) {
    key = cert.publicKey;
    publicKeys.set(cert, key);
  }
  return key;
}

const publicKeysByPem = new Map<string, KeyObject>();

/**
 * A PEM public key as a KeyObject, kept like certificates are (a device key from the pool comes
 * back in run after run). Throws when the text is not a public key.
 */
export function readPublicKey(pem: string): KeyObject {
  let key = publicKeysByPem.get(pem);
  if (!key) {
    key = createPublicKey(pem);
    if (pem.length > MAX_KEPT_LENGTH) return key;
    if (publicKeysByPem.size >= LIMIT) publicKeysByPem.clear();
    publicKeysByPem.set(pem, key);
  }
  return key;
}
