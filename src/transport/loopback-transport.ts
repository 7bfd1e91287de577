/**
 * `--transport http`: like the in-process transport, but every request crosses a real socket.
 * Each run gets its own HTTPS server on 127.0.0.1 (any free port) mounting its parties, and the
 * run's `fetch` calls are connected to it while still naming the real hosts (`route-fetch.ts`).
 */
import type { Party } from '../core/http.ts';
import type { Exchange } from './dispatch.ts';
import { startLoopbackServer } from './loopback-server.ts';
import { withFetchRoutedTo } from './route-fetch.ts';

export async function withLoopbackParties<T>(
  parties: readonly Party[],
  fn: () => Promise<T>,
): Promise<{ result: T; exchanges: Exchange[] }> {
  const server = await startLoopbackServer(() => parties, { tls: true });
  try {
    const result = await withFetchRoutedTo({ port: server.port, tls: true }, fn);
    return { result, exchanges: server.router.exchanges };
  } finally {
    await server.close();
  }
}
