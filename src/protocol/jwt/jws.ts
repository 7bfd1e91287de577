/**
 * Compact JWS with RS256, for mock Entra's access tokens (the DRS checks the bearer it is sent).
 * @see RFC 7515, RFC 7519
 */
import { sign, verify, type KeyObject } from 'node:crypto';

export type JwtClaims = Readonly<Record<string, unknown>>;

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function signJwt(claims: JwtClaims, key: KeyObject, kid: string): string {
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid }));
  const payload = b64url(JSON.stringify(claims));
  const sig = sign('sha256', Buffer.from(`${header}.${payload}`), key);
  return `${header}.${payload}.${b64url(sig)}`;
}

/** Verifies signature and `alg`; returns the claims, or undefined when anything is off. */
export function verifyJwt(token: string, key: KeyObject): JwtClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  try {
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: unknown };
    if (header.alg !== 'RS256') return undefined;
    if (!verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url')))
      return undefined;
    const claims: unknown = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    return claims !== null && typeof claims === 'object' ? (claims as JwtClaims) : undefined;
  } catch {
    return undefined;
  }
}
