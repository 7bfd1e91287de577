/**
 * Loopback transport: an express app that hands every request to the same party handlers msw
 * mounts in-process (`dispatch`). A request goes to the parties registered for its `Host`
 * header; when no party claims that host, it goes to the parties registered for the server's
 * own address (`hjsim serve` puts the IdP, login and DRS routes on one `127.0.0.1:PORT`).
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import express, { type Express, type Request, type Response } from 'express';
import { SimError } from '../core/errors.ts';
import type { Party } from '../core/http.ts';
import { createRouter, dispatch, hasParty, type Exchange, type PartyRouter } from './dispatch.ts';

/**
 * The loopback transport's safe defaults: a loopback address, a body limit, and timeouts that
 * close a connection whose headers or body trickle in (slowloris) instead of Node's 60 s / 300 s.
 * @see nodejs.org/api/http.html http.createServer options requestTimeout, headersTimeout,
 *   connectionsCheckingInterval; expressjs.com body-parser `limit` (default 100kb)
 * modeled: the figures are hjsim's choice for a test server, not any Microsoft service's.
 */
export const SAFE_DEFAULTS = {
  host: '127.0.0.1',
  /** The largest request body (413 beyond): a SAML assertion is a few kB, a DRS join a few more. */
  bodyLimit: '1mb',
  /** Headers and body of one request must have arrived within this. */
  requestTimeoutMs: 30_000,
  /** The headers of one request must have arrived within this. */
  headersTimeoutMs: 10_000,
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: 5_000,
  /** How often the two timeouts above are enforced. */
  connectionsCheckingIntervalMs: 1_000,
} as const;

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
    const host = req.headers.host ?? opts.fallbackHost?.() ?? 'localhost';
    let url = new URL(req.originalUrl, `https://${host}`);
    if (!hasParty(router, url)) {
      const fb = opts.fallbackHost?.();
      if (fb) url = new URL(req.originalUrl, `https://${fb}`);
    }
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

export interface ListenOptions {
  /** Default 0: any free port. */
  readonly port?: number;
  /** Default 127.0.0.1. Anything but a loopback address needs `exposeBeyondLoopback`. */
  readonly host?: string;
  /** Say so to listen on a non-loopback address (the mock parties accept any token you make). */
  readonly exposeBeyondLoopback?: boolean;
  readonly requestTimeoutMs?: number;
  readonly headersTimeoutMs?: number;
  readonly keepAliveTimeoutMs?: number;
  readonly connectionsCheckingIntervalMs?: number;
  /** PEM key and certificate: serve HTTPS (certs/tls-server.key/.crt, TEST ONLY). */
  readonly tls?: { readonly key: string; readonly cert: string };
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/i;

/**
 * Starts the app with the safe defaults (loopback, timeouts) and resolves once it listens.
 * Throws SimError ERR_USAGE for a non-loopback host without `exposeBeyondLoopback`, and
 * ERR_HTTP when the port cannot be bound.
 */
export async function listenSafely(app: Express, opts: ListenOptions = {}): Promise<Server> {
  const host = opts.host ?? SAFE_DEFAULTS.host;
  if (!LOOPBACK.test(host) && !opts.exposeBeyondLoopback) {
    throw new SimError('ERR_USAGE', `refusing to listen on ${host}: not a loopback address`, {
      hint: 'the mock parties trust TEST ONLY keys; listen on 127.0.0.1, or pass exposeBeyondLoopback on purpose',
    });
  }
  const serverOptions = {
    requestTimeout: opts.requestTimeoutMs ?? SAFE_DEFAULTS.requestTimeoutMs,
    headersTimeout: opts.headersTimeoutMs ?? SAFE_DEFAULTS.headersTimeoutMs,
    connectionsCheckingInterval:
      opts.connectionsCheckingIntervalMs ?? SAFE_DEFAULTS.connectionsCheckingIntervalMs,
  };
  const server: Server = opts.tls
    ? createHttpsServer({ ...serverOptions, key: opts.tls.key, cert: opts.tls.cert }, app)
    : createHttpServer(serverOptions, app);
  server.keepAliveTimeout = opts.keepAliveTimeoutMs ?? SAFE_DEFAULTS.keepAliveTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause: Error) =>
      reject(
        new SimError('ERR_HTTP', `cannot listen on ${host}:${opts.port ?? 0}: ${cause.message}`, {
          cause,
          hint: 'choose another port with --port',
        }),
      ),
    );
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  return server;
}
