/**
 * A generated suite end to end, as a user runs one: `hjsim matrix` of the PingOne baseline
 * written to a temporary folder, cycled to `size` scenario files, then found, loaded and run with
 * `--concurrency 2` and reported as JSON. The wall time covers all of it; every scenario's
 * prediction must hold (a failure is counted, not hidden).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../core/keys.ts';
import { findScenarioFiles } from '../../scenario/language/find-scenarios.ts';
import { loadScenario } from '../../scenario/language/load-scenario.ts';
import { generateMatrix } from '../../scenario/matrix/generate-matrix.ts';
import { jsonReporter } from '../../scenario/run/reporters/json-reporter.ts';
import { streamSuite } from '../../scenario/run/suite/run-suite.ts';

export const MATRIX_BASELINE = join(PACKAGE_ROOT, 'scenarios', 'pingone', 'baseline.yaml');

export interface MatrixFigures {
  readonly scenarios: number;
  /** Distinct misconfigurations the generator wrote (the suite cycles through them). */
  readonly distinct: number;
  readonly failed: number;
  readonly wallMs: number;
  /** The highest resident set size sampled (every 50 ms) while the suite ran. */
  readonly peakRssBytes: number;
}

/** Samples the process's resident set size until stopped; returns the highest seen. */
function watchRss(): () => number {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  timer.unref();
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage.rss());
  };
}

export async function measureMatrixSuite(size: number, concurrency = 2): Promise<MatrixFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'hjsim-bench-matrix-'));
  try {
    const stopRss = watchRss();
    const t0 = performance.now();
    const generated = generateMatrix(await loadScenario(MATRIX_BASELINE), dir);
    const width = String(size).length;
    await Promise.all(
      Array.from({ length: size }, (_, i) => {
        const g = generated[i % generated.length]!;
        return writeFile(join(dir, `${String(i).padStart(width, '0')}-${g.fileName}`), g.text);
      }),
    );
    const loaded = await Promise.all((await findScenarioFiles([dir])).map((f) => loadScenario(f)));
    // As `hjsim run --reporter json` does it: each result reported and dropped in run order.
    const reporter = jsonReporter();
    await streamSuite(loaded, { concurrency }, (r) => reporter.add(r));
    const report = JSON.parse(reporter.finish(performance.now() - t0)) as {
      summary: { total: number; passed: number };
    };
    const wallMs = performance.now() - t0;
    const peakRssBytes = stopRss();
    return {
      peakRssBytes,
      scenarios: report.summary.total,
      distinct: generated.length,
      failed: report.summary.total - report.summary.passed,
      wallMs,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
