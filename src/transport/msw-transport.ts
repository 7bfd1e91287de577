/**
 * In-process transport: msw intercepts the client's `fetch` and hands each request to the
 * parties of the run it belongs to. One msw server per process (it patches globals); each run's
 * parties travel in an AsyncLocalStorage context, so concurrent runs never see each other's
 * parties. Anything no party answers is an error (`onUnhandledRequest: 'error'`): no request
 * leaves the process, except what a loopback run (`--transport http`) sends to 127.0.0.1 and what
 * a run with an external IdP sends to that IdP's origins (route-fetch.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { http, HttpResponse } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import type { Party } from '../core/http.ts';
import { createRouter, dispatch, hasParty, type Exchange, type PartyRouter } from './dispatch.ts';
import { isExternalRequest, isFetchRouted } from './route-fetch.ts';

const current = new AsyncLocalStorage<PartyRouter>();
let server: SetupServer | undefined;

function ensureServer(): void {
  if (server) return;
  const s = setupServer(
    http.all('*', async ({ request }) => {
      const router = current.getStore();
      const url = new URL(request.url);
      if (!router || !hasParty(router, url)) return undefined; // unhandled → msw errors
      const headers: Record<string, string> = {};
      request.headers.forEach((v, k) => {
        headers[k.toLowerCase()] = v;
      });
      const body =
        request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
      const res = await dispatch(router, { method: request.method, url, headers, body });
      return new HttpResponse(res.body, { status: res.status, headers: res.headers });
    }),
  );
  // A request made inside a loopback run (`withFetchRoutedTo`) goes out on its real socket to
  // 127.0.0.1, and one to an external IdP's origin (`withExternalOrigins`, exactly the origins the
  // scenario names) to that IdP; everything else no party answers is an error.
  s.listen({
    onUnhandledRequest: (request, print) => {
      if (!isFetchRouted() && !isExternalRequest(request.url)) print.error();
    },
  });
  server = s;
}

/** Runs `fn` with `parties` answering its fetches; returns its result and the recorded exchanges. */
export async function withInProcessParties<T>(
  parties: readonly Party[],
  fn: () => Promise<T>,
): Promise<{ result: T; exchanges: Exchange[] }> {
  const router = createRouter(parties);
  const result = await withInProcessRouter(router, fn);
  return { result, exchanges: router.exchanges };
}

/** The same, for a caller that reads the router's exchanges while `fn` runs. */
export async function withInProcessRouter<T>(
  router: PartyRouter,
  fn: () => Promise<T>,
): Promise<T> {
  ensureServer();
  return current.run(router, fn);
}

/** Stops intercepting (tests and the CLI call it before exit). */
export function closeInProcessTransport(): void {
  server?.close();
  server = undefined;
}
