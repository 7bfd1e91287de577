/**
 * The client's HTTP: the run's fetch (in-process: resolved against the parties' msw handlers;
 * otherwise the platform's `fetch` over real sockets), reduced to status, lower-cased headers and
 * text; a network failure is a value, not a throw.
 */
import { clientFetch } from '../core/fetch-context.ts';

export interface HttpResult {
  readonly ok: true;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}
export interface HttpFailure {
  readonly ok: false;
  readonly error: string;
}

export async function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  /** Hosts a proxy or firewall keeps the machine from reaching: the send fails to connect. */
  unreachableHosts: readonly string[] = [],
): Promise<HttpResult | HttpFailure> {
  try {
    const host = new URL(url).hostname.toLowerCase();
    if (unreachableHosts.some((h) => h.toLowerCase() === host))
      return { ok: false, error: `cannot connect to ${host}` };
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
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
