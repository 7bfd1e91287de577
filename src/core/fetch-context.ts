/**
 * The fetch a simulated client sends its requests through. By default it is the platform's
 * `fetch` (real sockets, or whatever intercepts it: `hjsim/testing` installs msw's `setupServer`
 * there for the user's own code). A run can hand its client another one for the duration of the
 * run: the in-process transport resolves each request against the run's msw handlers without any
 * global interception (docs/decisions/0017-in-process-without-interceptor.md). The choice travels
 * in an AsyncLocalStorage context, so concurrent runs never see each other's.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Sends one request and answers its response (rejects on a network failure, as `fetch` does). */
export type ClientFetch = (request: Request) => Promise<Response>;

const current = new AsyncLocalStorage<ClientFetch>();

const platformFetch: ClientFetch = (request) => fetch(request);

/** Runs `fn` with the client's requests sent through `send`. */
export function withClientFetch<T>(send: ClientFetch, fn: () => Promise<T>): Promise<T> {
  return current.run(send, fn);
}

/** The fetch for the current run: the one `withClientFetch` set, else the platform's. */
export function clientFetch(): ClientFetch {
  return current.getStore() ?? platformFetch;
}
