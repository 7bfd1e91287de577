/**
 * The one listen path of every server hjsim ships (`hjsim serve`, `--transport http`, `npm run
 * load`, `hjsim train`): a loopback address unless told otherwise, and limits that close a
 * connection whose headers, body or TLS handshake trickle in (slowloris) instead of Node's 60 s /
 * 300 s / 120 s, an idle keep-alive connection after a few seconds, and a cap on open connections.
 * @see [NODEHTTP] http.createServer options requestTimeout, headersTimeout,
 *   connectionsCheckingInterval, server.keepAliveTimeout; [NODENET] server.maxConnections;
 *   [NODETLS] tls.createServer handshakeTimeout; [EXPRESSBODY] body-parser `limit`
 * modeled: the figures are hjsim's choice for a test server, not any Microsoft service's.
 */
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { SimError } from '../core/errors.ts';

/** The limits every shipped server listens with (docs/security.md states them as measured). */
export const SAFE_DEFAULTS = {
  host: '127.0.0.1',
  /** The largest request body (413 beyond): a SAML assertion is a few kB, a DRS join a few more. */
  bodyLimit: '1mb',
  /** Headers and body of one request must have arrived within this. */
  requestTimeoutMs: 30_000,
  /** The headers of one request (or the first bytes of a new connection) within this. */
  headersTimeoutMs: 10_000,
  /** A TLS handshake must be done within this (Node's default is 120 s). */
  tlsHandshakeTimeoutMs: 10_000,
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: 5_000,
  /** How often the request and headers timeouts are enforced. */
  connectionsCheckingIntervalMs: 1_000,
  /** Open connections at once; a connection beyond is closed as soon as it is accepted. */
  maxConnections: 1_024,
} as const;

export type SafeLimits = {
  -readonly [K in Exclude<keyof typeof SAFE_DEFAULTS, 'host' | 'bodyLimit'>]: number;
};

export interface SafeListenOptions extends Partial<SafeLimits> {
  /** Default 0: any free port. */
  readonly port?: number;
  /** Default 127.0.0.1. Anything but a loopback address needs `exposeBeyondLoopback`. */
  readonly host?: string;
  /** Say so to listen on a non-loopback address (the mock parties accept tokens signed with TEST ONLY keys). */
  readonly exposeBeyondLoopback?: boolean;
  /** PEM key and certificate: serve HTTPS. */
  readonly tls?: { readonly key: string; readonly cert: string };
}

export interface SafeServer {
  readonly server: Server;
  readonly port: number;
  /** The limits it listens with. */
  readonly limits: SafeLimits;
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/i;

function listenError(port: number, host: string, cause: unknown): SimError {
  const code = (cause as { code?: string } | null)?.code;
  return new SimError(
    'ERR_USAGE',
    code === 'EADDRINUSE'
      ? `port ${port} on ${host} is already in use`
      : code === 'EACCES'
        ? `not allowed to listen on port ${port}`
        : `cannot listen on ${host}:${port}: ${cause instanceof Error ? cause.message : String(cause)}`,
    { cause, hint: 'choose another --port, or --port 0 for any free port' },
  );
}

/** One line a server prints at start: the limits it listens with. */
export function describeLimits(l: SafeLimits, bodyLimit: string = SAFE_DEFAULTS.bodyLimit): string {
  const s = (ms: number) => `${ms / 1000} s`;
  return (
    `limits: headers ${s(l.headersTimeoutMs)}, request ${s(l.requestTimeoutMs)}, TLS handshake ` +
    `${s(l.tlsHandshakeTimeoutMs)}, idle keep-alive ${s(l.keepAliveTimeoutMs)}, ` +
    `${l.maxConnections} connections, body ${bodyLimit.replace('mb', ' MiB').replace('kb', ' KiB')}`
  );
}

/**
 * Listens with `onRequest` and the safe limits; resolves once it listens. Throws SimError
 * ERR_USAGE for a non-loopback host without `exposeBeyondLoopback`, or a port it cannot bind.
 */
export async function listenSafely(
  onRequest: RequestListener,
  opts: SafeListenOptions = {},
): Promise<SafeServer> {
  const host = opts.host ?? SAFE_DEFAULTS.host;
  if (!LOOPBACK.test(host) && !opts.exposeBeyondLoopback) {
    throw new SimError('ERR_USAGE', `refusing to listen on ${host}: not a loopback address`, {
      hint: 'the mock parties trust TEST ONLY keys; listen on 127.0.0.1, or pass exposeBeyondLoopback on purpose (inside a container)',
    });
  }
  const limits: SafeLimits = {
    requestTimeoutMs: opts.requestTimeoutMs ?? SAFE_DEFAULTS.requestTimeoutMs,
    headersTimeoutMs: opts.headersTimeoutMs ?? SAFE_DEFAULTS.headersTimeoutMs,
    tlsHandshakeTimeoutMs: opts.tlsHandshakeTimeoutMs ?? SAFE_DEFAULTS.tlsHandshakeTimeoutMs,
    keepAliveTimeoutMs: opts.keepAliveTimeoutMs ?? SAFE_DEFAULTS.keepAliveTimeoutMs,
    connectionsCheckingIntervalMs:
      opts.connectionsCheckingIntervalMs ?? SAFE_DEFAULTS.connectionsCheckingIntervalMs,
    maxConnections: opts.maxConnections ?? SAFE_DEFAULTS.maxConnections,
  };
  const serverOptions = {
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: limits.headersTimeoutMs,
    connectionsCheckingInterval: limits.connectionsCheckingIntervalMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
  };
  const server: Server = opts.tls
    ? createHttpsServer(
        {
          ...serverOptions,
          handshakeTimeout: limits.tlsHandshakeTimeoutMs,
          key: opts.tls.key,
          cert: opts.tls.cert,
        },
        onRequest,
      )
    : createHttpServer(serverOptions, onRequest);
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  // A TLS handshake that fails or times out is the client's problem: never an unhandled error.
  server.on('tlsClientError', (_e: Error, socket: Socket) => socket.destroy());
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const wanted = opts.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => reject(listenError(wanted, host, e)));
    server.listen(wanted, host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    limits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
