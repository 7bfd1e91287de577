import { afterAll, describe, expect, it } from 'vitest';
import { jsonResponse, type Party } from '../core/http.ts';
import { startLoopbackServer } from './loopback-server.ts';
import {
  closeLoopbackTransport,
  loopbackPortForTests,
  RUN_HEADER,
  withLoopbackParties,
} from './loopback-transport.ts';
import { closeInProcessTransport, withInProcessParties } from './msw-transport.ts';
import { withFetchRoutedTo } from './route-fetch.ts';

const party = (host: string, tag: string, path = '/echo/:who'): Party => ({
  name: tag,
  host,
  routes: [
    {
      method: 'POST',
      path,
      handle: (req, p) =>
        jsonResponse(200, { tag, who: p['who'], body: req.body, host: req.headers['host'] }),
    },
  ],
});

afterAll(async () => {
  closeInProcessTransport();
  await closeLoopbackTransport();
});

describe('loopback transport', () => {
  it('sends the real host name over a real TLS socket to 127.0.0.1', async () => {
    const { result, exchanges } = await withLoopbackParties(
      [party('login.microsoftonline.com', 'login'), party('sso.example.com', 'idp')],
      async () => {
        const a = await fetch('https://login.microsoftonline.com/echo/bob', {
          method: 'POST',
          body: 'one',
        });
        const b = await fetch('https://sso.example.com/echo/eve', { method: 'POST', body: 'two' });
        return [await a.json(), await b.json()];
      },
    );
    expect(result).toEqual([
      { tag: 'login', who: 'bob', body: 'one', host: 'login.microsoftonline.com' },
      { tag: 'idp', who: 'eve', body: 'two', host: 'sso.example.com' },
    ]);
    expect(exchanges.map((e) => `${e.party} ${e.url} ${e.status}`)).toEqual([
      'login https://login.microsoftonline.com/echo/bob 200',
      'idp https://sso.example.com/echo/eve 200',
    ]);
    // Only a real HTTP/1.1 connection carries these (msw's in-process requests do not).
    expect(exchanges[0]!.requestHeaders['connection']).toBe('keep-alive');
  });

  it('coexists with the in-process transport in the same process', async () => {
    const inproc = await withInProcessParties([party('a.example', 'msw')], async () =>
      (await fetch('https://a.example/echo/x', { method: 'POST', body: '' })).json(),
    );
    const loop = await withLoopbackParties([party('a.example', 'socket')], async () =>
      (await fetch('https://a.example/echo/x', { method: 'POST', body: '' })).json(),
    );
    expect((inproc.result as { tag: string }).tag).toBe('msw');
    expect((loop.result as { tag: string }).tag).toBe('socket');
    expect(loop.exchanges[0]!.requestHeaders['connection']).toBe('keep-alive');
  });

  it('shares one server between runs, and the run header never reaches a party or the log', async () => {
    const seen: Record<string, string>[] = [];
    const headersParty: Party = {
      name: 'headers',
      host: 'h.example',
      routes: [
        {
          method: 'GET',
          path: '/h',
          handle: (req) => {
            seen.push(req.headers);
            return jsonResponse(200, {});
          },
        },
      ],
    };
    const a = await withLoopbackParties([headersParty], () => fetch('https://h.example/h'));
    const b = await withLoopbackParties([headersParty], () => fetch('https://h.example/h'));
    expect(seen).toHaveLength(2);
    for (const h of seen) expect(Object.keys(h)).not.toContain(RUN_HEADER);
    for (const e of [...a.exchanges, ...b.exchanges])
      expect(Object.keys(e.requestHeaders)).not.toContain(RUN_HEADER);
    // Each run's log holds its own request only.
    expect([a.exchanges.length, b.exchanges.length]).toEqual([1, 1]);
  });

  it('answers 421 to a request that names no run (or a finished one)', async () => {
    let port = 0;
    let runId = '';
    await withLoopbackParties([party('c.example', 'C')], async () => {
      // Learn the shared server's port from a run's own request.
      const r = await fetch('https://c.example/echo/x', { method: 'POST', body: '' });
      expect(r.status).toBe(200);
      port = loopbackPortForTests();
      runId = 'finished-run';
    });
    for (const headers of [{}, { [RUN_HEADER]: runId }]) {
      const status = await withFetchRoutedTo({ port, tls: true }, async () => {
        const r = await fetch('https://c.example/echo/x', { method: 'POST', body: '', headers });
        return r.status;
      });
      expect(status).toBe(421);
    }
  });

  it('keeps concurrent runs apart', async () => {
    const run = (tag: string) =>
      withLoopbackParties([party('same.example', tag)], async () => {
        const r = await fetch('https://same.example/echo/x', { method: 'POST', body: tag });
        return ((await r.json()) as { tag: string }).tag;
      });
    const results = await Promise.all(['one', 'two', 'three'].map(run));
    expect(results.map((r) => r.result)).toEqual(['one', 'two', 'three']);
  });

  it('routes nothing outside a run: the in-process transport still refuses unknown hosts', async () => {
    await withLoopbackParties([party('b.example', 'B')], async () => undefined);
    await expect(
      withInProcessParties([party('a.example', 'A')], () =>
        fetch('https://b.example/echo/x', { method: 'POST' }),
      ),
    ).rejects.toThrow();
  });

  it('serves every party at its own address too, for clients given only a base URL', async () => {
    const server = await startLoopbackServer(
      (hostPort) => [
        party(hostPort, 'idp', '/wsf/:who'),
        party('login.microsoftonline.com', 'login', '/common/:who'),
      ],
      { tls: false, aliasAtServerAddress: true },
    );
    try {
      // Plain HTTP, no routing: an ordinary client addressing http://127.0.0.1:PORT.
      const tags = await withFetchRoutedTo({ port: server.port, tls: false }, async () => {
        const out: string[] = [];
        for (const path of ['/common/a', '/wsf/b']) {
          const res = await fetch(`${server.baseUrl}${path}`, { method: 'POST', body: 'b' });
          out.push(((await res.json()) as { tag: string }).tag);
        }
        return out;
      });
      expect(tags).toEqual(['login', 'idp']);
      expect(server.router.exchanges[0]!.url).toBe(`https://${server.hostPort}/common/a`);
    } finally {
      await server.close();
    }
  });

  it('says which port is taken', async () => {
    const first = await startLoopbackServer(() => [], { tls: false });
    try {
      await expect(startLoopbackServer(() => [], { tls: false, port: first.port })).rejects.toThrow(
        `port ${first.port} on 127.0.0.1 is already in use`,
      );
    } finally {
      await first.close();
    }
  });
});
