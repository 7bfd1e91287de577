/**
 * The client's HTTP: the run's fetch (in-process: resolved against the parties' msw handlers;
 * otherwise the platform's `fetch` over real sockets), reduced to status, lower-cased headers and
 * text; a network failure is a value, not a throw.
 */
import { clientFetch } from '../core/fetch-context.ts';
import { faultAnswer, type Network, type SendFailure } from './network.ts';

export interface HttpResult {
  readonly ok: true;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}
export interface HttpFailure {
  readonly ok: false;
  readonly error: string;
  /** Why there was no answer (default: no connection). */
  readonly failure: SendFailure;
}

export async function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  /** The network on the way (network.ts); a list: hosts a firewall keeps the machine from reaching. */
  network: Network | readonly string[] = [],
): Promise<HttpResult | HttpFailure> {
  try {
    const host = new URL(url).hostname.toLowerCase();
    const net: Network = Array.isArray(network) ? { unreachable: network } : (network as Network);
    const fault = faultAnswer(net, host);
    if (fault && 'failure' in fault)
      return { ok: false, error: `${fault.failure} on the way to ${host}`, failure: fault.failure };
    if (fault) return { ok: true, ...fault };
    const res = await clientFetch()(
      new Request(url, {
        method: init.method ?? 'GET',
        headers: init.headers ?? {},
        ...(init.body === undefined ? {} : { body: init.body }),
        redirect: 'manual',
      }),
    );
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      headers[k.toLowerCase()] = v;
    });
    return { ok: true, status: res.status, headers, body: await res.text() };
  } catch (e) {
    return {
      ok: false,
      error: e instanceof Error ? e.message : String(e),
      failure: 'cannot-connect',
    };
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
