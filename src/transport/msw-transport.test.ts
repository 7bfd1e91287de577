import { afterAll, describe, expect, it } from 'vitest';
import { clientFetch } from '../core/fetch-context.ts';
import { jsonResponse, type Party } from '../core/http.ts';
import { createRouter } from './dispatch.ts';
import {
  closeInProcessTransport,
  UnhandledRequestError,
  withInProcessClient,
  withInProcessParties,
  withInProcessRouter,
} from './msw-transport.ts';

/** What the client sends through: the run's fetch. */
const send = (url: string, init?: RequestInit) => clientFetch()(new Request(url, init));

const party = (host: string, tag: string): Party => ({
  name: tag,
  host,
  routes: [
    {
      method: 'GET',
      path: '/hello/:who',
      handle: (_req, p) => jsonResponse(200, { tag, who: p['who'] }),
    },
    {
      method: 'GET',
      path: '/boom',
      handle: () => {
        throw new Error('kaput');
      },
    },
  ],
});

afterAll(() => closeInProcessTransport());

// The same handlers, reached two ways: the client's fetch resolved with getResponse, and the
// platform's fetch intercepted by setupServer.
describe.each([
  ['client resolved with getResponse', withInProcessClient],
  ['platform fetch intercepted', withInProcessParties],
])('in-process transport: %s', (_name, withInProcessParties) => {
  it('routes by host and records the exchange', async () => {
    const { result, exchanges } = await withInProcessParties(
      [party('a.example', 'A')],
      async () => {
        const r = await send('https://a.example/hello/bob');
        return r.json();
      },
    );
    expect(result).toEqual({ tag: 'A', who: 'bob' });
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatchObject({ party: 'A', method: 'GET', status: 200 });
  });

  it('keeps concurrent runs apart', async () => {
    const run = (tag: string) =>
      withInProcessParties([party('same.example', tag)], async () => {
        await new Promise((r) => setTimeout(r, 5));
        return (await (await send('https://same.example/hello/x')).json()) as { tag: string };
      });
    const [a, b] = await Promise.all([run('one'), run('two')]);
    expect(a.result.tag).toBe('one');
    expect(b.result.tag).toBe('two');
  });

  it('refuses any request no party answers (nothing leaves the process)', async () => {
    await expect(
      withInProcessParties([party('a.example', 'A')], () => send('https://example.org/')),
    ).rejects.toThrow();
  });

  it('turns a handler crash into a flagged 500', async () => {
    const { result, exchanges } = await withInProcessParties(
      [party('a.example', 'A')],
      async () => (await send('https://a.example/boom')).status,
    );
    expect(result).toBe(500);
    expect(exchanges[0]?.internalError).toContain('kaput');
  });

  it('answers 404 and 405 like a server', async () => {
    const { result } = await withInProcessParties([party('a.example', 'A')], async () => [
      (await send('https://a.example/nope')).status,
      (await send('https://a.example/hello/x', { method: 'POST' })).status,
    ]);
    expect(result).toEqual([404, 405]);
  });
});

describe('intercepting transport (hjsim/testing)', () => {
  it('answers the platform fetch with the same handlers and refuses what none answers', async () => {
    const router = createRouter([party('a.example', 'A')]);
    const body = await withInProcessRouter(router, async () => {
      await expect(fetch('https://example.org/')).rejects.toThrow();
      return (await fetch('https://a.example/hello/carol')).json();
    });
    expect(body).toEqual({ tag: 'A', who: 'carol' });
    expect(router.exchanges.map((e) => e.url)).toEqual(['https://a.example/hello/carol']);
  });
});

describe('in-process client', () => {
  it('refuses an unhandled request with its own error, the platform fetch untouched', async () => {
    closeInProcessTransport();
    const platform = globalThis.fetch;
    const seen: (typeof fetch)[] = [];
    await expect(
      withInProcessClient([party('a.example', 'A')], async () => {
        seen.push(globalThis.fetch);
        expect((await send('https://a.example/hello/x')).status).toBe(200);
        return send('https://example.org/');
      }),
    ).rejects.toThrow(UnhandledRequestError);
    expect(seen).toEqual([platform]);
  });
});
