/**
 * The parties on a real socket: the express app of `express-app.ts` (the same handlers msw mounts)
 * served on 127.0.0.1, over HTTPS with the TEST ONLY certificate for 127.0.0.1 (certs/tls-server.*,
 * signed by certs/tls-ca.crt) or plain HTTP. One port for every party: a request goes to the
 * parties of its `Host` header (virtual hosts: `login.microsoftonline.com`,
 * `enterpriseregistration.windows.net`, the IdP's host), and a request whose `Host` names no party
 * goes to the parties served at the server's own address (`127.0.0.1:PORT`), so clients that can
 * only be given a base URL reach them too (docs/decisions/0004-loopback-transport.md).
 *
 * In a container the server listens on every interface (`listen: '0.0.0.0'`, said on purpose with
 * `exposeBeyondLoopback`) but still names itself `127.0.0.1:PORT`: that is where a client on the
 * host reaches it through a port published on 127.0.0.1 with the same number, and what the TEST
 * ONLY certificate names (docs/decisions/0010-containers.md). `GET /healthz` (with `health`) is
 * hjsim's own readiness answer, not an Entra or IdP route.
 */
import type { RequestListener } from 'node:http';
import { SimError } from '../core/errors.ts';
import type { Party } from '../core/http.ts';
import { CERTS_DIR, readPem } from '../core/keys.ts';
import { createExpressApp, createRoutingApp, type RouterSelector } from './express-app.ts';
import type { Exchange, PartyRouter } from './dispatch.ts';
import { listenSafely, type SafeLimits } from './safe-listen.ts';

export const TLS_CA_PATH = `${CERTS_DIR}/tls-ca.crt`;

/** The addresses a server may listen on: loopback, or every interface (inside a container). */
export const LISTEN_ADDRESSES = ['127.0.0.1', '0.0.0.0', '::'] as const;
export type ListenAddress = (typeof LISTEN_ADDRESSES)[number];

/**
 * hjsim's own health path (not an Entra or IdP route: a test checks that no party of any shipped
 * scenario answers it). 200 once the parties are mounted, 503 before.
 */
export const HEALTH_PATH = '/healthz';

export interface LoopbackServerOptions {
  /** 0 (default): any free port. */
  readonly port?: number;
  readonly tls: boolean;
  /**
   * Also serve every party at the server's own address (`127.0.0.1:PORT`). The parties are built
   * after the port is known: `parties(hostPort)` receives `127.0.0.1:PORT`.
   */
  readonly aliasAtServerAddress?: boolean;
  readonly onExchange?: (e: Exchange) => void;
  /** Keep only the newest N exchanges in `router.exchanges` (a long-running server). */
  readonly keepExchanges?: number;
  /** Default 127.0.0.1. Every interface (`0.0.0.0`, `::`) needs `exposeBeyondLoopback`. */
  readonly listen?: ListenAddress;
  /** Say so to listen beyond loopback (the mock parties accept tokens signed with TEST ONLY keys). */
  readonly exposeBeyondLoopback?: boolean;
  /** Answer `GET /healthz` (HEALTH_PATH) outside the parties, and not logged as an exchange. */
  readonly health?: boolean;
  /** Open connections at once (default SAFE_DEFAULTS.maxConnections). */
  readonly maxConnections?: number;
}

export interface LoopbackServer {
  readonly port: number;
  /** `https://127.0.0.1:PORT` or `http://127.0.0.1:PORT` */
  readonly baseUrl: string;
  /** `127.0.0.1:PORT` */
  readonly hostPort: string;
  readonly router: PartyRouter;
  /** The limits it listens with (src/transport/safe-listen.ts). */
  readonly limits: SafeLimits;
  close(): Promise<void>;
}

/** A server listening, before anything is mounted on it. */
interface Listening {
  readonly port: number;
  readonly hostPort: string;
  readonly baseUrl: string;
  /** The limits it listens with (src/transport/safe-listen.ts). */
  readonly limits: SafeLimits;
  close(): Promise<void>;
}

/** Listens with `onRequest` on the address the options allow (the safe defaults' checks). */
async function listenServer(
  opts: Pick<
    LoopbackServerOptions,
    'listen' | 'exposeBeyondLoopback' | 'tls' | 'port' | 'maxConnections'
  >,
  onRequest: RequestListener,
): Promise<Listening> {
  const listen = opts.listen ?? '127.0.0.1';
  if (!(LISTEN_ADDRESSES as readonly string[]).includes(listen)) {
    throw new SimError('ERR_USAGE', `cannot listen on ${String(listen)}`, {
      hint: `listen on one of ${LISTEN_ADDRESSES.join(', ')}`,
    });
  }
  if (listen !== '127.0.0.1' && !opts.exposeBeyondLoopback) {
    throw new SimError('ERR_USAGE', `refusing to listen on ${listen}: not a loopback address`, {
      hint: 'the mock parties trust TEST ONLY keys; listen on 127.0.0.1, or pass exposeBeyondLoopback on purpose (inside a container)',
    });
  }
  const safe = await listenSafely(onRequest, {
    host: listen,
    exposeBeyondLoopback: listen !== '127.0.0.1',
    port: opts.port ?? 0,
    ...(opts.maxConnections === undefined ? {} : { maxConnections: opts.maxConnections }),
    ...(opts.tls
      ? {
          tls: {
            key: readPem(`${CERTS_DIR}/tls-server.key`),
            cert: readPem(`${CERTS_DIR}/tls-server.crt`),
          },
        }
      : {}),
  });
  const hostPort = `127.0.0.1:${safe.port}`;
  return {
    port: safe.port,
    hostPort,
    baseUrl: `${opts.tls ? 'https' : 'http'}://${hostPort}`,
    limits: safe.limits,
    close: safe.close,
  };
}

/**
 * A server whose requests each say which run's parties answer them (`routerFor`, from the
 * request's headers): one server and one pool of TLS connections for many runs (`--transport
 * http`). Loopback only.
 */
export function startRoutingServer(
  routerFor: RouterSelector,
  opts: { readonly tls: boolean },
): Promise<Listening> {
  return listenServer({ tls: opts.tls }, createRoutingApp(routerFor));
}

/**
 * Starts the server. `parties` is called once the port is known, so that a scenario's public URLs
 * can name the server's own address.
 */
export async function startLoopbackServer(
  parties: (hostPort: string) => readonly Party[],
  opts: LoopbackServerOptions,
): Promise<LoopbackServer> {
  // The app exists once the parties do, and they need the port: answer 503 until then.
  const mounted: { app?: RequestListener; parties?: readonly string[] } = {};
  const onRequest: RequestListener = (req, res) => {
    if (opts.health && (req.url ?? '').split('?')[0] === HEALTH_PATH) {
      const ready = mounted.app !== undefined;
      res
        .writeHead(ready ? 200 : 503, { 'content-type': 'application/json; charset=utf-8' })
        .end(
          req.method === 'HEAD'
            ? undefined
            : JSON.stringify(
                ready ? { status: 'ok', parties: mounted.parties } : { status: 'starting' },
              ),
        );
      return;
    }
    if (mounted.app) mounted.app(req, res);
    else res.writeHead(503).end();
  };
  const listening = await listenServer(opts, onRequest);
  const { hostPort } = listening;
  const stop = listening.close;
  let own: readonly Party[];
  try {
    own = parties(hostPort);
  } catch (e) {
    await stop();
    throw e;
  }
  const all = opts.aliasAtServerAddress
    ? [...own, ...own.filter((p) => p.host !== hostPort).map((p) => ({ ...p, host: hostPort }))]
    : own;
  const { app, router } = createExpressApp(all, {
    fallbackHost: () => (opts.aliasAtServerAddress ? hostPort : undefined),
    ...(opts.onExchange ? { onExchange: opts.onExchange } : {}),
    ...(opts.keepExchanges === undefined ? {} : { keepExchanges: opts.keepExchanges }),
  });
  mounted.parties = [...new Set(own.map((p) => p.name))];
  mounted.app = app;
  return { ...listening, router };
}
