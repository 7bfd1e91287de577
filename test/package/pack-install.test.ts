/**
 * The npm package works from another project without tsx: `npm pack` (its prepack compiles
 * src/ to dist/), the tarball unpacked into a scratch project under the temp folder as
 * `npm install <tarball>` lays it out, and there a vitest file uses `runScenario` and the
 * matchers, tsc checks the shipped type declarations, and the `hjsim` bin runs a shipped scenario.
 *
 * Offline: the tarball is unpacked with tar (what npm does with a file dependency), and the
 * dependencies are the repository's own node_modules, linked one by one, without tsx (so any
 * import of tsx or of a .ts file from the package fails the test).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MODULES = realpathSync(join(ROOT, 'node_modules'));
const NPM_ENV = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let scratch: string;
let packed: string;

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, env: NPM_ENV, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'hjsim-consumer-'));
  const dest = join(scratch, 'pack');
  mkdirSync(dest);
  const pack = run(npm, ['pack', '--pack-destination', dest, '--no-audit'], ROOT);
  expect(pack.code, pack.out).toBe(0);
  const tarball = readdirSync(dest).find((f) => f.endsWith('.tgz'));
  expect(tarball, pack.out).toBeDefined();
  packed = join(dest, tarball!);

  const project = join(scratch, 'project');
  const installed = join(project, 'node_modules', 'hjsim');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', packed, '-C', installed, '--strip-components=1']);
  for (const name of readdirSync(MODULES)) {
    if (name.startsWith('.') || name === 'tsx' || name === 'hjsim') continue;
    symlinkSync(join(MODULES, name), join(project, 'node_modules', name));
  }
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      type: 'module',
      dependencies: { hjsim: `file:${packed}` },
    }),
  );
  writeFileSync(
    join(project, 'join.test.ts'),
    `import { expect, it } from 'vitest';
import { hjsimMatchers, runScenario } from 'hjsim/testing';

expect.extend(hjsimMatchers);

it('the shipped PingOne baseline joins federated', async () => {
  const result = await runScenario('scenarios/pingone/baseline.yaml');
  expect(result.status).toBe('passed');
  expect(result).toJoin('federated');
  expect(result).not.toFallBackToSyncJoin();
});

it('accounttype with the wrong NameFormat: AADSTS51004, then a sync join', async () => {
  const result = await runScenario({
    extends: 'scenarios/pingone/baseline.yaml',
    name: 'accounttype NameFormat',
    idp: { claims: { accounttype: { namespace: 'http://schemas.microsoft.com/ws/2008/06/identity/claims' } } },
  });
  expect(result).toFailWithAadsts(51004);
  expect(result).toFallBackToSyncJoin();
  expect(result).toJoin('sync');
});
`,
  );
  // Types only (tsc, never run): each @ts-expect-error fails tsc if the declarations were missing (any).
  writeFileSync(
    join(project, 'types.ts'),
    `import { expect } from 'vitest';
import { runScenario, type ScenarioResult } from 'hjsim/testing';
import { startHjsim } from 'hjsim/testcontainers';
import { SimError } from 'hjsim';

export async function typed(): Promise<ScenarioResult> {
  const result = await runScenario('scenarios/pingone/baseline.yaml', { transport: 'http' });
  expect(result).toJoin('sync');
  // @ts-expect-error toJoin takes 'federated' or 'sync'
  expect(result).toJoin('hybrid');
  // @ts-expect-error a scenario is a path, a URL or an object
  await runScenario(42);
  // @ts-expect-error transport is inprocess or http
  await runScenario('x.yaml', { transport: 'carrier pigeon' });
  void startHjsim;
  void SimError;
  return result;
}
`,
  );
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      files: ['types.ts'],
    }),
  );
}, 600_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}, 120_000);

describe('hjsim as an installed package', () => {
  it('ships compiled JavaScript with declarations, the bin and the scenario library, and no sources or tests', () => {
    const listed = execFileSync('tar', ['-tzf', packed], { encoding: 'utf8' }).split('\n');
    expect(listed).toContain('package/dist/tools/testing/index.js');
    expect(listed).toContain('package/dist/tools/testing/index.d.ts');
    expect(listed).toContain('package/dist/index.js');
    expect(listed).toContain('package/bin/hjsim.js');
    expect(listed).toContain('package/scenarios/pingone/baseline.yaml');
    expect(listed.filter((f) => f.startsWith('package/src/'))).toEqual([]);
    expect(listed.filter((f) => /\.test\.[jt]s$/.test(f))).toEqual([]);
    expect(existsSync(join(scratch, 'project', 'node_modules', 'tsx'))).toBe(false);
  });

  it('a vitest file imports hjsim/testing and runs a shipped scenario with the matchers', () => {
    const vitest = join(MODULES, 'vitest', 'vitest.mjs');
    const r = run(
      process.execPath,
      [vitest, 'run', '--reporter=verbose'],
      join(scratch, 'project'),
    );
    expect(r.out).toMatch(/2 passed/);
    expect(r.code, r.out).toBe(0);
  }, 300_000);

  it("tsc checks a consumer's file against the shipped declarations", () => {
    const tsc = join(MODULES, 'typescript', 'bin', 'tsc');
    const r = run(process.execPath, [tsc, '-p', 'tsconfig.json'], join(scratch, 'project'));
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  }, 300_000);

  it('the hjsim bin runs a shipped scenario from the other project', () => {
    const bin = join(scratch, 'project', 'node_modules', 'hjsim', 'bin', 'hjsim.js');
    const r = run(
      process.execPath,
      [bin, 'run', 'scenarios/pingone/baseline.yaml'],
      join(scratch, 'project'),
    );
    expect(r.out).toMatch(/1 scenario\b/);
    expect(r.code, r.out).toBe(0);
  }, 300_000);
});
