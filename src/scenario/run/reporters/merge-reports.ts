/**
 * `hjsim merge-reports`: the reports of the n shards of one run (`hjsim run --shard i/n`, JSON or
 * JUnit) joined into the report the unsharded run writes. Each shard's report names its slice
 * (JSON: `shard`, JUnit: the root's name `hjsim shard i/n`), so the files may come in any order;
 * every shard 1..n must be there exactly once. Slices are contiguous in run order (shard.ts), so
 * concatenating them in shard order is the unsharded order: the scenarios, their counts and
 * their testsuites come out as one run would have written them. Times: the run's duration is
 * the longest shard's (the shards run side by side), a testsuite's time the sum of its parts,
 * JUnit's timestamp the earliest shard's.
 */
import { SimError } from '../../../core/errors.ts';
import type { Shard } from '../../language/shard.ts';
import { attr, seconds, suitesName } from './junit-reporter.ts';

export interface ReportFile {
  /** Where it came from, for messages. */
  readonly name: string;
  readonly text: string;
}

const fail = (where: string, message: string, hint: string) =>
  new SimError('ERR_REPORT_MERGE', message, { where, hint });

const RUN_HINT =
  'merge the reports that `hjsim run --shard i/n --reporter json|junit --out FILE` wrote, one per shard';

/** Checks that the shards are exactly 1..n of one n; returns the files in shard order. */
function inShardOrder<T extends { readonly shard: Shard; readonly name: string }>(
  parts: readonly T[],
): T[] {
  if (parts.length === 0)
    throw fail('merge-reports', 'no report to merge', 'name the shard reports as arguments');
  const count = parts[0]!.shard.count;
  const other = parts.find((p) => p.shard.count !== count);
  if (other) {
    throw fail(
      other.name,
      `${other.name} is shard ${other.shard.index}/${other.shard.count} but ${parts[0]!.name} is one of ${count}`,
      'merge the shards of one run (the same n in every --shard i/n)',
    );
  }
  const byIndex = new Map<number, T>();
  for (const p of parts) {
    const seen = byIndex.get(p.shard.index);
    if (seen) {
      throw fail(
        p.name,
        `${p.name} and ${seen.name} are both shard ${p.shard.index}/${count}`,
        'give each shard report once',
      );
    }
    byIndex.set(p.shard.index, p);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length) {
    throw fail(
      'merge-reports',
      `shard ${missing.map((i) => `${i}/${count}`).join(', ')} missing: a merged report must cover the whole run`,
      'pass every shard report (a shard with no scenarios still writes one)',
    );
  }
  return Array.from({ length: count }, (_, i) => byIndex.get(i + 1)!);
}

interface JsonShard {
  readonly name: string;
  readonly shard: Shard;
  readonly durationMs: number;
  readonly scenarios: readonly { readonly status?: unknown }[];
}

function isShard(x: unknown): x is Shard {
  const s = x as { index?: unknown; count?: unknown } | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    Number.isInteger(s.index) &&
    Number.isInteger(s.count) &&
    (s.index as number) >= 1 &&
    (s.index as number) <= (s.count as number)
  );
}

function readJson(f: ReportFile): JsonShard {
  let report: unknown;
  try {
    report = JSON.parse(f.text);
  } catch (cause) {
    throw new SimError('ERR_REPORT_MERGE', `${f.name} is not JSON`, {
      cause,
      where: f.name,
      hint: RUN_HINT,
    });
  }
  const r = report as {
    summary?: { durationMs?: unknown };
    shard?: unknown;
    scenarios?: unknown;
  } | null;
  if (typeof r !== 'object' || r === null || !Array.isArray(r.scenarios) || !r.summary)
    throw fail(f.name, `${f.name} is not an hjsim JSON report`, RUN_HINT);
  if (!isShard(r.shard))
    throw fail(f.name, `${f.name} is the report of a whole run, not of a shard`, RUN_HINT);
  return {
    name: f.name,
    shard: r.shard,
    durationMs: typeof r.summary.durationMs === 'number' ? r.summary.durationMs : 0,
    scenarios: r.scenarios as JsonShard['scenarios'],
  };
}

function mergeJson(files: readonly ReportFile[]): string {
  const shards = inShardOrder(files.map(readJson));
  const scenarios = shards.flatMap((s) => s.scenarios);
  const count = (status: string) => scenarios.filter((s) => s.status === status).length;
  return JSON.stringify(
    {
      summary: {
        total: scenarios.length,
        passed: count('passed'),
        failed: count('failed'),
        errors: count('error'),
        durationMs: Math.max(...shards.map((s) => s.durationMs)),
      },
      scenarios,
    },
    null,
    2,
  );
}

interface JunitSuite {
  readonly name: string;
  tests: number;
  failures: number;
  errors: number;
  time: number;
  readonly lines: string[];
}

interface JunitShard {
  readonly name: string;
  readonly shard: Shard;
  readonly time: number;
  readonly timestamp: string | undefined;
  readonly suites: readonly JunitSuite[];
}

const attrOf = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/**
 * Reads a JUnit report as `hjsim run --reporter junit` writes it, line by line: the root, then
 * `<testsuite …>` … `</testsuite>` blocks whose testcase lines are taken as they are (their text
 * is escaped, so no line inside one starts a testsuite).
 */
function readJunit(f: ReportFile): JunitShard {
  const lines = f.text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const notOurs = () => fail(f.name, `${f.name} is not a JUnit report hjsim wrote`, RUN_HINT);
  if (!lines[0]?.startsWith('<?xml') || !lines[1]?.startsWith('<testsuites ')) throw notOurs();
  const root = lines[1];
  const m = /^hjsim shard (\d+)\/(\d+)$/.exec(attrOf(root, 'name') ?? '');
  if (!m) {
    throw fail(
      f.name,
      `${f.name} is the report of a whole run, not of a shard (its <testsuites> is not named "hjsim shard i/n")`,
      RUN_HINT,
    );
  }
  const shard = { index: Number(m[1]), count: Number(m[2]) };
  if (!isShard(shard)) throw notOurs();
  const suites: JunitSuite[] = [];
  let timestamp: string | undefined;
  let current: JunitSuite | undefined;
  for (const line of lines.slice(2)) {
    if (line.startsWith('  <testsuite ')) {
      timestamp ??= attrOf(line, 'timestamp');
      current = {
        name: attrOf(line, 'name') ?? '',
        tests: Number(attrOf(line, 'tests') ?? 0),
        failures: Number(attrOf(line, 'failures') ?? 0),
        errors: Number(attrOf(line, 'errors') ?? 0),
        time: Number(attrOf(line, 'time') ?? 0),
        lines: [],
      };
      suites.push(current);
    } else if (line === '  </testsuite>') current = undefined;
    else if (line === '</testsuites>') break;
    else if (current) current.lines.push(line);
    else throw notOurs();
  }
  return { name: f.name, shard, time: Number(attrOf(root, 'time') ?? 0), timestamp, suites };
}

function mergeJunit(files: readonly ReportFile[]): string {
  const shards = inShardOrder(files.map(readJunit));
  // A folder split between two shards is one testsuite again (first seen first, as one run).
  const suites = new Map<string, JunitSuite>();
  for (const s of shards.flatMap((x) => x.suites)) {
    const seen = suites.get(s.name);
    if (!seen) suites.set(s.name, { ...s, lines: [...s.lines] });
    else {
      seen.tests += s.tests;
      seen.failures += s.failures;
      seen.errors += s.errors;
      seen.time += s.time;
      seen.lines.push(...s.lines);
    }
  }
  const all = [...suites.values()];
  const sum = (k: 'tests' | 'failures' | 'errors') => all.reduce((n, s) => n + s[k], 0);
  const stamps = shards.map((s) => s.timestamp).filter((t): t is string => t !== undefined);
  const timestamp = stamps.sort()[0] ?? '1970-01-01T00:00:00';
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(suitesName())}" tests="${sum('tests')}" failures="${sum('failures')}" errors="${sum('errors')}" time="${seconds(Math.max(...shards.map((s) => s.time)) * 1000)}">`,
  ];
  all.forEach((s, id) => {
    out.push(
      `  <testsuite name="${attr(s.name)}" tests="${s.tests}" failures="${s.failures}" errors="${s.errors}" skipped="0" time="${seconds(s.time * 1000)}" timestamp="${timestamp}" id="${id}">`,
      ...s.lines,
      '  </testsuite>',
    );
  });
  out.push('</testsuites>');
  return out.join('\n');
}

/** The kind of report a text is: `json` or `junit`. */
export function reportKind(f: ReportFile): 'json' | 'junit' {
  const t = f.text.trimStart();
  if (t.startsWith('{')) return 'json';
  if (t.startsWith('<')) return 'junit';
  throw fail(f.name, `${f.name} is neither a JSON nor a JUnit report`, RUN_HINT);
}

/** Merges the shard reports (all JSON or all JUnit) into the unsharded run's report. */
export function mergeReports(files: readonly ReportFile[]): {
  kind: 'json' | 'junit';
  text: string;
} {
  const kinds = files.map(reportKind);
  const kind = kinds[0] ?? 'json';
  const odd = files.find((_, i) => kinds[i] !== kind);
  if (odd) {
    throw fail(
      odd.name,
      `${odd.name} is a ${kind === 'json' ? 'JUnit' : 'JSON'} report, ${files[0]!.name} a ${kind === 'json' ? 'JSON' : 'JUnit'} one`,
      'merge reports of one kind at a time',
    );
  }
  return { kind, text: kind === 'json' ? mergeJson(files) : mergeJunit(files) };
}
