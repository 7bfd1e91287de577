/**
 * A reporter fed one result at a time, in run order: it keeps only what its report prints (a few
 * lines or a small object per scenario), never the results themselves, so a suite of any size
 * reports in bounded memory (the exchanges and transcripts of a run are dropped once reported).
 */
import type { Shard } from '../../language/shard.ts';
import type { ScenarioResult } from '../run-scenario.ts';

export interface ReportSink {
  add(result: ScenarioResult): void;
  /** The report text; `durationMs` is the whole run's. */
  finish(durationMs: number): string;
}

/** Counts by status, kept as results pass. */
export class StatusCounts {
  total = 0;
  passed = 0;
  failed = 0;
  errors = 0;
  add(status: ScenarioResult['status']): void {
    this.total++;
    if (status === 'passed') this.passed++;
    else if (status === 'failed') this.failed++;
    else this.errors++;
  }
}

/** Feeds `results` to `sink` and returns its report (the reporters' array form). */
export function reportAll(
  sink: ReportSink,
  results: readonly ScenarioResult[],
  durationMs: number,
): string {
  for (const r of results) sink.add(r);
  return sink.finish(durationMs);
}

export type { Shard };
