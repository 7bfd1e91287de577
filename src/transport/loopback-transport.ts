/**
 * `--transport http`: like the in-process transport, but every request crosses a real socket.
 * One HTTPS server on 127.0.0.1 (any free port) per process serves every run, and one pool of
 * keep-alive TLS connections reaches it, as a long-running `hjsim serve` would be reached; the
 * run's `fetch` calls are connected to it while still naming the real hosts (`route-fetch.ts`).
 * Each request carries an `x-hjsim-run` header naming its run, so that concurrent runs never see
 * each other's parties; the server takes it out before the parties (and the exchange log) see
 * the request.
 */
import { randomUUID } from 'node:crypto';
import type { Party } from '../core/http.ts';
import { createRouter, type Exchange, type PartyRouter } from './dispatch.ts';
import { startRoutingServer } from './loopback-server.ts';
import { loopbackAgent, withFetchRoutedThrough } from './route-fetch.ts';

/** The header that names the run on the shared server (hjsim's own; never reaches a party). */
export const RUN_HEADER = 'x-hjsim-run';

const runs = new Map<string, PartyRouter>();

function routerOf(headers: Record<string, string>): PartyRouter | undefined {
  const id = headers[RUN_HEADER];
  delete headers[RUN_HEADER];
  return id === undefined ? undefined : runs.get(id);
}

let sharedPort = 0;

/** The shared server's port once it runs (tests send it requests that name no run). */
export const loopbackPortForTests = (): number => sharedPort;

type Shared = {
  readonly close: () => Promise<void>;
  readonly agent: ReturnType<typeof loopbackAgent>;
};
let shared: Promise<Shared> | undefined;

function sharedServer(): Promise<Shared> {
  shared ??= startRoutingServer(routerOf, { tls: true }).then((server) => {
    sharedPort = server.port;
    const agent = loopbackAgent({ port: server.port, tls: true });
    return {
      agent,
      close: async () => {
        await agent.close();
        await server.close();
      },
    };
  });
  return shared;
}

export async function withLoopbackParties<T>(
  parties: readonly Party[],
  fn: () => Promise<T>,
): Promise<{ result: T; exchanges: Exchange[] }> {
  const { agent } = await sharedServer();
  const id = randomUUID();
  const router = createRouter(parties);
  runs.set(id, router);
  try {
    const result = await withFetchRoutedThrough(agent, { name: RUN_HEADER, value: id }, fn);
    return { result, exchanges: router.exchanges };
  } finally {
    runs.delete(id);
  }
}

/** Stops the shared server (the CLI and tests call it before exit; the next run starts another). */
export async function closeLoopbackTransport(): Promise<void> {
  const s = shared;
  shared = undefined;
  if (s) await (await s).close();
}
