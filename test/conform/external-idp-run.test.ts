/**
 * External IdP mode through `hjsim run`: a join scenario whose `idp.external` names the mock IdP
 * served by `hjsim serve --tls` in another process. No mock IdP is built in the run; the Windows
 * join client reaches the served IdP over real sockets and TLS (trusting `caFile`), while mock
 * Entra stays in-process — and the outcomes are the ones the shipped scenarios expect: a
 * federated join with the baseline, AADSTS51004 and the sync-join fallback with the seed's
 * accounttype NameFormat mistake. Credentials: usernamemixed as the computer account (password
 * from an environment variable), or hjsim's modeled Kerberos ticket, which only the mock reads.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { loadScenario } from '../../src/scenario/language/load-scenario.ts';
import { runScenarioFile } from '../../src/scenario/run/run-scenario.ts';
import { closeInProcessTransport } from '../../src/transport/msw-transport.ts';
import { scratchDir, serveIdp, TEST_CA, type ServedIdp } from '../support/serve-process.ts';

const APP = '4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e';
const PASSWORD = 'Computer-Pa55-For-External';
const PASSWORD_ENV = 'HJSIM_TEST_EXTERNAL_PW';
const scratch = scratchDir();
const shipped = (f: string) => join(PACKAGE_ROOT, 'scenarios', f);

let good: ServedIdp;
let broken: ServedIdp;

beforeAll(async () => {
  const wrap = (f: string) =>
    scratch.write(
      `served-${f.replace(/\W/g, '-')}`,
      `extends: ${shipped(f)}\ndevice:\n  accountPassword: '${PASSWORD}'\n`,
    );
  [good, broken] = await Promise.all([
    serveIdp(wrap('pingone/baseline.yaml'), '--clock', 'now'),
    serveIdp(wrap('pingone/accounttype-wrong-nameformat.yaml'), '--clock', 'now'),
  ]);
}, 60_000);

afterAll(async () => {
  closeInProcessTransport();
  await Promise.all([good?.stop(), broken?.stop()]);
  scratch.remove();
});

/** The shipped PingOne baseline pointed at a served IdP; `more` is appended YAML. */
function externalScenario(name: string, idp: ServedIdp, credentials: string, more = ''): string {
  return scratch.write(
    `${name}.yaml`,
    [
      `extends: ${shipped('pingone/baseline.yaml')}`,
      `name: 'External IdP - ${name}'`,
      'idp:',
      '  profile: null',
      '  host: null',
      '  appId: null',
      '  signingKey: null',
      '  external:',
      `    metadataExchangeUri: ${idp.base}/wsf/mex13/${APP}`,
      `    credentials: ${credentials}`,
      `    caFile: ${TEST_CA}`,
      'tenant:',
      '  domains:',
      '    - name: imokatdi.ping-eng.com',
      '      federation:',
      `        issuerUri: ${idp.base}/applications/${APP}`,
      more,
    ].join('\n'),
  );
}

function run(file: string, env: Record<string, string> = {}, ...args: string[]) {
  const r = spawnSync(
    process.execPath,
    [join(PACKAGE_ROOT, 'bin', 'hjsim.js'), 'run', file, '--reporter', 'json', ...args],
    { cwd: PACKAGE_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const USERNAMEMIXED = `{ username: 'IMOK-HYJD$', passwordEnv: ${PASSWORD_ENV} }`;

describe(
  'hjsim run with idp.external (the IdP in another process, over HTTPS)',
  { timeout: 90_000 },
  () => {
    it('joins federated through the served baseline, usernamemixed as the computer', async () => {
      const file = externalScenario('baseline usernamemixed', good, USERNAMEMIXED);
      const r = run(file, { [PASSWORD_ENV]: PASSWORD }, '--show', 'exchanges', 'entra-log');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as {
        scenarios: { status: string; outcome: Record<string, unknown>; failures: string[] }[];
      };
      expect(report.scenarios[0]).toMatchObject({
        status: 'passed',
        outcome: { joined: true, joinType: 'federated', aadsts: [], fallbackAttempted: false },
      });
      expect(r.stdout).not.toContain(PASSWORD);
      // The served IdP saw the client's MEX GET and usernamemixed POST on its own socket (its
      // log arrives once this process reads the pipe again).
      await vi.waitFor(() => {
        expect(good.output()).toMatch(
          new RegExp(`mock-idp +GET ${good.base}/wsf/mex13/${APP} → 200`),
        );
        expect(good.output()).toMatch(
          new RegExp(`mock-idp +POST ${good.base}/wsf/sts/${APP} → 200`),
        );
      });
    });

    it("meets the seed's AADSTS51004 and falls back to sync join with the misconfigured IdP", async () => {
      const file = externalScenario(
        'accounttype NameFormat',
        broken,
        USERNAMEMIXED,
        [
          'expect:',
          '  joined: true',
          '  joinType: sync',
          '  aadsts: [51004]',
          "  hresults: ['0xcaa20003', '0xcaa90006', '0xcaa1000e']",
          '  fallbackAttempted: true',
          '  transcriptIncludes:',
          "    - 'DsrCmdJoinHelper::Join: Federated ADRS join failed with error 0xcaa1000e. Try synchronized join.'",
        ].join('\n'),
      );
      const r = run(file, { [PASSWORD_ENV]: PASSWORD });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).scenarios[0].status).toBe('passed');
    });

    it('also runs in-process and over --transport http, with modeled Kerberos', async () => {
      const file = externalScenario('modeled kerberos', good, 'modeled-kerberos');
      for (const transport of ['inprocess', 'http'] as const) {
        const result = await runScenarioFile(file, { transport });
        expect(result.error, transport).toBeUndefined();
        expect(result.failures, transport).toEqual([]);
        expect(result.outcome).toMatchObject({ joined: true, joinType: 'federated' });
        // Only mock Entra's requests are recorded: the IdP is not a party of this run.
        expect(result.exchanges.some((e) => e.party === 'mock-idp')).toBe(false);
        expect(result.exchanges.some((e) => e.party === 'mock-entra-login')).toBe(true);
      }
    });

    it('a password variable that is not set is an input error (exit 2)', () => {
      const file = externalScenario('no password', good, USERNAMEMIXED);
      const r = run(file, { [PASSWORD_ENV]: '' });
      expect(r.code).toBe(2);
      expect(r.stdout).toContain(
        `idp.external.credentials.passwordEnv names ${PASSWORD_ENV}, and no such environment variable is set`,
      );
    });

    it('refuses mock IdP fields beside idp.external, naming each', async () => {
      const file = scratch.write(
        'both.yaml',
        [
          `extends: ${shipped('pingone/baseline.yaml')}`,
          'idp:',
          '  external:',
          `    metadataExchangeUri: https://127.0.0.1:1/wsf/mex13/${APP}`,
          '    credentials: modeled-kerberos',
        ].join('\n'),
      );
      await expect(loadScenario(file)).rejects.toThrow(
        /idp\.profile: configures hjsim's mock IdP, and idp\.external replaces it: remove it \(under extends: profile: null\)/,
      );
      const none = scratch.write(
        'none.yaml',
        [`extends: ${shipped('pingone/baseline.yaml')}`, 'idp:', '  host: null'].join('\n'),
      );
      const missing = await loadScenario(none).then(
        () => '',
        (e: Error) => e.message,
      );
      expect(missing).toMatch(/idp\.host: is required for hjsim's mock IdP \(or set idp\.external/);
      // The missing field is what is named: not the mapping around it ("got a mapping").
      expect(missing).not.toContain('got a mapping');
    });
  },
);
