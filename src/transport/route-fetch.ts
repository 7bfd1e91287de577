/**
 * Real-socket routing for the client's `fetch`: inside `withFetchRoutedTo(target, fn)` every
 * request `fn` makes (to `login.microsoftonline.com`, `enterpriseregistration.windows.net`, the
 * IdP's host, anything) is connected to one loopback server instead of the host's real address.
 * The URL, and so the `Host` header and TLS's view of the request, stay the real host names; only
 * the TCP connection goes to `127.0.0.1:PORT` (docs/decisions/0004-loopback-transport.md).
 *
 * Node's built-in `fetch` uses undici's global dispatcher; a routing dispatcher installed there
 * once picks the run's loopback agent from an AsyncLocalStorage context, so concurrent runs (and
 * code outside any run) are never routed to someone else's server.
 *
 * An external IdP (`idp.external`, `hjsim conform`; docs/decisions/0011) is the one exception to
 * "nothing leaves the process or loopback": inside `withExternalOrigins(origins, fn)` requests to
 * exactly those origins (scheme, host and port) go out on their real address, over TLS that
 * trusts the system CAs plus the given CA file. Every other request is routed as before.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import {
  Agent,
  buildConnector,
  Dispatcher,
  getGlobalDispatcher,
  setGlobalDispatcher,
} from 'undici';
import { CERTS_DIR, readPem } from '../core/keys.ts';

export interface LoopbackTarget {
  readonly port: number;
  /** true: TLS to the server, trusting the TEST ONLY CA (certs/tls-ca.crt). */
  readonly tls: boolean;
}

const routed = new AsyncLocalStorage<Dispatcher>();

interface ExternalRoute {
  readonly origins: ReadonlySet<string>;
  readonly agent: Dispatcher;
}
const external = new AsyncLocalStorage<ExternalRoute>();

/** `https://host:port` as URL.origin writes it (lower-case host, default port dropped); '' if unparsable. */
function originOf(url: string | URL): string {
  try {
    return new URL(String(url)).origin.toLowerCase();
  } catch {
    return '';
  }
}

function externalAgentFor(opts: Dispatcher.DispatchOptions): Dispatcher | undefined {
  const route = external.getStore();
  if (!route || opts.origin === undefined) return undefined;
  return route.origins.has(originOf(opts.origin)) ? route.agent : undefined;
}

class RoutingDispatcher extends Dispatcher {
  constructor(private readonly fallback: Dispatcher) {
    super();
  }
  override dispatch(
    options: Dispatcher.DispatchOptions,
    handler: Dispatcher.DispatchHandlers,
  ): boolean {
    const target = externalAgentFor(options) ?? routed.getStore() ?? this.fallback;
    return target.dispatch(options, handler);
  }
}

let installed = false;

function installRoutingDispatcher(): void {
  if (installed) return;
  setGlobalDispatcher(new RoutingDispatcher(getGlobalDispatcher()));
  installed = true;
}

/** An undici agent that connects every origin to 127.0.0.1:PORT (TLS verified against the test CA). */
export function loopbackAgent(target: LoopbackTarget): Agent {
  const connect = buildConnector(
    target.tls ? { ca: readPem(`${CERTS_DIR}/tls-ca.crt`), rejectUnauthorized: true } : {},
  );
  return new Agent({
    connect: (opts, callback) =>
      connect(
        {
          ...opts,
          // The server's certificate names 127.0.0.1: the address actually dialled is what TLS
          // verifies (no SNI for an IP); the request still names the real host in its URL and
          // Host header.
          hostname: '127.0.0.1',
          host: '127.0.0.1',
          port: String(target.port),
          protocol: target.tls ? 'https:' : 'http:',
        },
        callback,
      ),
  });
}

/** True inside `withFetchRoutedTo` (the in-process transport lets these requests through). */
export function isFetchRouted(): boolean {
  return routed.getStore() !== undefined;
}

/**
 * A dispatcher that sends everything through `agent` with one header added: how a server shared
 * by many runs tells whose request it is (the server takes the header out again).
 */
class HeaderAddingDispatcher extends Dispatcher {
  constructor(
    private readonly agent: Dispatcher,
    private readonly name: string,
    private readonly value: string,
  ) {
    super();
  }
  override dispatch(
    options: Dispatcher.DispatchOptions,
    handler: Dispatcher.DispatchHandlers,
  ): boolean {
    return this.agent.dispatch(
      { ...options, headers: withHeader(options.headers, this.name, this.value) },
      handler,
    );
  }
}

function withHeader(
  headers: Dispatcher.DispatchOptions['headers'],
  name: string,
  value: string,
): NonNullable<Dispatcher.DispatchOptions['headers']> {
  if (headers == null) return { [name]: value };
  if (Array.isArray(headers)) return [...(headers as string[]), name, value];
  if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function')
    return [...(headers as Iterable<[string, string]>)].flat().concat([name, value]);
  return { ...(headers as Record<string, string>), [name]: value };
}

/**
 * Runs `fn` with its `fetch` calls sent through `agent` (connected to a shared loopback server),
 * each carrying `header: value` so that the server knows the run.
 */
export async function withFetchRoutedThrough<T>(
  agent: Dispatcher,
  header: { readonly name: string; readonly value: string },
  fn: () => Promise<T>,
): Promise<T> {
  installRoutingDispatcher();
  return routed.run(new HeaderAddingDispatcher(agent, header.name, header.value), fn);
}

/** Runs `fn` with its `fetch` calls connected to the loopback server at `target`. */
export async function withFetchRoutedTo<T>(
  target: LoopbackTarget,
  fn: () => Promise<T>,
): Promise<T> {
  installRoutingDispatcher();
  const agent = loopbackAgent(target);
  try {
    return await routed.run(agent, fn);
  } finally {
    await agent.close();
  }
}

export interface ExternalOrigins {
  /** The origins (`https://sso.example.com`, `https://127.0.0.1:8443`) that may be reached. */
  readonly origins: readonly string[];
  /** PEM CA certificates trusted for their TLS besides the system ones. */
  readonly ca?: string;
}

/** True for a request to an origin `withExternalOrigins` let out (the in-process transport lets it pass). */
export function isExternalRequest(url: string | URL): boolean {
  const route = external.getStore();
  return route !== undefined && route.origins.has(originOf(url));
}

/** The system's CAs: Node's bundle and NODE_EXTRA_CA_CERTS, which an explicit `ca` would replace. */
function systemCas(): string[] {
  const extra = process.env['NODE_EXTRA_CA_CERTS'];
  let extraPem: string[] = [];
  if (extra) {
    try {
      extraPem = [readFileSync(extra, 'utf8')];
    } catch {
      // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS.
    }
  }
  return [...rootCertificates, ...extraPem];
}

/**
 * Runs `fn` with requests to `target.origins` going out over the real network (TLS verified
 * against the system CAs and `target.ca`), whatever transport the rest of `fn` uses.
 */
export async function withExternalOrigins<T>(
  target: ExternalOrigins,
  fn: () => Promise<T>,
): Promise<T> {
  installRoutingDispatcher();
  const agent = new Agent({
    connect: {
      rejectUnauthorized: true,
      ...(target.ca === undefined ? {} : { ca: [...systemCas(), target.ca] }),
    },
  });
  const origins = new Set(target.origins.map(originOf).filter((o) => o !== '' && o !== 'null'));
  try {
    return await external.run({ origins, agent }, fn);
  } finally {
    await agent.close();
  }
}
