/**
 * The loopback server's listen address and health answer: it refuses every interface unless told
 * on purpose, names itself 127.0.0.1 whatever it listens on, and answers `GET /healthz` outside the
 * parties (never logged as an exchange, never routed to a party).
 */
import { Agent, fetch as undiciFetch } from 'undici';
import { describe, expect, it } from 'vitest';
import { jsonResponse, type Party } from '../core/http.ts';
import { isSimError } from '../core/errors.ts';
import { HEALTH_PATH, startLoopbackServer, type ListenAddress } from './loopback-server.ts';

const party = (host: string): Party => ({
  name: 'echo',
  host,
  routes: [{ method: 'ANY', path: '/:any', handle: () => jsonResponse(200, { party: true }) }],
});

const plain = new Agent();
const get = async (url: string, method = 'GET') => {
  const r = await undiciFetch(url, { method, dispatcher: plain });
  return { status: r.status, body: await r.text() };
};

describe('startLoopbackServer', () => {
  it.each(['0.0.0.0', '::'] as const)(
    'refuses to listen on %s without exposeBeyondLoopback, with the reason',
    async (listen) => {
      const err = await startLoopbackServer((hp) => [party(hp)], { tls: false, listen }).catch(
        (e: unknown) => e,
      );
      expect(isSimError(err, 'ERR_USAGE')).toBe(true);
      expect((err as Error).message).toBe(
        `refusing to listen on ${listen}: not a loopback address`,
      );
      expect((err as { hint: string }).hint).toContain('exposeBeyondLoopback on purpose');
    },
  );

  it('refuses an address outside its list', async () => {
    const err = await startLoopbackServer((hp) => [party(hp)], {
      tls: false,
      listen: '10.0.0.1' as ListenAddress,
      exposeBeyondLoopback: true,
    }).catch((e: unknown) => e);
    expect(isSimError(err, 'ERR_USAGE')).toBe(true);
    expect((err as { hint: string }).hint).toBe('listen on one of 127.0.0.1, 0.0.0.0, ::');
  });

  it('on 0.0.0.0 (said on purpose) it still names itself 127.0.0.1 and is reached there', async () => {
    const s = await startLoopbackServer((hp) => [party(hp)], {
      tls: false,
      listen: '0.0.0.0',
      exposeBeyondLoopback: true,
      aliasAtServerAddress: true,
    });
    try {
      expect(s.hostPort).toBe(`127.0.0.1:${s.port}`);
      expect(s.baseUrl).toBe(`http://127.0.0.1:${s.port}`);
      expect((await get(`${s.baseUrl}/x`)).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('answers /healthz with the parties served, outside the parties and the exchange log', async () => {
    const s = await startLoopbackServer((hp) => [party(hp)], { tls: false, health: true });
    try {
      const r = await get(`${s.baseUrl}${HEALTH_PATH}?probe=1`);
      expect(r).toEqual({ status: 200, body: '{"status":"ok","parties":["echo"]}' });
      expect((await get(`${s.baseUrl}${HEALTH_PATH}`, 'HEAD')).status).toBe(200);
      // The party's `/:any` route would match /healthz: the health answer came first.
      expect(s.router.exchanges).toHaveLength(0);
    } finally {
      await s.close();
    }
  });

  it('without health, /healthz is just another path for the parties', async () => {
    const s = await startLoopbackServer((hp) => [party(hp)], { tls: false });
    try {
      expect(await get(`${s.baseUrl}${HEALTH_PATH}`)).toEqual({
        status: 200,
        body: '{"party":true}',
      });
    } finally {
      await s.close();
    }
  });
});
