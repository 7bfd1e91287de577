/**
 * `hjsim run` as a user runs it: a real process, its exit code, its output.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';

function hjsim(...args: string[]) {
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'hjsim.js'), ...args], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fixture = (name: string) => join('test', 'fixtures', 'scenarios', name);

describe('hjsim run', () => {
  it('runs the shipped library with the JSON report of DESIGN.md', () => {
    const r = hjsim('run', 'scenarios', '--reporter', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      summary: {
        total: number;
        passed: number;
        failed: number;
        errors: number;
        durationMs: number;
      };
      scenarios: {
        file: string;
        name: string;
        status: string;
        outcome: Record<string, unknown>;
        failures: unknown[];
      }[];
    };
    expect(Object.keys(report.summary)).toEqual([
      'total',
      'passed',
      'failed',
      'errors',
      'durationMs',
    ]);
    expect(report.summary.total).toBeGreaterThanOrEqual(10);
    expect(report.summary.passed).toBe(report.summary.total);
    for (const s of report.scenarios) {
      expect(s.status).toBe('passed');
      expect(Object.keys(s.outcome)).toEqual(
        expect.arrayContaining(['joined', 'joinType', 'aadsts', 'hresults', 'fallbackAttempted']),
      );
    }
  });

  it('exits 1 and says which expectation failed and what happened instead', () => {
    const r = hjsim('run', fixture('wrong-expectation.yaml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('expect.joinType: expected sync, got federated');
    expect(r.stdout).toContain('expect.aadsts: expected [51004], got []');
  });

  it('exits 2 on an invalid scenario with file, line, field and a did-you-mean', () => {
    const r = hjsim('run', fixture('misspelt-key.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /misspelt-key\.yaml:4: device\.fallbackToSynJoin: unknown field 'fallbackToSynJoin' \(did you mean 'fallbackToSyncJoin'\?\)/,
    );
  });

  it('exits 2 on a path that does not exist and on an unknown option', () => {
    expect(hjsim('run', 'no/such/place').code).toBe(2);
    const r = hjsim('run', '--reporter', 'xml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument 'xml' is invalid");
  });

  it('shows the transcript and the status on request', () => {
    const r = hjsim('run', 'scenarios/pingone/baseline.yaml', '--show', 'transcript', 'status');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PS C:\\Windows\\System32> dsregcmd /join /debug');
    expect(r.stdout).toContain('DSREGCMD_END_STATUS');
    expect(r.stdout).toContain('| Device State');
    expect(r.stdout).toContain('DomainName : IMOKATDI');
  });
});
