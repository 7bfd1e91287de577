/**
 * The Graph-like admin API of the server `hjsim serve` starts (its own process): a bearer string
 * that is no token mock Entra issued for Microsoft Graph gets Graph's 401
 * `{"error":{"code":"InvalidAuthenticationToken",…}}` and changes nothing, so an attacker cannot
 * swap in their signing certificate; the admin key the server printed is accepted.
 * @see GRAPHDOCS16208 (Graph's 401 shape)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificatePem, CERTS_DIR } from '../../src/core/keys.ts';
import { serveProcess, type ServeProcess } from '../support/serve-process.ts';

const DOMAIN = 'imokatdi.ping-eng.com';
let s: ServeProcess;
beforeAll(async () => {
  s = await serveProcess(['--port', '0']);
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

const bare = (p: string) => p.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
const path = () => `${s.base}/v1.0/domains/${DOMAIN}/federationConfiguration`;

describe('hjsim serve: Graph-like admin API', { timeout: 30_000 }, () => {
  it('prints the admin key of this run', () => {
    expect(s.output()).toMatch(/authorize with Authorization: Bearer [\w-]{32}\b/);
  });

  it.each([['Bearer not-a-token'], ['Bearer eyJ0eXAiOiJKV1QifQ.e30.sig'], ['']])(
    'Authorization "%s": 401 InvalidAuthenticationToken, and the PATCH changes nothing',
    async (authorization) => {
      const list = await fetch(path(), { headers: { authorization } });
      expect(list.status).toBe(401);
      const body = (await list.json()) as { error: Record<string, unknown> };
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error['code']).toBe('InvalidAuthenticationToken');
      expect(typeof body.error['message']).toBe('string');
      expect(Object.keys(body.error['innerError'] as object)).toEqual([
        'date',
        'request-id',
        'client-request-id',
      ]);
      const patch = await fetch(`${path()}/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e`, {
        method: 'PATCH',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({
          nextSigningCertificate: bare(certificatePem(`${CERTS_DIR}/attacker-signing.crt`)),
        }),
      });
      expect(patch.status).toBe(401);
    },
  );

  it('the printed admin key reads the configuration, which still has no attacker certificate', async () => {
    const key = /Authorization: Bearer ([\w-]+)/.exec(s.output())![1]!;
    const res = await fetch(path(), { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('"issuerUri"');
    expect(text).not.toContain(
      bare(certificatePem(`${CERTS_DIR}/attacker-signing.crt`)).slice(0, 60),
    );
  });
});
