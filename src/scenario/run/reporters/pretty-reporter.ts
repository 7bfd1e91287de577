/**
 * `--reporter pretty`: a line per scenario, what failed and what happened instead, a summary.
 * Colour only when the output is a terminal.
 */
import { relative } from 'node:path';
import type { ScenarioResult } from '../run-scenario.ts';
import { reportAll, StatusCounts, type ReportSink } from './report-sink.ts';

export type Show = 'transcript' | 'status' | 'events' | 'exchanges' | 'entra-log';

export interface PrettyReportOptions {
  readonly color: boolean;
  readonly show: readonly Show[];
  readonly cwd: string;
}

/** The pretty report of a whole run (all results at hand). */
export function prettyReport(
  results: readonly ScenarioResult[],
  durationMs: number,
  opts: PrettyReportOptions,
): string {
  return reportAll(prettyReporter(opts), results, durationMs);
}

/** The pretty report fed one result at a time; it keeps each scenario's lines only. */
export function prettyReporter(opts: PrettyReportOptions): ReportSink {
  const c = (code: number, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const out: string[] = [];
  const counts = new StatusCounts();
  const add = (r: ScenarioResult) => {
    counts.add(r.status);
    const file = relative(opts.cwd, r.file) || r.file;
    const mark =
      r.status === 'passed' ? c(32, '✓') : r.status === 'failed' ? c(31, '✗') : c(33, '!');
    const o = r.outcome;
    const summary = o
      ? `joined=${o.joined ? 'yes' : 'no'} type=${o.joinType}${o.aadsts.length ? ` AADSTS${o.aadsts.join(',')}` : ''}${o.hresults.length ? ` ${o.hresults.join(',')}` : ''}`
      : '';
    out.push(
      `${mark} ${r.name} ${c(90, `(${file}, ${r.durationMs.toFixed(0)} ms)`)}${summary ? `  ${c(90, summary)}` : ''}`,
    );
    for (const f of r.failures) {
      // A multi-line failure (a golden diff) keeps its lines under its headline.
      const [head, ...rest] = f.split('\n');
      out.push(`    ${c(31, head ?? '')}`, ...rest.map((l) => `      ${l}`));
    }
    if (r.error) out.push(`    ${c(33, `${r.error.code}: ${r.error.message}`)}`);
    if (r.status !== 'passed' && r.entraLog.length)
      out.push(...r.entraLog.map((l) => `    ${c(90, `mock Entra: ${l}`)}`));
    for (const what of opts.show) {
      const downlevel = r.client === 'autoworkplace';
      const lines =
        what === 'transcript'
          ? downlevel
            ? r.transcript
            : ['PS C:\\Windows\\System32> dsregcmd /join /debug', ...r.transcript]
          : what === 'status'
            ? downlevel
              ? r.statusOutput
              : ['PS C:\\Windows\\System32> dsregcmd /status', ...r.statusOutput]
            : what === 'events'
              ? r.eventLog
              : what === 'entra-log'
                ? r.entraLog
                : r.exchanges.map(
                    (e) =>
                      `${e.method} ${e.url} → ${e.status}${e.internalError ? ` (internal error: ${e.internalError})` : ''}`,
                  );
      out.push('', ...lines.map((l) => `  ${l}`), '');
    }
  };
  return {
    add,
    finish(durationMs) {
      const { total, passed, failed, errors } = counts;
      out.push('');
      out.push(
        `${count(total, 'scenario')}: ${c(32, `${passed} passed`)}, ${failed ? c(31, `${failed} failed`) : '0 failed'}${errors ? `, ${c(33, count(errors, 'error'))}` : ''} (${(durationMs / 1000).toFixed(2)} s)`,
      );
      return out.join('\n');
    },
  };
}

/** `1 scenario`, `2 scenarios`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
