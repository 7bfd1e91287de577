/**
 * Seeded runs are byte-reproducible (two processes, the whole JSON report with transcripts,
 * status, every HTTP exchange and mock Entra's log), and golden transcripts catch a change with a
 * readable diff until `--update-golden` accepts it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { hjsim, withoutDuration } from '../support/hjsim-process.ts';

describe('seed: a byte-reproducible run', { timeout: 120_000 }, () => {
  it('two processes print the same JSON report, exchanges and all', () => {
    const args = [
      'run',
      'scenarios/pingone/accounttype-wrong-nameformat.yaml',
      'scenarios/pingone/primarysid-omitted-unsynced.yaml',
      '--reporter',
      'json',
      '--show',
      'transcript',
      'status',
      'exchanges',
      'entra-log',
      '--no-timing',
    ];
    const a = hjsim(...args);
    const b = hjsim(...args);
    expect(a.code).toBe(0);
    // Signed assertions, tokens, device certificates, GUIDs, times: all fixed by the seed.
    expect(a.stdout).toContain('"responseBody"');
    expect(a.stdout).toContain('SignatureValue');
    // --no-timing zeroes the one field that differs, the time taken: the bytes are the same.
    expect(a.stdout).toContain('"durationMs": 0');
    expect(b.stdout).toBe(a.stdout);
  });

  it('--no-timing: the JUnit report is the same bytes too; without it only durations differ', () => {
    const file = 'scenarios/pingone/baseline.yaml';
    const a = hjsim('run', file, '--reporter', 'junit', '--no-timing');
    const b = hjsim('run', file, '--reporter', 'junit', '--no-timing');
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/time="0(\.0+)?"/);
    expect(a.stdout).toContain('timestamp="1970-01-01T00:00:00');
    expect(b.stdout).toBe(a.stdout);
    const timed = hjsim('run', file, '--reporter', 'json');
    const untimed = hjsim('run', file, '--reporter', 'json', '--no-timing');
    expect(withoutDuration(timed.stdout)).toBe(withoutDuration(untimed.stdout));
  });

  it('the shipped goldens hold both outputs', () => {
    for (const name of ['baseline', 'accounttype-wrong-nameformat']) {
      const golden = readFileSync(
        join(PACKAGE_ROOT, 'scenarios/pingone', `${name}.golden.txt`),
        'utf8',
      );
      expect(golden.startsWith('PS C:\\Windows\\System32> dsregcmd /join /debug\n')).toBe(true);
      expect(golden).toContain('\nPS C:\\Windows\\System32> dsregcmd /status\n');
    }
  });
});

describe('hjsim run --update-golden', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hjsim-golden-'));
    const base = join(PACKAGE_ROOT, 'scenarios/pingone/baseline.yaml');
    writeFileSync(join(dir, 'seeded.yaml'), `extends: ${base}\nname: seeded copy\n`);
    // `seed: null` removes the seed the baseline sets.
    writeFileSync(
      join(dir, 'unseeded.yaml'),
      `extends: ${base}\nname: unseeded copy\nseed: null\n`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes goldens for seeded scenarios and says why not for the others', () => {
    const r = hjsim('run', dir, '--update-golden');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/wrote .*seeded\.golden\.txt/);
    expect(r.stderr).toMatch(/no golden for .*unseeded\.yaml: no seed/);
    expect(existsSync(join(dir, 'unseeded.golden.txt'))).toBe(false);
    expect(hjsim('run', dir).code).toBe(0);
  });

  it('a later run that differs fails with a diff and the command that accepts it', () => {
    const golden = join(dir, 'seeded.golden.txt');
    const text = readFileSync(golden, 'utf8');
    writeFileSync(golden, text.replace('PreJoinChecks Complete.', 'PreJoinChecks Completed.'));
    const r = hjsim('run', join(dir, 'seeded.yaml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('golden: the output differs from');
    expect(r.stdout).toContain('--update-golden');
    expect(r.stdout).toContain('      - PreJoinChecks Completed.');
    expect(r.stdout).toContain('      + PreJoinChecks Complete.');
    expect(hjsim('run', join(dir, 'seeded.yaml'), '--update-golden').code).toBe(0);
    expect(readFileSync(golden, 'utf8')).toBe(text);
  });

  it('a golden beside an unseeded scenario is a failure that says so', () => {
    writeFileSync(join(dir, 'unseeded.golden.txt'), 'anything\n');
    const r = hjsim('run', join(dir, 'unseeded.yaml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('exists but the scenario has no seed');
  });
});
