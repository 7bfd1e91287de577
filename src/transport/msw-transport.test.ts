import { afterAll, describe, expect, it } from 'vitest';
import { jsonResponse, type Party } from '../core/http.ts';
import { closeInProcessTransport, withInProcessParties } from './msw-transport.ts';

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

describe('in-process transport', () => {
  it('routes by host and records the exchange', async () => {
    const { result, exchanges } = await withInProcessParties(
      [party('a.example', 'A')],
      async () => {
        const r = await fetch('https://a.example/hello/bob');
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
        return (await (await fetch('https://same.example/hello/x')).json()) as { tag: string };
      });
    const [a, b] = await Promise.all([run('one'), run('two')]);
    expect(a.result.tag).toBe('one');
    expect(b.result.tag).toBe('two');
  });

  it('refuses any request no party answers (nothing leaves the process)', async () => {
    await expect(
      withInProcessParties([party('a.example', 'A')], () => fetch('https://example.org/')),
    ).rejects.toThrow();
    await expect(fetch('https://a.example/hello/x')).rejects.toThrow();
  });

  it('turns a handler crash into a flagged 500', async () => {
    const { result, exchanges } = await withInProcessParties(
      [party('a.example', 'A')],
      async () => (await fetch('https://a.example/boom')).status,
    );
    expect(result).toBe(500);
    expect(exchanges[0]?.internalError).toContain('kaput');
  });

  it('answers 404 and 405 like a server', async () => {
    const { result } = await withInProcessParties([party('a.example', 'A')], async () => [
      (await fetch('https://a.example/nope')).status,
      (await fetch('https://a.example/hello/x', { method: 'POST' })).status,
    ]);
    expect(result).toEqual([404, 405]);
  });
});
