/**
 * `hjsim run`: finds, loads and filters scenario files, runs them (in this thread or on worker
 * threads, in-process or over loopback HTTPS), checks or writes golden transcripts, and reports.
 */
import { relative } from 'node:path';
import type { SimErrorCode } from '../../core/errors.ts';
import { filterScenarios } from '../../scenario/language/filter-scenarios.ts';
import { findScenarioFiles } from '../../scenario/language/find-scenarios.ts';
import { checkGolden, writeGolden } from '../../scenario/run/golden/golden-file.ts';
import { loadScenario, type LoadedScenario } from '../../scenario/language/load-scenario.ts';
import { shardOf, type Shard } from '../../scenario/language/shard.ts';
import { jsonReporter } from '../../scenario/run/reporters/json-reporter.ts';
import { junitReporter } from '../../scenario/run/reporters/junit-reporter.ts';
import { prettyReporter, type Show } from '../../scenario/run/reporters/pretty-reporter.ts';
import { StatusCounts, type ReportSink } from '../../scenario/run/reporters/report-sink.ts';
import type { TransportKind } from '../../scenario/run/run-scenario.ts';
import { streamSuite } from '../../scenario/run/suite/run-suite.ts';
import { EXIT } from './exit-codes.ts';
import { errorText } from './error-text.ts';
import { startProgress } from './progress.ts';
import { writeOutputFile } from './write-output.ts';

export type ReporterName = 'pretty' | 'json' | 'junit';

export interface RunCommandOptions {
  readonly reporter: ReporterName;
  readonly out?: string;
  readonly show: readonly Show[];
  readonly filter?: readonly string[];
  readonly concurrency?: number;
  readonly transport?: TransportKind;
  readonly updateGolden?: boolean;
  /**
   * false (`--no-timing`): every duration prints as 0 and JUnit's timestamp as the Unix epoch, so
   * two processes running the same seeded scenarios print the same bytes (the only field that
   * differs otherwise is the time taken).
   */
  readonly timing?: boolean;
  /** `--shard i/n`: run only the i-th of n slices (docs/ci-sharding.md). */
  readonly shard?: Shard;
}

/** A scenario that cannot run because of what its file says is invalid input (exit 2), not a failure. */
const INPUT_ERRORS: ReadonlySet<string> = new Set<SimErrorCode>([
  'ERR_SCENARIO_READ',
  'ERR_SCENARIO_YAML',
  'ERR_SCENARIO_INVALID',
  'ERR_KEY_STORE',
  'ERR_CERTIFICATE',
]);

export async function runCommand(
  paths: readonly string[],
  opts: RunCommandOptions,
): Promise<number> {
  const started = performance.now();
  const startedAt = opts.timing === false ? new Date(0) : new Date();
  const roots = paths.length ? paths : ['scenarios'];
  const files = await findScenarioFiles(roots);
  if (files.length === 0) {
    console.error(`hjsim: no scenario files (*.yaml) under ${roots.join(', ')}`);
    return EXIT.invalid;
  }
  const all: LoadedScenario[] = [];
  const invalid: string[] = [];
  for (const f of files) {
    try {
      all.push(await loadScenario(f));
    } catch (e) {
      invalid.push(errorText(e));
    }
  }
  if (invalid.length) {
    console.error(invalid.join('\n'));
    console.error(
      `hjsim: ${invalid.length} of ${files.length} scenario files are invalid; nothing was run`,
    );
    return EXIT.invalid;
  }
  const loaded = filterScenarios(all, opts.filter ?? []);
  if (loaded.length === 0) {
    console.error(
      `hjsim: no scenario matches --filter ${(opts.filter ?? []).join(' ')} (${all.length} scenarios looked at)`,
    );
    console.error(
      '  hint: a filter matches a tag exactly, or a part of the name; tag:NAME only tags',
    );
    return EXIT.invalid;
  }

  const selected = opts.shard ? shardOf(loaded, opts.shard) : loaded;
  if (opts.shard && selected.length === 0)
    console.error(
      `hjsim: shard ${opts.shard.index}/${opts.shard.count} has no scenario (${loaded.length} scenarios in ${opts.shard.count} shards); its report is empty`,
    );

  const cwd = process.cwd();
  const reporter: ReportSink =
    opts.reporter === 'json'
      ? jsonReporter({
          transcripts: opts.show.includes('transcript') || opts.show.includes('status'),
          exchanges: opts.show.includes('exchanges'),
          entraLog: opts.show.includes('entra-log'),
          events: opts.show.includes('events'),
          ...(opts.shard ? { shard: opts.shard } : {}),
        })
      : opts.reporter === 'junit'
        ? junitReporter({ cwd, startedAt, ...(opts.shard ? { shard: opts.shard } : {}) })
        : prettyReporter({
            color: !opts.out && process.stdout.isTTY === true && !process.env['NO_COLOR'],
            show: opts.show,
            cwd,
          });
  // Each result is checked against its golden, reported and dropped in run order: nothing but
  // the reporter's own lines is held, whatever the size of the suite.
  const counts = new StatusCounts();
  let inputErrors = 0;
  const progress = startProgress(selected.length);
  try {
    await streamSuite(
      selected,
      {
        concurrency: opts.concurrency ?? 1,
        ...(opts.transport ? { transport: opts.transport } : {}),
        onResult: (r) => progress.update(r.status),
      },
      async (result, i) => {
        const l = selected[i]!;
        let r = result;
        if (opts.updateGolden) {
          const w = await writeGolden(l, r);
          console.error(
            'written' in w
              ? `hjsim: wrote ${relative(cwd, w.written)}`
              : `hjsim: no golden for ${relative(cwd, l.file)}: ${w.reason}`,
          );
        } else r = await checkGolden(l, r, cwd);
        if (opts.timing === false) r = { ...r, durationMs: 0 };
        counts.add(r.status);
        if (r.status === 'error' && INPUT_ERRORS.has(r.error?.code ?? '')) inputErrors++;
        reporter.add(r);
      },
    );
  } finally {
    progress.stop();
  }

  const duration = opts.timing === false ? 0 : performance.now() - started;
  const text = reporter.finish(duration);
  if (opts.out) {
    await writeOutputFile(opts.out, `${text}\n`);
    console.error(
      `hjsim: ${counts.total} scenarios, ${counts.passed} passed, ${counts.total - counts.passed} not; report written to ${opts.out}`,
    );
  } else console.log(text);

  if (inputErrors > 0) return EXIT.invalid;
  return counts.passed === counts.total ? EXIT.ok : EXIT.failed;
}
