/**
 * `hjsim conform` as a user runs it: the real binary against `hjsim serve` in another process
 * (exit 0 for the baseline, 1 for a misconfiguration; JUnit that validates against the common
 * schema, one testcase per check, the failure carrying its evidence; the password in no output),
 * and every input error it must refuse with exit 2 and a message saying what, where and how to
 * fix: no MEX, an http:// MEX, an unreachable one, an untrusted certificate, a bad CA file,
 * missing credentials, a password variable that is not set. Only 127.0.0.1 is ever contacted.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFORM_CHECKS } from '../../src/tools/conform/conform-checks.ts';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { validateJunit } from '../support/junit-schema.ts';
import { scratchDir, serveIdp, TEST_CA, type ServedIdp } from '../support/serve-process.ts';

const APP = '4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e';
const PASSWORD = 'S3cret-Computer-Password';
const scratch = scratchDir();

function conform(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(
    process.execPath,
    [join(PACKAGE_ROOT, 'bin', 'hjsim.js'), 'conform', ...args],
    {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ...env },
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let baseline: ServedIdp;
let broken: ServedIdp;
let baselineFile: string;
let brokenFile: string;

beforeAll(async () => {
  const wrap = (file: string) =>
    scratch.write(
      file.replace(/\W/g, '-'),
      `extends: ${join(PACKAGE_ROOT, 'scenarios', file)}\ndevice:\n  accountPassword: '${PASSWORD}'\n`,
    );
  baselineFile = wrap('pingone/baseline.yaml');
  brokenFile = wrap('pingone/primarysid-omitted.yaml');
  [baseline, broken] = await Promise.all([
    serveIdp(baselineFile, '--clock', 'now'),
    serveIdp(brokenFile, '--clock', 'now'),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([baseline?.stop(), broken?.stop()]);
  scratch.remove();
});

const credentials = ['--username', 'IMOK-HYJD$', '--password-env', 'HJSIM_TEST_PW'];
const env = { HJSIM_TEST_PW: PASSWORD };

describe('hjsim conform (the binary)', { timeout: 60_000 }, () => {
  it('passes the baseline from flags alone: exit 0, every check PASSED', () => {
    const r = conform(
      [
        '--idp-mex',
        `${baseline.base}/wsf/mex13/${APP}`,
        '--issuer',
        `${baseline.base}/applications/${APP}`,
        '--signing-cert',
        'certs/idp-signing.crt',
        '--domain',
        'imokatdi.ping-eng.com',
        '--computer-guid',
        '3f0817b9-ca17-4714-ab81-f7b5943dec7b',
        '--computer-sid',
        'S-1-5-21-1004336348-1177238915-682003330-1105',
        '--ca',
        'certs/tls-ca.crt',
        ...credentials,
      ],
      env,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`hjsim conform: ${baseline.base}/wsf/mex13/${APP}`);
    expect(r.stdout).toContain('WS-Trust usernamemixed as IMOK-HYJD$');
    expect(r.stdout).toMatch(/21 checks: 21 passed, 0 warnings, 0 failed, 0 skipped/);
    for (const c of CONFORM_CHECKS)
      expect(r.stdout).toMatch(new RegExp(`PASSED +${c.id.replace('.', '\\.')} `));
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  });

  it('writes JUnit for a misconfiguration: exit 1, one testcase per check, the failure with its evidence', () => {
    const out = join(scratch.dir, 'conform.xml');
    const r = conform(
      [
        '--idp-mex',
        `${broken.base}/wsf/mex13/${APP}`,
        '--scenario',
        brokenFile,
        '--ca',
        TEST_CA,
        '--reporter',
        'junit',
        '--out',
        out,
        ...credentials,
      ],
      env,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '21 checks, 20 passed, 0 warnings, 1 failed, 0 skipped; report written to',
    );
    const xml = readFileSync(out, 'utf8');
    expect(validateJunit(xml)).toEqual([]);
    expect(xml.match(/<testcase /g)).toHaveLength(CONFORM_CHECKS.length);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toMatch(
      /<testcase name="claims\.primarysid: [^"]*"[^>]*>\s*<failure message="no primarysid claim/,
    );
    expect(xml).toContain('AADSTS51004');
    expect(xml).not.toContain(PASSWORD);
  });

  it('prints the pretty report with the evidence, the Windows symptom and the fix', () => {
    const r = conform(
      [
        '--idp-mex',
        `${broken.base}/wsf/mex13/${APP}`,
        '--scenario',
        brokenFile,
        '--ca',
        TEST_CA,
        ...credentials,
      ],
      env,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAILED +claims\.primarysid/);
    expect(r.stdout).toContain(
      'expected: http://schemas.microsoft.com/ws/2008/06/identity/claims/primarysid = S-1-5-21-1004336348-1177238915-682003330-1105',
    );
    expect(r.stdout).toContain('Windows:  invalid_grant AADSTS51004');
    expect(r.stdout).toContain('fix (PingOne):');
    expect(r.stdout).toContain(
      `note: the scenario's URLs on https://sso.example.com were moved to ${broken.base}`,
    );
  });
});

/** A port on 127.0.0.1 where nothing listens (bound, then closed). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe(
  'hjsim conform: invalid input is exit 2 with what, where and how to fix',
  { timeout: 60_000 },
  () => {
    const federation = [
      '--issuer',
      'https://sso.example.com/applications/x',
      '--signing-cert',
      'certs/idp-signing.crt',
    ];

    it('no MEX URL at all', () => {
      const r = conform([...federation, ...credentials], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('no MEX to test: give --idp-mex URL');
      expect(r.stderr).toContain('hint:');
    });

    it('a MEX URL that is not https (Windows refuses it too)', () => {
      const r = conform(
        ['--idp-mex', `http://127.0.0.1:9/wsf/mex13/${APP}`, ...federation, ...credentials],
        env,
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('is not https: Windows refuses such a MEX URL (0xcaa90020');
      expect(r.stderr).toContain('hint: publish the MEX over https');
    });

    it('a MEX URL that is no URL', () => {
      const r = conform(
        ['--idp-mex', 'sso.example.com/wsf/mex13', ...federation, ...credentials],
        env,
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--idp-mex sso.example.com/wsf/mex13 is not an absolute URL');
    });

    it('an unreachable MEX (nothing listens on the port)', async () => {
      const port = await closedPort();
      const r = conform(
        ['--idp-mex', `https://127.0.0.1:${port}/wsf/mex13/${APP}`, ...federation, ...credentials],
        env,
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`cannot reach https://127.0.0.1:${port}/wsf/mex13/${APP}`);
      expect(r.stderr).toContain('ECONNREFUSED');
      expect(r.stderr).toContain(`hint: nothing listens at 127.0.0.1:${port}`);
    });

    it('an IdP whose certificate is not trusted (no --ca)', () => {
      const r = conform(
        ['--idp-mex', `${baseline.base}/wsf/mex13/${APP}`, ...federation, ...credentials],
        {
          ...env,
          // The test CA must come from --ca, not from the environment of the test run.
          NODE_EXTRA_CA_CERTS: '',
        },
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('the TLS certificate of 127.0.0.1');
      expect(r.stderr).toContain('is not trusted');
      expect(r.stderr).toContain('hint: pass --ca FILE');
    });

    it('a CA file that is missing, or holds no certificate', () => {
      const missing = conform(
        [
          '--idp-mex',
          `${baseline.base}/wsf/mex13/${APP}`,
          ...federation,
          '--ca',
          'no/such-ca.pem',
          ...credentials,
        ],
        env,
      );
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('cannot read the CA file no/such-ca.pem (no such file)');
      const junk = scratch.write('junk-ca.pem', 'this is not a certificate\n');
      const bad = conform(
        [
          '--idp-mex',
          `${baseline.base}/wsf/mex13/${APP}`,
          ...federation,
          '--ca',
          junk,
          ...credentials,
        ],
        env,
      );
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('holds no PEM certificate');
      expect(bad.stderr).toContain('hint: name a PEM file of CA certificates');
    });

    it('credentials: none, a username without --password-env, an unset variable', () => {
      const mex = [
        '--idp-mex',
        `${baseline.base}/wsf/mex13/${APP}`,
        ...federation,
        '--ca',
        TEST_CA,
      ];
      const none = conform(mex);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('no credentials: give --username and --password-env');
      const noEnv = conform([...mex, '--username', 'IMOK-HYJD$']);
      expect(noEnv.code).toBe(2);
      expect(noEnv.stderr).toContain('needs --password-env NAME');
      const unset = conform([
        ...mex,
        '--username',
        'IMOK-HYJD$',
        '--password-env',
        'HJSIM_NOT_SET_ANYWHERE',
      ]);
      expect(unset.code).toBe(2);
      expect(unset.stderr).toContain(
        '--password-env HJSIM_NOT_SET_ANYWHERE: no such environment variable is set',
      );
      expect(unset.stderr).toContain('the password is never taken from the command line');
    });

    it('hjsim serve --clock takes now or an ISO time, nothing else', () => {
      const r = spawnSync(
        process.execPath,
        [join(PACKAGE_ROOT, 'bin', 'hjsim.js'), 'serve', '--clock', 'yesterday'],
        { cwd: PACKAGE_ROOT, encoding: 'utf8' },
      );
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--clock yesterday is neither now nor an ISO time');
    });

    it('federation settings: none, or a signing certificate that is no certificate', () => {
      const mex = [
        '--idp-mex',
        `${baseline.base}/wsf/mex13/${APP}`,
        '--ca',
        TEST_CA,
        ...credentials,
      ];
      const none = conform(mex, env);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('no federation settings: --issuer is missing');
      const junk = scratch.write('junk.crt', 'not a certificate\n');
      const bad = conform([...mex, '--issuer', 'https://x/', '--signing-cert', junk], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--signing-cert');
    });
  },
);
