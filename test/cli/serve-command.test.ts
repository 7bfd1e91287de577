/**
 * `hjsim serve` as a real process on a real port: the Windows join client, running in this
 * process, joins against it over HTTPS (trusting the test CA) with the same outcome as in-process;
 * a plain client that only knows the base URL reaches mock Entra and gets localized IdP URLs; the
 * server logs each exchange and stops cleanly on SIGTERM.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDsregJoin } from '../../src/client/dsreg/dsreg-join.ts';
import { renderJoinDebug } from '../../src/client/render/join-debug.ts';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { buildWorld } from '../../src/scenario/world/build-world.ts';
import { checkExpectations } from '../../src/scenario/run/expectations.ts';
import { loadScenario } from '../../src/scenario/language/load-scenario.ts';
import { localizeScenario } from '../../src/scenario/language/localize-scenario.ts';
import { runScenarioFile } from '../../src/scenario/run/run-scenario.ts';
import { closeInProcessTransport } from '../../src/transport/msw-transport.ts';
import { withFetchRoutedTo } from '../../src/transport/route-fetch.ts';
import { hjsim } from '../support/hjsim-process.ts';
import { serveProcess } from '../support/serve-process.ts';

afterAll(() => closeInProcessTransport());

const serve = (...args: string[]) => serveProcess(args);

describe('hjsim serve', { timeout: 120_000 }, () => {
  it.each([
    ['scenarios/pingone/baseline.yaml'],
    ['scenarios/pingone/accounttype-wrong-nameformat.yaml'],
    ['scenarios/pingone/primarysid-omitted-fallback-off.yaml'],
  ])('%s: a join over real HTTPS has the in-process outcome', async (file) => {
    let code: number | null;
    const s = await serve('--tls', '--port', '0', '--scenario', file);
    try {
      expect(s.output()).toContain(
        `clients trust the test CA: ${join(PACKAGE_ROOT, 'certs', 'tls-ca.crt')}`,
      );
      expect(s.output()).toMatch(new RegExp(`MEX +${s.base}/wsf/mex13/`));

      // The client's half of the world, built from the same (seeded, localized) scenario.
      const loaded = await loadScenario(join(PACKAGE_ROOT, file));
      const world = buildWorld(localizeScenario(loaded.scenario, s.base), loaded.dir);
      const trace = await withFetchRoutedTo({ port: s.port, tls: true }, () =>
        runDsregJoin(world.machine),
      );
      const transcript = renderJoinDebug(trace);
      expect(checkExpectations(loaded.scenario.expect, trace.outcome, transcript)).toEqual([]);

      const inProcess = await runScenarioFile(join(PACKAGE_ROOT, file));
      expect(trace.outcome).toEqual(inProcess.outcome);

      // Every exchange is logged by the server, addressed as the client addressed it.
      expect(s.output()).toMatch(
        /mock-entra-login +POST https:\/\/login\.microsoftonline\.com\/common\/oauth2\/token → (200|400)/,
      );
      expect(s.output()).toMatch(new RegExp(`mock-idp +POST ${s.base}/wsf/sts/\\S+ → 200`));
    } finally {
      code = await s.stop('SIGTERM');
    }
    expect(code).toBe(0);
    expect(s.output()).toContain('hjsim serve: stopped (SIGTERM)');
  });

  it('answers a client that only knows the base URL, with URLs on the base', async () => {
    let code: number | null;
    const s = await serve('--tls', '--port', '0');
    try {
      const realm = await withFetchRoutedTo({ port: s.port, tls: true }, async () => {
        const r = await fetch(`${s.base}/common/userrealm/imokatdi.ping-eng.com?api-version=1.0`);
        return (await r.json()) as Record<string, string>;
      });
      expect(realm['account_type']).toBe('Federated');
      expect(realm['federation_metadata_url']).toBe(
        `${s.base}/wsf/mex13/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e`,
      );
      const mex = await withFetchRoutedTo({ port: s.port, tls: true }, async () =>
        (await fetch(realm['federation_metadata_url']!)).text(),
      );
      expect(mex).toContain(`${s.base}/wsf/sts/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e`);
    } finally {
      code = await s.stop('SIGINT');
    }
    expect(code).toBe(0);
    expect(s.output()).toContain('hjsim serve: stopped (SIGINT)');
  });

  it('plain HTTP says that Windows needs --tls', async () => {
    let code: number | null;
    const s = await serve('--port', '0');
    try {
      expect(s.base).toMatch(/^http:\/\//);
      expect(s.output()).toContain('use --tls for a join');
    } finally {
      code = await s.stop('SIGTERM');
    }
    expect(code).toBe(0);
  });

  it('exits 2 on a bad scenario, a taken port or a bad port number', async () => {
    const missing = hjsim('serve', '--scenario', 'no/such.yaml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read scenario file');
    const bad = hjsim('serve', '--port', '70000');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('a port is a whole number from 0');
    let code: number | null;
    const s = await serve('--port', '0');
    try {
      const taken = hjsim('serve', '--port', String(s.port));
      expect(taken.code).toBe(2);
      expect(taken.stderr).toContain(`port ${s.port} on 127.0.0.1 is already in use`);
    } finally {
      code = await s.stop('SIGTERM');
    }
    expect(code).toBe(0);
  });
});
