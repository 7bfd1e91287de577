/**
 * `hjsim run --shard i/n` and `hjsim merge-reports`: four shards of a run, merged, are the
 * unsharded run's report byte for byte (with `--no-timing`, which zeroes the durations and the
 * JUnit timestamp, the only fields that differ between two runs), in JSON and in JUnit; and every
 * way of merging something that is not one whole sharded run is an input error (exit 2).
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { parseShard, shardBounds, shardOf } from '../../src/scenario/language/shard.ts';
import { main } from '../../src/tools/cli/main.ts';
import { validateJunit } from '../support/junit-schema.ts';

// Two folders, so a JUnit testsuite (one per folder) is split between shards.
const SUITE = ['onprem', 'pingone'].map((d) => join(PACKAGE_ROOT, 'scenarios', d));

/** The scenario files below a folder (goldens and other files aside). */
function yamlFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.yaml'),
  );
}

async function hjsim(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((c) => ((stdout += String(c)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((c) => ((stderr += String(c)), true));
  // vitest routes console.* past process.stdout/stderr: catch those too.
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
    stdout += `${a.join(' ')}\n`;
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
    stderr += `${a.join(' ')}\n`;
  });
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    log.mockRestore();
    error.mockRestore();
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hjsim-shard-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('shards', () => {
  it('split a list into contiguous slices that differ by at most one and cover it once', () => {
    const items = Array.from({ length: 30 }, (_, i) => i);
    const slices = [1, 2, 3, 4].map((index) => shardOf(items, { index, count: 4 }));
    expect(slices.map((s) => s.length)).toEqual([7, 8, 7, 8]);
    expect(slices.flat()).toEqual(items);
    expect(shardBounds(2, { index: 3, count: 4 })).toEqual({ start: 1, end: 1 });
  });

  it.each(['0/4', '5/4', '2', 'a/b', '1/0', '1/1001'])('refuse --shard %s', (text) => {
    expect(() => parseShard(text)).toThrow(/is not a shard/);
  });
});

describe.each(['json', 'junit'] as const)('hjsim run --shard, merge-reports (%s)', (reporter) => {
  const ext = reporter === 'json' ? 'json' : 'xml';
  const run = (out: string, ...more: string[]) =>
    hjsim('run', ...SUITE, '--no-timing', '--reporter', reporter, '--out', out, ...more);

  it('merges four shards into the unsharded report, byte for byte', async () => {
    const whole = join(dir, `whole.${ext}`);
    expect((await run(whole)).code).toBe(0);
    const shards: string[] = [];
    for (const i of [1, 2, 3, 4]) {
      const f = join(dir, `shard-${i}.${ext}`);
      const r = await run(f, '--shard', `${i}/4`, '--concurrency', i === 2 ? '2' : '1');
      expect(r.code).toBe(0);
      shards.push(f);
    }
    // Each shard ran only its slice.
    const firstShard = await readFile(shards[0]!, 'utf8');
    const wholeText = await readFile(whole, 'utf8');
    expect(firstShard.length).toBeLessThan(wholeText.length / 2);
    const merged = join(dir, `merged.${ext}`);
    const m = await hjsim(
      'merge-reports',
      shards[2]!,
      shards[0]!,
      shards[3]!,
      shards[1]!,
      '--out',
      merged,
    );
    expect(m.code).toBe(0);
    const mergedText = await readFile(merged, 'utf8');
    expect(mergedText).toBe(wholeText);
    if (reporter === 'junit') expect(validateJunit(mergedText)).toEqual([]);
    else {
      const report = JSON.parse(mergedText) as { summary: { total: number; passed: number } };
      // Every scenario file of the suite's folders, run once across the shards.
      expect(report.summary.total).toBe(SUITE.flatMap((d) => yamlFiles(d)).length);
    }
  }, 600_000);

  it('refuses a missing shard, a shard twice, a whole run and a mix of kinds (exit 2)', async () => {
    const shard = (i: number) => join(dir, `shard-${i}.${ext}`);
    const missing = await hjsim('merge-reports', shard(1), shard(2), shard(4));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('shard 3/4 missing');
    const twice = await hjsim('merge-reports', shard(1), shard(1), shard(2), shard(3), shard(4));
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('are both shard 1/4');
    const whole = await hjsim('merge-reports', join(dir, `whole.${ext}`));
    expect(whole.code).toBe(2);
    expect(whole.stderr).toContain('not of a shard');
    const other = join(dir, `other.${reporter === 'json' ? 'xml' : 'json'}`);
    await writeFile(other, reporter === 'json' ? '<?xml version="1.0"?>\n<x/>' : '{}');
    const mixed = await hjsim('merge-reports', shard(1), other);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/is a (JSON|JUnit) report/);
  }, 120_000);
});

describe('hjsim run --shard usage', () => {
  it('exits 2 with the form on a bad shard', async () => {
    const r = await hjsim('run', SUITE[0]!, '--shard', '5/4');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--shard INDEX/COUNT');
  });

  it('writes an empty report for a shard with no scenario', async () => {
    const one = join(PACKAGE_ROOT, 'scenarios', 'pingone', 'baseline.yaml');
    const r = await hjsim('run', one, '--shard', '1/2', '--reporter', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('shard 1/2 has no scenario');
    expect(JSON.parse(r.stdout)).toMatchObject({
      summary: { total: 0 },
      shard: { index: 1, count: 2 },
    });
  });
});
