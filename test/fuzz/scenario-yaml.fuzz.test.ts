/**
 * Fuzz: scenario files. loadScenario reads temp files holding mutated shipped scenarios (text
 * edits, and tree edits that put any JSON value anywhere), arbitrary YAML and arbitrary text; it
 * resolves or rejects with SimError ERR_SCENARIO_READ / _YAML / _INVALID that names the file (`where`).
 * What loads is also built into a world (buildWorld), which returns or throws a documented
 * SimError (a key or certificate file that is not one, a field the builder refuses).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { buildWorld } from '../../src/scenario/world/build-world.ts';
import { loadScenario } from '../../src/scenario/language/load-scenario.ts';
import { expectDocumentedError, FUZZ_RUNS, FuzzStats, mutationsOf } from './fuzz-support.ts';

const dir = mkdtempSync(join(tmpdir(), 'hjsim-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shipped = (file: string) => readFileSync(join(PACKAGE_ROOT, 'scenarios', file), 'utf8');
const baseline = shipped('pingone/baseline.yaml').replaceAll('certs/', `${PACKAGE_ROOT}/certs/`);
// The extends chain resolves in the temp folder: put the base there.
writeFileSync(join(dir, 'baseline.yaml'), baseline);
const texts = [
  baseline,
  shipped('pingone/accounttype-wrong-nameformat.yaml'),
  shipped('attacks/xsw3.yaml').replace('../pingone/', ''),
];

/** Sets the value at a random path of the parsed scenario (or deletes it). */
const treeEdit = fc.record({
  path: fc.array(
    fc.oneof(
      fc.constantFrom(
        'tenant',
        'idp',
        'device',
        'onprem',
        'expect',
        'domains',
        'federation',
        'claims',
        'name',
        'seed',
        'extends',
        'attack',
        '0',
      ),
      fc.string({ maxLength: 8 }),
    ),
    { minLength: 1, maxLength: 4 },
  ),
  value: fc.oneof(
    fc.constant(undefined),
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('omit', 'xsw3', 'certs/idp-signing.key', '', '../../x.yaml'),
  ),
});

function applyTreeEdits(text: string, edits: { path: string[]; value: unknown }[]): string {
  const data = parse(text) as Record<string, unknown>;
  for (const { path, value } of edits) {
    let at: Record<string, unknown> = data;
    for (const step of path.slice(0, -1)) {
      const next = at[step];
      if (next === null || typeof next !== 'object') at[step] = {};
      at = at[step] as Record<string, unknown>;
    }
    const last = path[path.length - 1]!;
    if (value === undefined) delete at[last];
    else at[last] = value;
  }
  return stringify(data);
}

const scenarioText = fc.oneof(
  { weight: 4, arbitrary: mutationsOf(...texts) },
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.constantFrom(...texts), fc.array(treeEdit, { minLength: 1, maxLength: 4 }))
      .map(([t, e]) => applyTreeEdits(t, e)),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => stringify(v)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
);

describe('fuzz: scenario YAML', () => {
  it(`${FUZZ_RUNS.scenarioYaml} files: loaded and built, or a documented SimError naming the file`, async () => {
    const stats = new FuzzStats();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(scenarioText, async (text) => {
        const file = join(dir, `s${n++}.yaml`);
        writeFileSync(file, text);
        const loaded = await stats.runAsync(text, () => loadScenario(file));
        if ('error' in loaded) {
          expectDocumentedError(
            loaded.error,
            ['ERR_SCENARIO_READ', 'ERR_SCENARIO_YAML', 'ERR_SCENARIO_INVALID'],
            stats,
          );
          // Says which file: the scenario, or the file its `extends` names.
          expect((loaded.error as { where?: string }).where).toMatch(/\S/);
          return;
        }
        try {
          buildWorld(loaded.value.scenario, loaded.value.dir);
          stats.count('built');
        } catch (e) {
          expectDocumentedError(e, ['ERR_SCENARIO_INVALID', 'ERR_KEY_STORE', 'ERR_CERTIFICATE']);
          stats.count('build refused');
        }
      }),
      { numRuns: FUZZ_RUNS.scenarioYaml },
    );
    stats.expectDone(FUZZ_RUNS.scenarioYaml, 0);
    expect(stats.outcomes['built'], JSON.stringify(stats.outcomes)).toBeGreaterThan(0);
    expect(stats.outcomes['ERR_SCENARIO_INVALID']).toBeGreaterThan(0);
  });
});
