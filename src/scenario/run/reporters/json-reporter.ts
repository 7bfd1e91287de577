/**
 * `--reporter json`: one JSON object, the shape of DESIGN.md "CLI contract".
 */
import { eventMessage } from '../../../client/render/event-log.ts';
import type { ScenarioResult } from '../run-scenario.ts';
import { reportAll, StatusCounts, type ReportSink, type Shard } from './report-sink.ts';

export interface JsonReportOptions {
  transcripts?: boolean;
  exchanges?: boolean;
  entraLog?: boolean;
  events?: boolean;
  /** Set on a `--shard` run: the report says which slice it is (`hjsim merge-reports` reads it). */
  shard?: Shard;
}

/** The JSON report of a whole run (all results at hand). */
export function jsonReport(
  results: readonly ScenarioResult[],
  durationMs: number,
  opts: JsonReportOptions = {},
): string {
  return reportAll(jsonReporter(opts), results, durationMs);
}

/** The JSON report fed one result at a time; it keeps one small object per scenario. */
export function jsonReporter(opts: JsonReportOptions = {}): ReportSink {
  const counts = new StatusCounts();
  const scenarios: object[] = [];
  return {
    add(r) {
      counts.add(r.status);
      scenarios.push(scenarioEntry(r, opts));
    },
    finish(durationMs) {
      return JSON.stringify(
        {
          summary: {
            total: counts.total,
            passed: counts.passed,
            failed: counts.failed,
            errors: counts.errors,
            durationMs: Math.round(durationMs),
          },
          ...(opts.shard ? { shard: { index: opts.shard.index, count: opts.shard.count } } : {}),
          scenarios,
        },
        null,
        2,
      );
    },
  };
}

function scenarioEntry(r: ScenarioResult, opts: JsonReportOptions): object {
  return {
    file: r.file,
    name: r.name,
    status: r.status,
    outcome: r.outcome
      ? {
          joined: r.outcome.joined,
          joinType: r.outcome.joinType,
          aadsts: r.outcome.aadsts,
          hresults: r.outcome.hresults,
          fallbackAttempted: r.outcome.fallbackAttempted,
          registrations: r.outcome.registrations,
          ...(r.outcome.errorPhase ? { errorPhase: r.outcome.errorPhase } : {}),
        }
      : null,
    failures: r.failures,
    ...(r.error ? { error: r.error } : {}),
    // `status` is the scenario's verdict (DESIGN.md); the `dsregcmd /status` text has its own key.
    ...(opts.transcripts ? { transcript: r.transcript, statusOutput: r.statusOutput } : {}),
    ...(opts.exchanges ? { exchanges: r.exchanges } : {}),
    ...(opts.entraLog ? { entraLog: r.entraLog } : {}),
    ...(opts.events
      ? {
          events: r.events.map((e) => ({
            id: e.id,
            channel: e.channel,
            message: eventMessage(e),
          })),
        }
      : {}),
  };
}
