/**
 * `hjsim run`'s CI options as a real process: JUnit XML that validates against the common JUnit
 * schema, --concurrency giving the same report as one thread, --filter, --transport http, and
 * exit 2 on bad option values.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { hjsim, withoutDuration } from '../support/hjsim-process.ts';
import { validateJunit } from '../support/junit-schema.ts';

const fixture = (name: string) => join('test', 'fixtures', 'scenarios', name);

interface Report {
  summary: { total: number; passed: number; failed: number };
  scenarios: { file: string; name: string; status: string; outcome: unknown; failures: string[] }[];
}

describe('hjsim run --reporter junit', { timeout: 120_000 }, () => {
  it('shows each failed expectation as its own <failure>, and validates', () => {
    const r = hjsim(
      'run',
      'scenarios/pingone/baseline.yaml',
      fixture('wrong-expectation.yaml'),
      '--reporter',
      'junit',
    );
    expect(r.code).toBe(1);
    expect(validateJunit(r.stdout)).toEqual([]);
    expect(r.stdout).toContain(
      '<failure message="expect.joinType: expected sync, got federated" type="expect.joinType">',
    );
    expect(r.stdout).toContain(
      '<failure message="expect.aadsts: expected [51004], got []" type="expect.aadsts">',
    );
    expect(r.stdout).toMatch(/<testsuites name="hjsim" tests="2" failures="1" errors="0"/);
    expect(r.stdout).toContain('<testcase name="PingOne - baseline federated join succeeds"');
    // The failing case carries the transcript for the CI log.
    expect(r.stdout).toContain('DSREGCMD_END_STATUS');
  });
});

describe('hjsim run --reporter json --show transcript status', { timeout: 120_000 }, () => {
  it("keeps each scenario's verdict in `status` and puts dsregcmd /status in `statusOutput`", () => {
    const r = hjsim(
      'run',
      'scenarios/pingone/baseline.yaml',
      '--reporter',
      'json',
      '--show',
      'transcript',
      'status',
    );
    expect(r.code).toBe(0);
    const [s] = (
      JSON.parse(r.stdout) as {
        scenarios: { status: string; statusOutput: string[]; transcript: string[] }[];
      }
    ).scenarios;
    expect(s!.status).toBe('passed');
    expect(s!.statusOutput.join('\n')).toContain('AzureAdJoined : YES');
    expect(s!.transcript.join('\n')).toContain('DSREGCMD_END_STATUS');
  });
});

describe('hjsim run on a generated matrix', { timeout: 120_000 }, () => {
  let dir: string;
  let one: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hjsim-matrix-'));
    const m = hjsim('matrix', 'scenarios/pingone/baseline.yaml', '--out', dir);
    expect(m.code, m.stderr).toBe(0);
    const r = hjsim('run', dir, '--reporter', 'json');
    expect(r.code, r.stdout.slice(0, 2000)).toBe(0);
    one = r.stdout;
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes at least 40 scenarios and every prediction holds', () => {
    const report = JSON.parse(one) as Report;
    expect(report.summary.total).toBeGreaterThanOrEqual(40);
    expect(report.summary.passed).toBe(report.summary.total);
  });

  it('--concurrency 2 gives the same report as one thread, in the same order', () => {
    const two = hjsim('run', dir, '--reporter', 'json', '--concurrency', '2');
    expect(two.code).toBe(0);
    expect(withoutDuration(two.stdout)).toBe(withoutDuration(one));
  });

  it('--reporter junit --out writes a report that validates', () => {
    const out = join(dir, 'report.xml');
    const r = hjsim('run', dir, '--reporter', 'junit', '--out', out, '--concurrency', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/scenarios, \d+ passed, 0 not; report written to/);
    const xml = readFileSync(out, 'utf8');
    expect(validateJunit(xml)).toEqual([]);
    const total = (JSON.parse(one) as Report).summary.total;
    expect(xml).toContain(`tests="${total}" failures="0" errors="0"`);
  });
});

describe('hjsim run --filter and --transport', { timeout: 120_000 }, () => {
  it('--filter selects by tag or name; repeated filters add up', () => {
    const r = hjsim('run', 'scenarios/pingone', '--filter', 'fallback-off', '--reporter', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(
      report.scenarios.map((s) => s.name).every((n) => n.includes('FallbackToSyncJoin = 0')),
    ).toBe(true);
    // scenarios/pingone holds five FallbackToSyncJoin = 0 scenarios.
    expect(report.summary.total).toBe(5);
    const two = hjsim(
      'run',
      'scenarios/pingone',
      '--filter',
      'tag:baseline',
      '--filter',
      'primarysid not mapped',
      '--reporter',
      'json',
    );
    expect((JSON.parse(two.stdout) as Report).summary.total).toBe(4);
  });

  it('a filter that selects nothing is an input error', () => {
    const r = hjsim('run', 'scenarios/pingone', '--filter', 'no-such-thing');
    expect(r.code).toBe(2);
    const files = readdirSync(join(PACKAGE_ROOT, 'scenarios', 'pingone'), {
      recursive: true,
      encoding: 'utf8',
    }).filter((f) => f.endsWith('.yaml')).length;
    expect(r.stderr).toContain(
      `no scenario matches --filter no-such-thing (${files} scenarios looked at)`,
    );
  });

  it('--transport http gives the same outcomes as in-process, over real sockets', () => {
    const inproc = hjsim('run', 'scenarios/pingone', '--reporter', 'json');
    const http = hjsim(
      'run',
      'scenarios/pingone',
      '--reporter',
      'json',
      '--transport',
      'http',
      '--show',
      'exchanges',
    );
    expect(http.code).toBe(0);
    const a = JSON.parse(inproc.stdout) as Report;
    const b = JSON.parse(http.stdout) as Report & {
      scenarios: { exchanges: { requestHeaders: Record<string, string> }[] }[];
    };
    expect(b.scenarios.map((s) => [s.name, s.status, s.outcome])).toEqual(
      a.scenarios.map((s) => [s.name, s.status, s.outcome]),
    );
    // What the parties saw came over HTTP/1.1 connections, addressed to the real host names.
    const headers = b.scenarios[0]!.exchanges.map((e) => e.requestHeaders);
    expect(headers.map((h) => h['host'])).toContain('login.microsoftonline.com');
    expect(headers.every((h) => h['connection'] === 'keep-alive')).toBe(true);
  });

  it.each([
    [['--concurrency', '0'], '--concurrency takes a whole number from 1 to 64'],
    [['--concurrency', 'two'], '--concurrency takes a whole number from 1 to 64'],
    [['--transport', 'tcp'], "argument 'tcp' is invalid"],
    [['--reporter', 'tap'], "argument 'tap' is invalid"],
  ])('exits 2 on %j', (args, message) => {
    const r = hjsim('run', 'scenarios/pingone/baseline.yaml', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('prints no progress line when stderr is not a terminal', () => {
    const r = hjsim('run', 'scenarios');
    expect(r.stderr).toBe('');
  });
});
