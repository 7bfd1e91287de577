/**
 * The party handler contract. Each party (mock IdP, mock Entra) is a host name plus routes whose
 * handlers take a plain request and return a plain response; the msw and express transports both
 * mount exactly these handlers (DESIGN.md: written once, mounted twice).
 */
export interface PartyRequest {
  readonly method: string;
  readonly url: URL;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface PartyResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ANY';
  /** A path pattern: literal segments and `:name` parameters, e.g. `/:tenant/oauth2/token`. */
  readonly path: string;
  readonly handle: (
    req: PartyRequest,
    params: Readonly<Record<string, string>>,
  ) => Promise<PartyResponse> | PartyResponse;
}

export interface Party {
  /** For transcripts and error messages: `mock-idp`, `mock-entra-login`, `mock-entra-drs`. */
  readonly name: string;
  /** The host name the party answers for, exactly as the client addresses it. */
  readonly host: string;
  readonly routes: readonly Route[];
}

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): PartyResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function xmlResponse(
  status: number,
  body: string,
  contentType = 'application/soap+xml; charset=utf-8',
): PartyResponse {
  return { status, headers: { 'content-type': contentType }, body };
}

/** Matches `/a/:b/c` against a path; returns the parameters or undefined. Parameters are URI-decoded. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    const val = s[i]!;
    if (seg.startsWith(':')) {
      try {
        params[seg.slice(1)] = decodeURIComponent(val);
      } catch {
        return undefined;
      }
    } else if (seg.toLowerCase() !== val.toLowerCase()) {
      return undefined;
    }
  }
  return params;
}

/** Finds the route for a request: first by path, then by method (405 when only the method differs). */
export function findRoute(
  party: Party,
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | { methodNotAllowed: true } | undefined {
  let pathMatched = false;
  for (const route of party.routes) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    pathMatched = true;
    if (route.method === 'ANY' || route.method === method.toUpperCase()) return { route, params };
  }
  return pathMatched ? { methodNotAllowed: true } : undefined;
}
