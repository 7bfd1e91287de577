/**
 * Loopback transport: an express app that hands every request to the same party handlers msw
 * mounts in-process (`dispatch`). A request goes to the parties registered for its `Host`
 * header; when no party claims that host, it goes to the parties registered for the server's
 * own address (`hjsim serve` puts the IdP, login and DRS routes on one `127.0.0.1:PORT`).
 */
import express, { type Express, type Request, type Response } from 'express';
import type { Party } from '../core/http.ts';
import { createRouter, dispatch, hasParty, type Exchange, type PartyRouter } from './dispatch.ts';
import { SAFE_DEFAULTS } from './safe-listen.ts';

export interface ExpressAppOptions {
  /** Largest request body accepted (413 beyond). Default SAFE_DEFAULTS.bodyLimit. */
  readonly bodyLimit?: string;
  /** Host:port the server is reached at, for requests whose Host names no party. */
  readonly fallbackHost?: () => string | undefined;
  /** Called after each exchange (for logging). */
  readonly onExchange?: (e: Exchange) => void;
  /** Keep only the newest N exchanges (see RouterOptions). */
  readonly keepExchanges?: number;
}

/**
 * Picks the router a request goes to from its lower-cased headers, and takes out of them any
 * header that only said so (it is no part of the exchange). Undefined: no run owns the request.
 */
export type RouterSelector = (headers: Record<string, string>) => PartyRouter | undefined;

export function createExpressApp(
  parties: readonly Party[],
  opts: ExpressAppOptions = {},
): { app: Express; router: PartyRouter } {
  const router = createRouter(parties, {
    ...(opts.onExchange ? { onExchange: opts.onExchange } : {}),
    ...(opts.keepExchanges === undefined ? {} : { keepExchanges: opts.keepExchanges }),
  });
  return { app: createRoutingApp(() => router, opts), router };
}

/** `/path?query` of a request target: origin-form as is, absolute-form without its scheme and authority. */
function targetPath(target: string): { readonly path: string; readonly authority?: string } {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)(.*)$/i.exec(target);
  if (absolute) {
    const rest = absolute[2] ?? '';
    return { path: rest.startsWith('/') ? rest : `/${rest}`, authority: absolute[1]! };
  }
  return { path: target.startsWith('/') ? target : `/${target}` };
}

/**
 * The URL a request addresses: its target is a path (`//tenant/…` is a path that starts with two
 * slashes, never a host), on the host of an absolute-form target, else the `Host` header, else
 * the server's own address, whichever first names a party.
 * @see [RFC9112] §3.2.1 origin-form, §3.2.2 absolute-form ("an origin server … MUST ignore the
 *   received Host header field … and instead use the host information of the request-target")
 */
export function requestUrl(
  router: PartyRouter,
  target: string,
  hostHeader: string | undefined,
  fallbackHost: string | undefined,
): URL {
  const { path, authority } = targetPath(target);
  const at = (host: string): URL | undefined => {
    try {
      const url = new URL(`https://${host}`);
      if (url.pathname !== '/' || url.search || url.username) return undefined;
      const [pathname, ...query] = path.split('?');
      url.pathname = pathname!;
      url.search = query.length ? `?${query.join('?')}` : '';
      return url;
    } catch {
      return undefined;
    }
  };
  const candidates = [authority, hostHeader, fallbackHost]
    .filter((h): h is string => typeof h === 'string' && h.length > 0)
    .map(at)
    .filter((u): u is URL => u !== undefined);
  return candidates.find((u) => hasParty(router, u)) ?? candidates[0] ?? (at('localhost') as URL);
}

/** The app, with the router chosen per request (one server for many runs). */
export function createRoutingApp(routerFor: RouterSelector, opts: ExpressAppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(
    express.text({
      type: () => true,
      limit: opts.bodyLimit ?? SAFE_DEFAULTS.bodyLimit,
      defaultCharset: 'utf-8',
    }),
  );
  app.use(async (req: Request, res: Response) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === 'string') headers[k.toLowerCase()] = v;
    const router = routerFor(headers);
    if (!router) {
      res.status(421).type('text/plain').send('hjsim: no run on this server owns the request');
      return;
    }
    const url = requestUrl(router, req.originalUrl, req.headers.host, opts.fallbackHost?.());
    const body = typeof req.body === 'string' ? req.body : '';
    const out = await dispatch(router, { method: req.method, url, headers, body });
    res.status(out.status);
    for (const [k, v] of Object.entries(out.headers)) res.setHeader(k, v);
    res.send(out.body);
  });
  // express's body parser errors (413, bad encoding) arrive here.
  app.use(
    (
      err: { status?: number; type?: string; message?: string },
      _req: Request,
      res: Response,
      _next: unknown,
    ) => {
      void _next;
      res
        .status(err.status ?? 500)
        .type('text/plain')
        .send(err.type === 'entity.too.large' ? 'Payload Too Large' : 'Bad Request');
    },
  );
  return app;
}
