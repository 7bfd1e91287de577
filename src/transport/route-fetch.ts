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
 */
import { AsyncLocalStorage } from 'node:async_hooks';
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

class RoutingDispatcher extends Dispatcher {
  constructor(private readonly fallback: Dispatcher) {
    super();
  }
  override dispatch(
    options: Dispatcher.DispatchOptions,
    handler: Dispatcher.DispatchHandlers,
  ): boolean {
    return (routed.getStore() ?? this.fallback).dispatch(options, handler);
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
