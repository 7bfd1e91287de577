/**
 * The CI pipeline examples of docs/ci-sharding.md (examples/ci/): each parses, has the shape its
 * platform's schema requires (the rules below are the parts of the published schemas these
 * files use, written out; no schema is fetched), shards with the platform's own job numbering,
 * and every hjsim command in it names options `hjsim run` / `hjsim merge-reports` really have.
 * @see [GHAMATRIX] [GLPARALLEL] [AZPARALLEL]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { buildProgram } from '../../src/tools/cli/main.ts';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const load = (name: string) =>
  parse(readFileSync(join(PACKAGE_ROOT, 'examples', 'ci', name), 'utf8')) as Obj;

/** Every `npx hjsim …` command line in a pipeline's script texts. */
function hjsimCommands(doc: unknown): string[][] {
  const out: string[][] = [];
  const visit = (x: unknown) => {
    if (typeof x === 'string') {
      for (const m of x.matchAll(/npx hjsim ([^\n]+)/g)) out.push(m[1]!.trim().split(/\s+/));
    } else if (Array.isArray(x)) x.forEach(visit);
    else if (isObj(x)) Object.values(x).forEach(visit);
  };
  visit(doc);
  return out;
}

/** The command's options exist, and `--shard` gets the platform's index/total pair. */
function checkCommands(doc: unknown, shardValue: string): void {
  const program = buildProgram(() => {});
  const commands = hjsimCommands(doc);
  expect(commands.map((c) => c[0])).toEqual(['run', 'merge-reports']);
  for (const [name, ...args] of commands) {
    const cmd = program.commands.find((c) => c.name() === name)!;
    const longs = new Set(cmd.options.map((o) => o.long));
    for (const a of args.filter((x) => x.startsWith('--')))
      expect(longs, `${name} ${a}`).toContain(a);
  }
  const run = commands[0]!;
  expect(run[run.indexOf('--shard') + 1]).toBe(shardValue);
  expect(run[run.indexOf('--reporter') + 1]).toBe('junit');
}

describe('GitHub Actions (examples/ci/github-actions.yml)', () => {
  const doc = load('github-actions.yml');
  it('is a workflow: on, jobs with runs-on and steps that each use or run', () => {
    expect(doc).toHaveProperty('on');
    const jobs = doc['jobs'] as Obj;
    expect(isObj(jobs)).toBe(true);
    for (const [id, job] of Object.entries(jobs)) {
      expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
      expect(isObj(job) && typeof job['runs-on'] === 'string').toBe(true);
      const steps = (job as Obj)['steps'] as unknown[];
      expect(Array.isArray(steps) && steps.length > 0).toBe(true);
      for (const s of steps) {
        expect(isObj(s)).toBe(true);
        expect('uses' in (s as Obj) !== 'run' in (s as Obj)).toBe(true);
      }
      for (const need of ((job as Obj)['needs'] as string[] | undefined) ?? [])
        expect(Object.keys(jobs)).toContain(need);
    }
  });
  it('shards with a matrix and merges after all shards', () => {
    const jobs = doc['jobs'] as Record<string, Obj>;
    const matrix = (jobs['scenarios']!['strategy'] as Obj)['matrix'] as Obj;
    expect(matrix['shard']).toEqual([1, 2, 3, 4]);
    expect(jobs['merge-reports']!['needs']).toEqual(['scenarios']);
    checkCommands(doc, '${{matrix.shard}}/${{strategy.job-total}}');
  });
});

describe('GitLab CI (examples/ci/gitlab-ci.yml)', () => {
  const doc = load('gitlab-ci.yml');
  const jobs = Object.entries(doc).filter(
    ([k]) => !['stages', 'default', 'variables', 'workflow', 'include'].includes(k),
  );
  it('is a pipeline: every job has a script and a declared stage', () => {
    const stages = doc['stages'] as string[];
    for (const [, job] of jobs) {
      expect(isObj(job)).toBe(true);
      expect(Array.isArray((job as Obj)['script'])).toBe(true);
      expect(stages).toContain((job as Obj)['stage']);
    }
  });
  it('shards with parallel (1 to 200 copies) and merges after them', () => {
    const scenarios = doc['scenarios'] as Obj;
    expect(scenarios['parallel']).toBe(4);
    expect(
      Number.isInteger(scenarios['parallel']) && (scenarios['parallel'] as number) <= 200,
    ).toBe(true);
    const needs = (doc['merge-reports'] as Obj)['needs'] as Obj[];
    expect(needs.map((n) => n['job'])).toEqual(['scenarios']);
    expect(((scenarios['artifacts'] as Obj)['reports'] as Obj)['junit']).toBeTypeOf('string');
    checkCommands(doc, '$CI_NODE_INDEX/$CI_NODE_TOTAL');
  });
});

describe('Azure Pipelines (examples/ci/azure-pipelines.yml)', () => {
  const doc = load('azure-pipelines.yml');
  const jobs = doc['jobs'] as Obj[];
  it('is a pipeline: jobs with an identifier, a pool and steps of one kind each', () => {
    expect(Array.isArray(jobs)).toBe(true);
    const ids = jobs.map((j) => j['job'] as string);
    for (const j of jobs) {
      expect(j['job']).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      expect(isObj(j['pool'])).toBe(true);
      for (const s of j['steps'] as Obj[]) {
        const kinds = ['script', 'task', 'checkout', 'bash', 'pwsh', 'download', 'publish'].filter(
          (k) => k in s,
        );
        expect(kinds).toHaveLength(1);
      }
      if (j['dependsOn'] !== undefined) expect(ids).toContain(j['dependsOn']);
    }
  });
  it('shards with strategy parallel and publishes the merged JUnit report', () => {
    expect((jobs[0]!['strategy'] as Obj)['parallel']).toBe(4);
    const publish = (jobs[1]!['steps'] as Obj[]).find((s) => s['task'] === 'PublishTestResults@2');
    expect((publish!['inputs'] as Obj)['testResultsFormat']).toBe('JUnit');
    checkCommands(doc, '$(System.JobPositionInPhase)/$(System.TotalJobsInPhase)');
  });
});
