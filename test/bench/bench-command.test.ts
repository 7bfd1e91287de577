/**
 * `hjsim bench --json` prints the output contract of issue #10 (figures, not judged: a benchmark
 * never fails a build, so only shape and sanity are tested here).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { matrixTargetMs } from '../../src/tools/bench/run-bench.ts';
import { median, percentile } from '../../src/tools/bench/stats.ts';

describe('hjsim bench', () => {
  it('prints every figure of the contract as JSON', () => {
    const r = spawnSync(
      process.execPath,
      [
        join(PACKAGE_ROOT, 'bin', 'hjsim.js'),
        'bench',
        '--json',
        '--runs',
        '6',
        '--rounds',
        '3',
        '--matrix',
        '12',
        'scenarios/pingone/baseline.yaml',
      ],
      {
        cwd: PACKAGE_ROOT,
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const k of [
      'cryptoFloorMsPerScenario',
      'inprocess',
      'inprocessConcurrent',
      'http',
      'matrix1000WallMs',
      'ratioToFloor',
      'assertion',
      'node',
      'cpus',
      'date',
    ]) {
      expect(report, k).toHaveProperty(k);
    }
    for (const k of ['inprocess', 'inprocessConcurrent', 'http'] as const) {
      const t = report[k] as Record<string, number>;
      expect(Object.keys(t)).toEqual(
        expect.arrayContaining([
          'scenariosPerSec',
          'p50Ms',
          'p95Ms',
          'cpuMsPerScenario',
          'cpuMsPerScenarioMin',
        ]),
      );
      expect(t['rounds']).toBe(3);
      expect(t['cpuMsPerScenarioMin']).toBeLessThanOrEqual(t['cpuMsPerScenario']!);
      expect(t['scenarios']).toBe(6);
      expect(t['failed']).toBe(0);
      expect(t['p95Ms']).toBeGreaterThanOrEqual(t['p50Ms']!);
    }
    // The generated suite: 12 files cycled from the matrix of the PingOne baseline, all passing.
    expect(report['matrix']).toMatchObject({ scenarios: 12, failed: 0 });
    expect((report['matrix'] as Record<string, number>)['distinct']).toBeGreaterThan(12);
    expect(report['matrix1000WallMs']).toBeGreaterThan(0);
    const targets = report['targets'] as { name: string; target: string; met: boolean }[];
    // The suite is held to its own size's target (10 ms a scenario), not to 1,000's.
    const suite = targets.find((t) => t.name.startsWith('generated matrix suite of 12 '));
    expect(suite?.target).toBe('< 120 ms wall, all passing');
    expect(suite?.met).toBe((report['matrix1000WallMs'] as number) < 120);
    // The floor is sampled between the rounds (3 rounds x 3 measurements, each bracketed).
    const crypto = report['crypto'] as Record<string, number>;
    expect(crypto['samples']).toBeGreaterThanOrEqual(9);
    expect(report['cryptoFloorMsPerScenario']).toBeLessThanOrEqual(crypto['medianMsPerScenario']!);
    expect(report['ratioToFloor']).toBeLessThanOrEqual(report['ratioToFloorMedian'] as number);
    const a = report['assertion'] as Record<string, number>;
    expect(a['ratio']).toBeCloseTo(a['oursMs']! / a['auth0SamlMs']!, 1);
  }, 300_000);

  it('rejects a bad --runs with exit 2', () => {
    const r = spawnSync(
      process.execPath,
      [join(PACKAGE_ROOT, 'bin', 'hjsim.js'), 'bench', '--runs', '0'],
      { cwd: PACKAGE_ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--runs takes a whole number from 1 to 100000.');
  });

  it('refuses the old --scenarios count with a hint to --runs (exit 2)', () => {
    const r = spawnSync(
      process.execPath,
      [join(PACKAGE_ROOT, 'bin', 'hjsim.js'), 'bench', '--scenarios', '40'],
      { cwd: PACKAGE_ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--scenarios is now --runs');
    expect(r.stderr).toContain('hjsim bench --runs N');
  });

  it('holds a matrix suite to the target of its size', () => {
    expect(matrixTargetMs(1000)).toBe(10_000);
    expect(matrixTargetMs(500)).toBe(5_000);
    expect(matrixTargetMs(10_000)).toBe(60_000);
  });

  it('median takes the middle of an unsorted sample', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2);
  });

  it('percentile picks the nearest-rank value', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([], 50)).toBeNaN();
  });
});
