import type { AddressInfo } from 'node:net';
import { request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonResponse, type Party } from '../core/http.ts';
import { createExpressApp } from './express-app.ts';

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
