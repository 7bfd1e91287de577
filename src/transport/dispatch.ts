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
  /** Parties by host; several may share a host (one `hjsim serve` port): the first route match wins. */
  readonly parties: ReadonlyMap<string, readonly Party[]>;
  /** The exchanges so far (the newest `keepExchanges` of them when that is set). */
  readonly exchanges: Exchange[];
  readonly keepExchanges?: number;
  readonly onExchange?: (e: Exchange) => void;
}

export interface RouterOptions {
  /**
   * Keep only the newest N exchanges: a long-running server (`hjsim serve`) would otherwise hold
   * every request and response body it ever saw. Default: all (a run reports every exchange).
   */
  readonly keepExchanges?: number;
  /** Called with each exchange as it is recorded (for logging). */
  readonly onExchange?: (e: Exchange) => void;
}

export function createRouter(parties: readonly Party[], opts: RouterOptions = {}): PartyRouter {
  const map = new Map<string, Party[]>();
  for (const p of parties) {
    const key = p.host.toLowerCase();
    map.set(key, [...(map.get(key) ?? []), p]);
  }
  return { parties: map, exchanges: [], ...opts };
}

function partiesFor(router: PartyRouter, url: URL): readonly Party[] | undefined {
  return (
    router.parties.get(url.host.toLowerCase()) ?? router.parties.get(url.hostname.toLowerCase())
  );
}

export function hasParty(router: PartyRouter, url: URL): boolean {
  return partiesFor(router, url) !== undefined;
}

export async function dispatch(router: PartyRouter, req: PartyRequest): Promise<PartyResponse> {
  const candidates = partiesFor(router, req.url) ?? [];
  let party: Party | undefined;
  let res: PartyResponse | undefined;
  let internalError: string | undefined;
  let methodNotAllowed = false;
  for (const p of candidates) {
    const found = findRoute(p, req.method, req.url.pathname);
    if (!found) continue;
    if ('methodNotAllowed' in found) {
      methodNotAllowed = true;
      party ??= p;
      continue;
    }
    party = p;
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
    break;
  }
  if (!res) {
    party ??= candidates[0];
    res =
      candidates.length === 0
        ? {
            status: 502,
            headers: { 'content-type': 'text/plain' },
            body: `hjsim: no simulated party answers for ${req.url.host}`,
          }
        : methodNotAllowed
          ? {
              status: 405,
              headers: { 'content-type': 'text/plain' },
              body: `Method Not Allowed: ${req.method}`,
            }
          : {
              status: 404,
              headers: { 'content-type': 'text/plain' },
              body: `Not Found: ${req.url.pathname}`,
            };
  }
  const exchange: Exchange = {
    party: party?.name ?? 'none',
    method: req.method,
    url: req.url.toString(),
    requestHeaders: req.headers,
    requestBody: req.body,
    status: res.status,
    responseHeaders: res.headers,
    responseBody: res.body,
    ...(internalError === undefined ? {} : { internalError }),
  };
  router.exchanges.push(exchange);
  const keep = router.keepExchanges;
  if (keep !== undefined && router.exchanges.length > keep)
    router.exchanges.splice(0, router.exchanges.length - keep);
  router.onExchange?.(exchange);
  return res;
}
