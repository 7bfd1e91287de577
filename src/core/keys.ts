/**
 * Key store: reads the TEST ONLY keys and certificates under certs/ once per process and hands
 * out KeyObjects, so no scenario ever generates or re-reads a key on the hot path.
 * Paths are resolved against the scenario's folder first, then the hjsim package root.
 */
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SimError } from './errors.ts';

/** The hjsim package root (where `certs/` and `scenarios/` ship). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CERTS_DIR = join(PACKAGE_ROOT, 'certs');
export const DEVICE_KEY_POOL_SIZE = 16;

const textCache = new Map<string, string>();
const keyCache = new Map<string, KeyObject>();
const publicKeyCache = new WeakMap<KeyObject, KeyObject>();
/** Full paths whose PEM parsed as a certificate. */
const checkedCertificates = new Set<string>();
/** Where a scenario's relative path resolved (`baseDir` NUL `path` → full path). */
const resolvedPaths = new Map<string, string>();

/** Resolves a key/cert path named in a scenario (the file system is asked once per name). */
export function resolveMaterialPath(path: string, baseDir?: string): string {
  if (isAbsolute(path)) return path;
  if (!baseDir) return resolve(PACKAGE_ROOT, path);
  const cacheKey = `${baseDir}\0${path}`;
  let full = resolvedPaths.get(cacheKey);
  if (full === undefined) {
    const local = resolve(baseDir, path);
    full = existsSync(local) ? local : resolve(PACKAGE_ROOT, path);
    resolvedPaths.set(cacheKey, full);
  }
  return full;
}

export function readPem(path: string, baseDir?: string): string {
  const full = resolveMaterialPath(path, baseDir);
  let text = textCache.get(full);
  if (text === undefined) {
    try {
      text = readFileSync(full, 'utf8');
    } catch (cause) {
      throw new SimError('ERR_KEY_STORE', `cannot read key material ${path}`, {
        cause,
        where: full,
        hint: 'name a file under certs/ (see certs/README.md) or a path relative to the scenario file',
      });
    }
    textCache.set(full, text);
  }
  return text;
}

export function privateKey(path: string, baseDir?: string): KeyObject {
  const full = resolveMaterialPath(path, baseDir);
  let key = keyCache.get(full);
  if (!key) {
    try {
      key = createPrivateKey(readPem(full));
    } catch (cause) {
      if (cause instanceof SimError) throw cause;
      throw new SimError('ERR_KEY_STORE', `${path} is not a PEM private key`, {
        cause,
        where: full,
      });
    }
    keyCache.set(full, key);
  }
  return key;
}

/** The public half of a key, derived once per key object. */
export function publicKeyOf(key: KeyObject): KeyObject {
  if (key.type === 'public') return key;
  let pub = publicKeyCache.get(key);
  if (!pub) {
    pub = createPublicKey(key);
    publicKeyCache.set(key, pub);
  }
  return pub;
}

/** Reads a PEM certificate file and checks it parses. */
export function certificatePem(path: string, baseDir?: string): string {
  const pem = readPem(path, baseDir);
  const full = resolveMaterialPath(path, baseDir);
  if (checkedCertificates.has(full)) return pem;
  try {
    new X509Certificate(pem);
    checkedCertificates.add(full);
  } catch (cause) {
    throw new SimError('ERR_CERTIFICATE', `${path} is not a PEM certificate`, {
      cause,
      where: resolveMaterialPath(path, baseDir),
    });
  }
  return pem;
}

/** A key from the device pool; `index` wraps around the pool. */
export function deviceKey(index: number): KeyObject {
  const i = ((index % DEVICE_KEY_POOL_SIZE) + DEVICE_KEY_POOL_SIZE) % DEVICE_KEY_POOL_SIZE;
  return privateKey(join(CERTS_DIR, 'pool', `device-${String(i).padStart(2, '0')}.key`));
}

/**
 * A CA file a user names to trust a server's TLS (an external IdP's `caFile`, `hjsim conform
 * --ca`): PEM text holding at least one readable certificate, every block a certificate.
 */
export function caCertificatesPem(path: string, baseDir?: string): string {
  const full = resolveMaterialPath(path, baseDir);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (cause) {
    const code = (cause as { code?: string } | null)?.code;
    throw new SimError(
      'ERR_CERTIFICATE',
      `cannot read the CA file ${path}${code === 'ENOENT' ? ' (no such file)' : code === 'EISDIR' ? ' (a folder)' : ''}`,
      { cause, where: full, hint: 'name a PEM file of CA certificates, e.g. certs/tls-ca.crt' },
    );
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  const bad = blocks.findIndex((b) => {
    try {
      new X509Certificate(b);
      return false;
    } catch {
      return true;
    }
  });
  if (blocks.length === 0 || bad >= 0) {
    throw new SimError(
      'ERR_CERTIFICATE',
      blocks.length === 0
        ? `the CA file ${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`
        : `certificate ${bad + 1} of the CA file ${path} is not readable`,
      { where: full, hint: 'name a PEM file of CA certificates, e.g. certs/tls-ca.crt' },
    );
  }
  return blocks.join('\n') + '\n';
}
