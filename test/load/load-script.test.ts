/**
 * `npm run load` as a user runs it, small: real HTTPS on 127.0.0.1, every join succeeds, and the
 * report names successes, errors, latency and RSS. (The 1,000-join figures go in the issue note.)
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';

describe('npm run load', () => {
  it('runs bounded joins over loopback HTTPS and reports them', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(PACKAGE_ROOT, 'scripts', 'load.ts'),
        '--joins',
        '6',
        '--concurrency',
        '3',
      ],
      {
        cwd: PACKAGE_ROOT,
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      '6 joins of scenarios/pingone/baseline.yaml over HTTPS on https://127.0.0.1:',
    );
    expect(r.stdout).toContain('successes 6, errors 0');
    expect(r.stdout).toMatch(/p50 [\d.]+ ms, p95 [\d.]+ ms/);
    expect(r.stdout).toMatch(/RSS [\d.]+ MiB before, [\d.]+ MiB after/);
  }, 120_000);

  it('refuses a bad --joins with exit 2', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(PACKAGE_ROOT, 'scripts', 'load.ts'), '--joins', 'many'],
      { cwd: PACKAGE_ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--joins and --concurrency take whole numbers');
  });
});
