/**
 * In-process transport: the parties of a run as msw request handlers, answered without a socket.
 *
 * One description of the parties: `PARTY_HANDLERS`, msw handlers that hand each request to the
 * parties of the run it belongs to (each run's router travels in an AsyncLocalStorage context, so
 * concurrent runs never see each other's parties). Two ways to reach them:
 *  - a scenario run (`withInProcessClient`) gives its client a fetch that resolves each request
 *    with msw's `getResponse(PARTY_HANDLERS, request)`: no global interception, no patched
 *    `fetch`, no socket (docs/decisions/0017-in-process-without-interceptor.md);
 *  - `hjsim/testing` (`withInProcessRouter`, `withInProcessParties`) intercepts the platform's `fetch` with msw's
 *    `setupServer(...handlers)`, because there the user's own code sends the requests.
 * Either way a request no party answers is an error (`onUnhandledRequest: 'error'`): nothing
 * leaves the process, except what a loopback run (`--transport http`) sends to 127.0.0.1 and what
 * a run with an external IdP sends to that IdP's origins (route-fetch.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { getResponse, RequestHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { withClientFetch, type ClientFetch } from '../core/fetch-context.ts';
import type { Party } from '../core/http.ts';
import { createRouter, dispatch, hasParty, type Exchange, type PartyRouter } from './dispatch.ts';
import { isExternalRequest, isFetchRouted } from './route-fetch.ts';

const current = new AsyncLocalStorage<PartyRouter>();

/**
 * The parties of the current run as one msw request handler: it handles a request when the run's
 * router has a party for its host, and hands it to `dispatch`. A custom handler (msw's documented
 * extension point) rather than `http.all('*')`: the router picks the route itself, so msw's URL
 * pattern matching and cookie parsing of every request would be work thrown away.
 */
class PartyHandler extends RequestHandler<{ header: string }, URL | undefined, { url: URL }> {
  constructor() {
    super({
      info: { header: 'hjsim parties of the current run' },
      resolver: async ({ request, url }: { request: Request; url: URL }) => {
        const router = current.getStore();
        if (!router) return undefined;
        const headers: Record<string, string> = {};
        request.headers.forEach((v: string, k: string) => {
          headers[k.toLowerCase()] = v;
        });
        const body =
          request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
        const res = await dispatch(router, { method: request.method, url, headers, body });
        return new Response(res.body, { status: res.status, headers: res.headers });
      },
    });
  }
  override async parse({ request }: { request: Request }): Promise<URL | undefined> {
    const router = current.getStore();
    if (!router) return undefined;
    const url = new URL(request.url);
    return hasParty(router, url) ? url : undefined;
  }
  override predicate({ parsedResult }: { parsedResult: URL | undefined }): boolean {
    return parsedResult !== undefined; // unhandled → an error
  }
  override extendResolverArgs({ parsedResult }: { parsedResult: URL | undefined }): { url: URL } {
    return { url: parsedResult! };
  }
  override log(): void {}
}

const handlers: RequestHandler[] = [new PartyHandler()];
export const PARTY_HANDLERS: readonly RequestHandler[] = handlers;

/** The error an unhandled request fails with (what `onUnhandledRequest: 'error'` makes of it). */
export class UnhandledRequestError extends TypeError {
  constructor(request: Request) {
    super(
      `hjsim: no simulated party answers ${request.method} ${request.url} (in-process, no request leaves the process)`,
    );
    this.name = 'UnhandledRequestError';
  }
}

/**
 * The client's fetch in an in-process run: the party handlers answer; a request to an external
 * IdP's origin goes out on its real address; anything else is refused.
 */
const resolveInProcess: ClientFetch = async (request) => {
  if (isExternalRequest(request.url) || isFetchRouted()) return fetch(request);
  const res = await getResponse(handlers, request);
  if (!res) throw new UnhandledRequestError(request);
  return res;
};

/**
 * Runs `fn` with `parties` answering the requests its simulated client sends (through
 * `clientFetch()`), resolved with msw's `getResponse`: nothing global is patched. Returns `fn`'s
 * result and the recorded exchanges.
 */
export async function withInProcessClient<T>(
  parties: readonly Party[],
  fn: () => Promise<T>,
): Promise<{ result: T; exchanges: Exchange[] }> {
  const router = createRouter(parties);
  const result = await current.run(router, () => withClientFetch(resolveInProcess, fn));
  return { result, exchanges: router.exchanges };
}

let server: SetupServer | undefined;

function ensureServer(): void {
  if (server) return;
  const s = setupServer(...handlers);
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

/**
 * Runs `fn` with the platform's `fetch` intercepted by msw and answered by `parties` (for code
 * that calls `fetch` itself); returns its result and the recorded exchanges.
 */
export async function withInProcessParties<T>(
  parties: readonly Party[],
  fn: () => Promise<T>,
): Promise<{ result: T; exchanges: Exchange[] }> {
  const router = createRouter(parties);
  const result = await withInProcessRouter(router, fn);
  return { result, exchanges: router.exchanges };
}

/**
 * Runs `fn` with the platform's `fetch` intercepted and answered by `router`'s parties (for
 * `hjsim/testing`, where the user's code sends the requests); the caller reads the router's
 * exchanges while `fn` runs.
 */
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
