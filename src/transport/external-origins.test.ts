/**
 * The external IdP passthrough (route-fetch.ts `withExternalOrigins`): inside an in-process run
 * (msw, `onUnhandledRequest: 'error'`) a request to exactly the listed origin goes out on its
 * real socket over TLS trusting the given CA; every other origin — another port of the same host
 * included — is still refused, and outside the passthrough so is the listed one. Loopback only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonResponse, type Party } from '../core/http.ts';
import { readPem } from '../core/keys.ts';
import { startLoopbackServer, TLS_CA_PATH, type LoopbackServer } from './loopback-server.ts';
import { closeInProcessTransport, withInProcessParties } from './msw-transport.ts';
import { isExternalRequest, withExternalOrigins } from './route-fetch.ts';

const idp = (host: string): Party => ({
  name: 'external-idp',
  host,
  routes: [{ method: 'GET', path: '/mex', handle: () => jsonResponse(200, { served: true }) }],
});

let listed: LoopbackServer;
let other: LoopbackServer;

beforeAll(async () => {
  listed = await startLoopbackServer((hp) => [idp(hp)], { tls: true });
  other = await startLoopbackServer((hp) => [idp(hp)], { tls: true });
});

afterAll(async () => {
  closeInProcessTransport();
  await Promise.all([listed.close(), other.close()]);
});

const inProcess = <T>(fn: () => Promise<T>) => withInProcessParties([idp('mock.example')], fn);
const ca = readPem(TLS_CA_PATH);

describe('withExternalOrigins', () => {
  it('lets exactly the listed origin out of an in-process run, over TLS with the CA', async () => {
    const { result } = await inProcess(() =>
      withExternalOrigins({ origins: [listed.baseUrl], ca }, async () => {
        const r = await fetch(`${listed.baseUrl}/mex`);
        return { status: r.status, body: await r.json() };
      }),
    );
    expect(result).toEqual({ status: 200, body: { served: true } });
  });

  it('still refuses every other origin, another port of 127.0.0.1 included', async () => {
    await expect(
      inProcess(() =>
        withExternalOrigins({ origins: [listed.baseUrl], ca }, () => fetch(`${other.baseUrl}/mex`)),
      ),
    ).rejects.toThrow();
    await expect(inProcess(() => fetch(`${listed.baseUrl}/mex`))).rejects.toThrow();
  });

  it('verifies TLS: without the CA the test certificate is not trusted', async () => {
    const env = process.env['NODE_EXTRA_CA_CERTS'];
    // The machine may trust more CAs through NODE_EXTRA_CA_CERTS; the test CA is not among them.
    expect(env === undefined || !readPem(env).includes(ca.trim().split('\n')[1]!)).toBe(true);
    await expect(
      withExternalOrigins({ origins: [listed.baseUrl] }, () => fetch(`${listed.baseUrl}/mex`)),
    ).rejects.toThrow();
  });

  it('isExternalRequest compares whole origins (scheme, host, port)', async () => {
    await withExternalOrigins({ origins: ['https://sso.example.com'] }, async () => {
      expect(isExternalRequest('https://SSO.example.com/wsf/mex13/x')).toBe(true);
      expect(isExternalRequest('https://sso.example.com:443/x')).toBe(true);
      expect(isExternalRequest('http://sso.example.com/x')).toBe(false);
      expect(isExternalRequest('https://sso.example.com:8443/x')).toBe(false);
      expect(isExternalRequest('https://evil.example.com/x')).toBe(false);
    });
    expect(isExternalRequest('https://sso.example.com/x')).toBe(false);
  });
});
