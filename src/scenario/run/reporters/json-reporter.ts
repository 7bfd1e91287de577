/**
 * `--reporter json`: one JSON object, the shape of DESIGN.md "CLI contract".
 */
import { eventMessage } from '../../../client/render/event-log.ts';
import type { ScenarioResult } from '../run-scenario.ts';

export function jsonReport(
  results: readonly ScenarioResult[],
  durationMs: number,
  opts: { transcripts?: boolean; exchanges?: boolean; entraLog?: boolean; events?: boolean } = {},
): string {
  return JSON.stringify(
    {
      summary: {
        total: results.length,
        passed: results.filter((r) => r.status === 'passed').length,
        failed: results.filter((r) => r.status === 'failed').length,
        errors: results.filter((r) => r.status === 'error').length,
        durationMs: Math.round(durationMs),
      },
      scenarios: results.map((r) => ({
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
      })),
    },
    null,
    2,
  );
}
