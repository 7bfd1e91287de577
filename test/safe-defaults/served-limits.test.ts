/**
 * The limits of the server `hjsim serve` starts (its own process, bin/hjsim.js), as a slowloris
 * script meets them: headers that never finish are cut at 10 s, a body that never arrives at 30 s,
 * a TLS handshake that never starts at 10 s, and connections beyond the cap are closed at once
 * (Node's defaults: 60 s, 300 s, 120 s, no cap). docs/security.md states the same figures.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAFE_DEFAULTS } from '../../src/transport/safe-listen.ts';
import { rawExchange } from '../support/raw-socket.ts';
import { serveProcess, type ServeProcess } from '../support/serve-process.ts';
import { startTrain, type TrainProcess } from '../support/train-process.ts';

let http: ServeProcess;
let https: ServeProcess;
let train: TrainProcess;

beforeAll(async () => {
  [http, https, train] = await Promise.all([
    serveProcess(['--port', '0']),
    serveProcess(['--tls', '--port', '0']),
    startTrain(['--port', '0']),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([http?.stop(), https?.stop(), train?.stop()]);
});

describe('hjsim serve: the limits a slow client meets', { timeout: 60_000 }, () => {
  it('prints the limits it listens with', () => {
    for (const s of [http, https])
      expect(s.output()).toContain(
        'limits: headers 10 s, request 30 s, TLS handshake 10 s, idle keep-alive 5 s, 1024 connections, body 1 MiB',
      );
  });

  it.concurrent('headers that never finish (slowloris): 408 and closed after 10 s', async () => {
    const r = await rawExchange(
      http.port,
      'POST /common/oauth2/token HTTP/1.1\r\nHost: login.microsoftonline.com\r\nX-Slow: ',
      { giveUpMs: 20_000 },
    );
    expect(r.answer).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
    expect(r.closedAfterMs).toBeGreaterThan(SAFE_DEFAULTS.headersTimeoutMs - 1_000);
    expect(r.closedAfterMs).toBeLessThan(SAFE_DEFAULTS.headersTimeoutMs + 5_000);
  });

  it.concurrent('hjsim train: headers that never finish are cut at 10 s too', async () => {
    const r = await rawExchange(
      Number(new URL(train.url).port),
      'GET /api/scenarios HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ',
      { giveUpMs: 20_000 },
    );
    expect(r.answer).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
    expect(r.closedAfterMs).toBeLessThan(SAFE_DEFAULTS.headersTimeoutMs + 5_000);
  });

  it.concurrent('a connection that sends nothing: closed after 10 s', async () => {
    const r = await rawExchange(http.port, '', { giveUpMs: 20_000 });
    expect(r.closedAfterMs).toBeLessThan(SAFE_DEFAULTS.headersTimeoutMs + 5_000);
  });

  it.concurrent('a body that never arrives: 408 and closed after 30 s', async () => {
    const r = await rawExchange(
      http.port,
      'POST /common/oauth2/token HTTP/1.1\r\nHost: login.microsoftonline.com\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ngrant_type=',
      { giveUpMs: 45_000 },
    );
    expect(r.answer).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
    expect(r.closedAfterMs).toBeGreaterThan(SAFE_DEFAULTS.requestTimeoutMs - 1_000);
    expect(r.closedAfterMs).toBeLessThan(SAFE_DEFAULTS.requestTimeoutMs + 5_000);
  });

  it.concurrent('a TLS handshake that never starts: closed after 10 s', async () => {
    // A TCP connection to the HTTPS port that sends no ClientHello.
    const r = await rawExchange(https.port, '', { giveUpMs: 20_000 });
    expect(r.closedAfterMs).toBeLessThan(SAFE_DEFAULTS.tlsHandshakeTimeoutMs + 5_000);
  });

  it.concurrent('an idle keep-alive connection: told timeout=5 and closed after 5 s', async () => {
    const r = await rawExchange(
      http.port,
      'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n',
      { giveUpMs: 20_000 },
    );
    expect(r.answer).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(r.answer).toMatch(/Keep-Alive: timeout=5/i);
    expect(r.closedAfterMs).toBeLessThan(SAFE_DEFAULTS.keepAliveTimeoutMs + 3_000);
  });

  it.concurrent(
    'connections beyond the cap (1,024) are closed at once, the others wait for their timeout',
    async () => {
      const sockets: Socket[] = [];
      let closedEarly = 0;
      const opened = Array.from(
        { length: SAFE_DEFAULTS.maxConnections + 20 },
        () =>
          new Promise<void>((resolve) => {
            const s = connect(https.port, '127.0.0.1');
            sockets.push(s);
            s.on('error', () => undefined);
            s.on('close', () => closedEarly++);
            s.on('connect', () => resolve());
          }),
      );
      try {
        await Promise.all(opened);
        // Well before any timeout (10 s): only the connections over the cap are gone.
        await new Promise((r) => setTimeout(r, 3_000));
        expect(closedEarly).toBeGreaterThanOrEqual(20);
        expect(closedEarly).toBeLessThan(200);
      } finally {
        for (const s of sockets) s.destroy();
      }
    },
  );
});
