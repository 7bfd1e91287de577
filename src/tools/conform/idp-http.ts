/**
 * HTTP to the IdP under test, over the real network: each request lets out exactly its own origin
 * (route-fetch.ts `withExternalOrigins`), trusting the system CAs and the run's CA file. A failure
 * to connect is a value that names its cause (refused, name not resolved, TLS), not a throw.
 */
import { withExternalOrigins } from '../../transport/route-fetch.ts';

export interface IdpResponse {
  readonly ok: true;
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export interface IdpUnreachable {
  readonly ok: false;
  /** Node's error code when there is one: ECONNREFUSED, ENOTFOUND, SELF_SIGNED_CERT_IN_CHAIN, … */
  readonly code: string | undefined;
  readonly message: string;
  /** The failure is TLS: the server's certificate is not trusted (or not for this name). */
  readonly tls: boolean;
}

const TLS_CODES =
  /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|HOSTNAME|ALTNAME|SSL|EPROTO/i;

function unreachable(e: unknown): IdpUnreachable {
  // fetch rejects with TypeError('fetch failed') and the socket's error as its cause.
  const cause = (e as { cause?: unknown } | null)?.cause ?? e;
  const code = (cause as { code?: unknown } | null)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  const codeText = typeof code === 'string' ? code : undefined;
  return {
    ok: false,
    code: codeText,
    message,
    tls: TLS_CODES.test(codeText ?? '') || TLS_CODES.test(message),
  };
}

export async function idpRequest(
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
  ca: string | undefined,
): Promise<IdpResponse | IdpUnreachable> {
  const origin = new URL(url).origin;
  try {
    return await withExternalOrigins({ origins: [origin], ...(ca ? { ca } : {}) }, async () => {
      const res = await fetch(url, {
        method: init.method,
        headers: init.headers ?? {},
        ...(init.body === undefined ? {} : { body: init.body }),
        redirect: 'manual',
        signal: AbortSignal.timeout(30_000),
      });
      return {
        ok: true as const,
        status: res.status,
        contentType: res.headers.get('content-type') ?? '',
        body: await res.text(),
      };
    });
  } catch (e) {
    return unreachable(e);
  }
}

/** One line saying why, and what to try. */
export function describeUnreachable(
  url: string,
  u: IdpUnreachable,
): { text: string; hint: string } {
  const host = new URL(url).host;
  const why = u.code ? `${u.code}: ${u.message}` : u.message;
  if (u.tls) {
    return {
      text: `cannot reach ${url}: the TLS certificate of ${host} is not trusted (${why})`,
      hint: 'pass --ca FILE with the CA that issued it (PEM); for hjsim serve --tls: --ca certs/tls-ca.crt',
    };
  }
  return {
    text: `cannot reach ${url} (${why})`,
    hint:
      u.code === 'ECONNREFUSED'
        ? `nothing listens at ${host}: is the IdP up, and the port right?`
        : u.code === 'ENOTFOUND' || u.code === 'EAI_AGAIN'
          ? `${new URL(url).hostname} does not resolve from here: check the name, DNS or a hosts entry`
          : 'check the URL, and that this machine can reach the IdP (proxy, firewall)',
  };
}
