/**
 * Routes one HTTP request to the party that owns its host, records the exchange, and turns a
 * handler crash into a 500 flagged in the exchange log (one error boundary for every party).
 * Both transports (msw in-process, express over loopback) call `dispatch`.
 */
import { findRoute, type Party, type PartyRequest, type PartyResponse } from '../core/http.ts';

export interface Exchange {
  readonly party: string;
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody: string;
  readonly status: number;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly responseBody: string;
  /** Set when a handler threw: the response is a 500 the simulator made, not a modeled answer. */
  readonly internalError?: string;
}

export interface PartyRouter {
  readonly parties: ReadonlyMap<string, Party>;
  readonly exchanges: Exchange[];
}

export function createRouter(parties: readonly Party[]): PartyRouter {
  const map = new Map<string, Party>();
  for (const p of parties) map.set(p.host.toLowerCase(), p);
  return { parties: map, exchanges: [] };
}

export function hasParty(router: PartyRouter, url: URL): boolean {
  return (
    router.parties.has(url.host.toLowerCase()) || router.parties.has(url.hostname.toLowerCase())
  );
}

export async function dispatch(router: PartyRouter, req: PartyRequest): Promise<PartyResponse> {
  const party =
    router.parties.get(req.url.host.toLowerCase()) ??
    router.parties.get(req.url.hostname.toLowerCase());
  let res: PartyResponse;
  let internalError: string | undefined;
  if (!party) {
    res = {
      status: 502,
      headers: { 'content-type': 'text/plain' },
      body: `hjsim: no simulated party answers for ${req.url.host}`,
    };
  } else {
    const found = findRoute(party, req.method, req.url.pathname);
    if (!found) {
      res = {
        status: 404,
        headers: { 'content-type': 'text/plain' },
        body: `Not Found: ${req.url.pathname}`,
      };
    } else if ('methodNotAllowed' in found) {
      res = {
        status: 405,
        headers: { 'content-type': 'text/plain' },
        body: `Method Not Allowed: ${req.method}`,
      };
    } else {
      try {
        res = await found.route.handle(req, found.params);
      } catch (e) {
        internalError = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        res = {
          status: 500,
          headers: { 'content-type': 'text/plain' },
          body: 'Internal Server Error',
        };
      }
    }
  }
  router.exchanges.push({
    party: party?.name ?? 'none',
    method: req.method,
    url: req.url.toString(),
    requestHeaders: req.headers,
    requestBody: req.body,
    status: res.status,
    responseHeaders: res.headers,
    responseBody: res.body,
    ...(internalError === undefined ? {} : { internalError }),
  });
  return res;
}
