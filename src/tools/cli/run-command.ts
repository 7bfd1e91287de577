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
import { jsonReport } from '../../scenario/run/reporters/json-reporter.ts';
import { junitReport } from '../../scenario/run/reporters/junit-reporter.ts';
import { prettyReport, type Show } from '../../scenario/run/reporters/pretty-reporter.ts';
import type { ScenarioResult, TransportKind } from '../../scenario/run/run-scenario.ts';
import { runSuite } from '../../scenario/run/suite/run-suite.ts';
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

  const progress = startProgress(loaded.length);
  let results: ScenarioResult[];
  try {
    results = await runSuite(loaded, {
      concurrency: opts.concurrency ?? 1,
      ...(opts.transport ? { transport: opts.transport } : {}),
      onResult: (r) => progress.update(r.status),
    });
  } finally {
    progress.stop();
  }

  const cwd = process.cwd();
  for (let i = 0; i < results.length; i++) {
    const l = loaded[i]!;
    if (opts.updateGolden) {
      const w = await writeGolden(l, results[i]!);
      console.error(
        'written' in w
          ? `hjsim: wrote ${relative(cwd, w.written)}`
          : `hjsim: no golden for ${relative(cwd, l.file)}: ${w.reason}`,
      );
    } else results[i] = await checkGolden(l, results[i]!, cwd);
  }

  const duration = opts.timing === false ? 0 : performance.now() - started;
  if (opts.timing === false) results = results.map((r) => ({ ...r, durationMs: 0 }));
  const text =
    opts.reporter === 'json'
      ? jsonReport(results, duration, {
          transcripts: opts.show.includes('transcript') || opts.show.includes('status'),
          exchanges: opts.show.includes('exchanges'),
          entraLog: opts.show.includes('entra-log'),
          events: opts.show.includes('events'),
        })
      : opts.reporter === 'junit'
        ? junitReport(results, duration, { cwd, startedAt })
        : prettyReport(results, duration, {
            color: !opts.out && process.stdout.isTTY === true && !process.env['NO_COLOR'],
            show: opts.show,
            cwd,
          });
  if (opts.out) {
    await writeOutputFile(opts.out, `${text}\n`);
    const passed = results.filter((r) => r.status === 'passed').length;
    console.error(
      `hjsim: ${results.length} scenarios, ${passed} passed, ${results.length - passed} not; report written to ${opts.out}`,
    );
  } else console.log(text);

  if (results.some((r) => r.status === 'error' && INPUT_ERRORS.has(r.error?.code ?? '')))
    return EXIT.invalid;
  return results.every((r) => r.status === 'passed') ? EXIT.ok : EXIT.failed;
}
