/**
 * The `hjsim serve` options containers need (docs/decisions/0010-containers.md): `--host` (listen
 * on every interface, still named 127.0.0.1), `--party idp|entra` (one side of the world per
 * server, as docker-compose.yml's `idp` and `entra` services run it), `--idp-url` (where mock
 * Entra sends clients for the IdP) and `GET /healthz`. The two-server join runs the Windows client
 * against an `idp` and an `entra` process exactly as the compose services start them.
 */
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { runDsregJoin } from '../../src/client/dsreg/dsreg-join.ts';
import { renderJoinDebug } from '../../src/client/render/join-debug.ts';
import { idpOrigin, listenAddress } from '../../src/tools/cli/serve-options.ts';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { buildWorld } from '../../src/scenario/world/build-world.ts';
import { checkExpectations } from '../../src/scenario/run/expectations.ts';
import { loadScenario } from '../../src/scenario/language/load-scenario.ts';
import { localizeScenario } from '../../src/scenario/language/localize-scenario.ts';
import { hjsim } from '../support/hjsim-process.ts';
import { serveProcess, type ServeProcess } from '../support/serve-process.ts';
import { withEntraAt } from '../support/split-routing.ts';

const started: ServeProcess[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
});

async function serve(...args: string[]): Promise<ServeProcess> {
  const s = await serveProcess(args);
  started.push(s);
  return s;
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const r = await withEntraAt(0, () => fetch(url));
  return { status: r.status, body: await r.text() };
}

describe('hjsim serve: option values', () => {
  it('--host takes 127.0.0.1, 0.0.0.0 or ::, and says why anything else is refused', () => {
    expect(listenAddress('127.0.0.1')).toBe('127.0.0.1');
    expect(listenAddress(' 0.0.0.0 ')).toBe('0.0.0.0');
    expect(listenAddress('::')).toBe('::');
    for (const bad of ['localhost', '192.168.1.20', '::1', '', 'example.com', '0.0.0.0:4443']) {
      expect(() => listenAddress(bad)).toThrow(InvalidArgumentError);
      expect(() => listenAddress(bad)).toThrow(/--host takes 127\.0\.0\.1 .* or 0\.0\.0\.0 \/ ::/);
    }
  });

  it('--idp-url takes an http(s) origin and keeps only the origin', () => {
    expect(idpOrigin('https://127.0.0.1:4444')).toBe('https://127.0.0.1:4444');
    expect(idpOrigin('https://127.0.0.1:4444/')).toBe('https://127.0.0.1:4444');
    expect(idpOrigin('https://LOCALHOST:443')).toBe('https://localhost');
    expect(() => idpOrigin('127.0.0.1:4444')).toThrow(/--idp-url takes .* origin|not .* URL/);
    expect(() => idpOrigin('not a url')).toThrow(/not a URL: "not a url"/);
    expect(() => idpOrigin('ftp://127.0.0.1')).toThrow(/http\(s\) origin .* not ftp: URL/);
    expect(() => idpOrigin('https://127.0.0.1:4444/wsf/mex13/x')).toThrow(
      /origin only, such as https:\/\/127\.0\.0\.1:4444/,
    );
    expect(() => idpOrigin('https://127.0.0.1:4444/?a=b')).toThrow(/origin only/);
  });

  it('a bad --host, --party or --idp-url, or --idp-url without --party entra, is exit 2 with the fix', () => {
    const host = hjsim('serve', '--host', '10.0.0.7');
    expect(host.code).toBe(2);
    expect(host.stderr).toContain("option '--host <address>' argument '10.0.0.7' is invalid");
    expect(host.stderr).toContain('--host takes 127.0.0.1');

    const party = hjsim('serve', '--party', 'graph');
    expect(party.code).toBe(2);
    expect(party.stderr).toMatch(
      /argument 'graph' is invalid\. Allowed choices are all, idp, entra/,
    );

    const url = hjsim('serve', '--party', 'entra', '--idp-url', 'https://127.0.0.1:4444/wsf');
    expect(url.code).toBe(2);
    expect(url.stderr).toContain('--idp-url takes the IdP');

    const alone = hjsim('serve', '--idp-url', 'https://127.0.0.1:4444');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--idp-url is for --party entra');
    expect(alone.stderr).toContain('hint: add --party entra, or leave out --idp-url');
  });
});

describe('hjsim serve: container options on real processes', { timeout: 120_000 }, () => {
  it('--host 0.0.0.0 listens on every interface, names itself 127.0.0.1 and answers /healthz', async () => {
    const s = await serve('--tls', '--port', '0', '--host', '0.0.0.0');
    expect(s.base).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(s.output()).toContain(
      `bound to every interface (0.0.0.0, port ${s.port}): publish it on 127.0.0.1 only`,
    );
    expect(s.output()).toMatch(new RegExp(`MEX +https://127\\.0\\.0\\.1:${s.port}/wsf/mex13/`));
    expect(s.output()).toContain(`health: ${s.base}/healthz (hjsim's own`);
    const health = await get(`${s.base}/healthz`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({
      status: 'ok',
      parties: expect.arrayContaining(['mock-idp', 'mock-entra-login', 'mock-entra-drs']),
    });
    // The health check is not an exchange with a party: it is never logged.
    expect(s.output()).not.toContain('/healthz →');
    expect(await s.stop()).toBe(0);
  });

  it('--party idp serves the mock IdP alone; --party entra serves mock Entra alone', async () => {
    const idp = await serve('--tls', '--port', '0', '--party', 'idp');
    const entra = await serve('--tls', '--port', '0', '--party', 'entra', '--idp-url', idp.base);
    expect(idp.output()).toContain('— mock IdP only');
    expect(idp.output()).not.toContain('mock Entra login');
    expect(entra.output()).toContain('— mock Entra only');
    expect(entra.output()).toContain(
      'IdP (not served here; mock Entra sends clients to these URLs)',
    );
    expect(entra.output()).toMatch(new RegExp(`MEX +${idp.base}/wsf/mex13/`));

    expect(JSON.parse((await get(`${idp.base}/healthz`)).body)).toEqual({
      status: 'ok',
      parties: ['mock-idp'],
    });
    const entraParties = JSON.parse((await get(`${entra.base}/healthz`)).body) as {
      parties: string[];
    };
    expect(entraParties.parties).toContain('mock-entra-login');
    expect(entraParties.parties).not.toContain('mock-idp');

    const realm = '/common/userrealm/imokatdi.ping-eng.com?api-version=1.0';
    expect((await get(`${idp.base}${realm}`)).status).toBe(404);
    const answer = JSON.parse((await get(`${entra.base}${realm}`)).body) as Record<string, string>;
    expect(answer['federation_metadata_url']).toBe(
      `${idp.base}/wsf/mex13/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e`,
    );
    expect((await get(answer['federation_metadata_url']!)).status).toBe(200);
    expect((await get(`${entra.base}/wsf/mex13/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e`)).status).toBe(
      404,
    );
  });

  it('--party entra without --idp-url leaves the IdP URLs as the scenario writes them', async () => {
    const entra = await serve('--tls', '--port', '0', '--party', 'entra');
    expect(entra.output()).toContain("without --idp-url the IdP URLs are the scenario's own");
    expect(entra.output()).toContain(
      'MEX          https://sso.example.com/wsf/mex13/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
    );
  });

  it.each([
    // The compose default: both services serve the baseline's halves.
    ['pingone/baseline.yaml', 'pingone/baseline.yaml', 'pingone/baseline.yaml'],
    // HJSIM_IDP_SCENARIO set to a broken IdP against the baseline tenant: AADSTS51004, sync join.
    [
      'pingone/baseline.yaml',
      'pingone/accounttype-wrong-nameformat.yaml',
      'pingone/accounttype-wrong-nameformat.yaml',
    ],
  ])(
    'entra serving %s and idp serving %s, as the compose services: the join has the outcome of %s',
    async (entraScenario, idpScenario, expected) => {
      const at = (f: string) => join('scenarios', f);
      const idp = await serve(
        '--tls',
        '--port',
        '0',
        '--party',
        'idp',
        '--scenario',
        at(idpScenario),
      );
      const entra = await serve(
        '--tls',
        '--port',
        '0',
        '--party',
        'entra',
        '--idp-url',
        idp.base,
        '--scenario',
        at(entraScenario),
      );
      // The machine is the Entra scenario's: the device keys Entra Connect synced come from its seed.
      const machine = await loadScenario(join(PACKAGE_ROOT, 'scenarios', entraScenario));
      const world = buildWorld(localizeScenario(machine.scenario, idp.base), machine.dir);
      const trace = await withEntraAt(entra.port, () => runDsregJoin(world.machine));
      const want = (await loadScenario(join(PACKAGE_ROOT, 'scenarios', expected))).scenario.expect;
      expect(checkExpectations(want, trace.outcome, renderJoinDebug(trace))).toEqual([]);
      // Each server saw only its own party's requests.
      expect(idp.output()).toMatch(
        /mock-idp +POST https:\/\/127\.0\.0\.1:\d+\/wsf\/sts\/\S+ → 200/,
      );
      expect(idp.output()).not.toContain('mock-entra');
      expect(entra.output()).toMatch(
        /mock-entra-login +POST https:\/\/login\.microsoftonline\.com\/common\/oauth2\/token → (200|400)/,
      );
      expect(entra.output()).not.toMatch(/mock-idp +/);
      await Promise.all([idp.stop(), entra.stop()]);
    },
  );
});
