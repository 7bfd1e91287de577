import { connect, type AddressInfo } from 'node:net';
import { request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonResponse, type Party } from '../core/http.ts';
import { createExpressApp } from './express-app.ts';
import { listenSafely as listenSafe, type SafeListenOptions } from './safe-listen.ts';

const listenSafely = async (
  app: Parameters<typeof listenSafe>[0],
  opts?: SafeListenOptions,
): Promise<Server> => (await listenSafe(app, opts)).server;

let server: Server;
let base: string;
const seen: string[] = [];

const party = (name: string, host: string, path: string): Party => ({
  name,
  host,
  routes: [
    {
      method: 'POST',
      path,
      handle: (req) => jsonResponse(200, { name, body: req.body, host: req.url.host }),
    },
  ],
});

beforeAll(async () => {
  let addr = '';
  const { app } = createExpressApp(
    [
      party('login', 'login.example', '/a'),
      party('idp', 'localhost-parties', '/b'),
      party('drs', 'localhost-parties', '/c'),
    ],
    {
      fallbackHost: () => addr,
      bodyLimit: '1kb',
      onExchange: (e) => seen.push(`${e.party} ${e.status}`),
    },
  );
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  addr = 'localhost-parties';
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('express transport', () => {
  it('routes by Host header to the party of that host', async () => {
    // fetch cannot set Host; node:http can.
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        `${base}/a`,
        { method: 'POST', headers: { host: 'login.example' } },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.end('hi');
    });
    expect(JSON.parse(body)).toEqual({ name: 'login', body: 'hi', host: 'login.example' });
  });
  it('routes other hosts to the fallback host, where several parties share one port', async () => {
    expect(
      ((await (await fetch(`${base}/b`, { method: 'POST', body: 'x' })).json()) as { name: string })
        .name,
    ).toBe('idp');
    expect(
      ((await (await fetch(`${base}/c`, { method: 'POST', body: 'x' })).json()) as { name: string })
        .name,
    ).toBe('drs');
    expect(seen).toContain('idp 200');
  });
  it('answers 404 / 405 / 413 like a server', async () => {
    expect((await fetch(`${base}/nope`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${base}/b`)).status).toBe(405);
    expect((await fetch(`${base}/b`, { method: 'POST', body: 'x'.repeat(5000) })).status).toBe(413);
  });
});

describe('express transport: safe defaults', () => {
  const echo = party('echo', 'echo.example', '/e');

  it('limits bodies to SAFE_DEFAULTS.bodyLimit (1 MiB) by default: 413 beyond', async () => {
    const { app } = createExpressApp([echo], { fallbackHost: () => 'echo.example' });
    const server = await listenSafely(app);
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/e`;
      const post = (size: number) => fetch(url, { method: 'POST', body: 'x'.repeat(size) });
      expect((await post(1024 * 1024)).status).toBe(200);
      const tooBig = await post(1024 * 1024 + 1);
      expect(tooBig.status).toBe(413);
      expect(await tooBig.text()).toBe('Payload Too Large');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('listens on 127.0.0.1 unless told otherwise', async () => {
    const server = await listenSafely(createExpressApp([echo]).app);
    expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
    await new Promise((r) => server.close(r));
  });

  it('refuses a non-loopback address unless exposeBeyondLoopback is set', async () => {
    await expect(
      listenSafely(createExpressApp([echo]).app, { host: '0.0.0.0' }),
    ).rejects.toMatchObject({
      code: 'ERR_USAGE',
      message: 'refusing to listen on 0.0.0.0: not a loopback address',
    });
  });

  it('says which port it could not bind', async () => {
    const first = await listenSafely(createExpressApp([echo]).app);
    const port = (first.address() as AddressInfo).port;
    try {
      await expect(listenSafely(createExpressApp([echo]).app, { port })).rejects.toMatchObject({
        code: 'ERR_USAGE',
        message: `port ${port} on 127.0.0.1 is already in use`,
      });
    } finally {
      await new Promise((r) => first.close(r));
    }
  });

  /** Sends `text` on a raw socket and returns everything the server answers until it closes. */
  async function rawExchange(port: number, text: string): Promise<string> {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c.toString()));
    socket.write(text);
    await new Promise<void>((r) => socket.on('close', () => r()));
    return answer;
  }

  it.each([
    ['headers that never finish (slowloris)', 'POST /e HTTP/1.1\r\nHost: echo.example\r\nX-Slow: '],
    [
      'a body that never arrives',
      'POST /e HTTP/1.1\r\nHost: echo.example\r\nContent-Length: 100\r\n\r\nonly part',
    ],
  ])('answers 408 and closes the connection for %s', async (_label, text) => {
    const server = await listenSafely(createExpressApp([echo]).app, {
      headersTimeoutMs: 100,
      requestTimeoutMs: 150,
      connectionsCheckingIntervalMs: 20,
    });
    try {
      const answer = await rawExchange((server.address() as AddressInfo).port, text);
      expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
