/**
 * `hjsim bench --json` prints the output contract of issue #10 (figures, not judged: a benchmark
 * never fails a build, so only shape and sanity are tested here).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { percentile } from '../../src/tools/bench/stats.ts';

describe('hjsim bench', () => {
  it('prints every figure of the contract as JSON', () => {
    const r = spawnSync(
      process.execPath,
      [
        join(PACKAGE_ROOT, 'bin', 'hjsim.js'),
        'bench',
        '--json',
        '--scenarios',
        '6',
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
        expect.arrayContaining(['scenariosPerSec', 'p50Ms', 'p95Ms', 'cpuMsPerScenario']),
      );
      expect(t['scenarios']).toBe(6);
      expect(t['failed']).toBe(0);
      expect(t['p95Ms']).toBeGreaterThanOrEqual(t['p50Ms']!);
    }
    // The generated suite: 12 files cycled from the matrix of the PingOne baseline, all passing.
    expect(report['matrix']).toMatchObject({ scenarios: 12, failed: 0 });
    expect((report['matrix'] as Record<string, number>)['distinct']).toBeGreaterThan(12);
    expect(report['matrix1000WallMs']).toBeGreaterThan(0);
    const targets = report['targets'] as { name: string; met: boolean }[];
    // A 12-scenario suite cannot meet the 1,000-scenario target, however fast it ran.
    expect(targets.find((t) => t.name.startsWith('generated matrix suite'))?.met).toBe(false);
    const a = report['assertion'] as Record<string, number>;
    expect(a['ratio']).toBeCloseTo(a['oursMs']! / a['auth0SamlMs']!, 1);
  }, 120_000);

  it('rejects a bad --scenarios with exit 2', () => {
    const r = spawnSync(
      process.execPath,
      [join(PACKAGE_ROOT, 'bin', 'hjsim.js'), 'bench', '--scenarios', '0'],
      { cwd: PACKAGE_ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--scenarios takes a whole number from 1 to 100000.');
  });

  it('percentile picks the nearest-rank value', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([], 50)).toBeNaN();
  });
});
