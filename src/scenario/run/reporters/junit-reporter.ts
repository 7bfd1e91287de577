/**
 * `--reporter junit`: JUnit XML as CI servers read it (Jenkins, GitLab, Azure DevOps, GitHub
 * test-report actions). One `<testsuite>` per scenario folder, one `<testcase>` per scenario; each
 * failed expectation is its own `<failure>` whose `message` is the expectation's text; a scenario
 * that could not run is an `<error>`. Failed and errored cases carry the transcript and mock
 * Entra's log in `<system-out>`.
 * @see the common JUnit schema (Jenkins junit-4.xsd, the Ant XMLJUnitResultFormatter format)
 */
import { dirname, relative, sep } from 'node:path';
import { escapeAttribute, escapeText } from '../../../protocol/xml/escape-xml.ts';
import type { ScenarioResult } from '../run-scenario.ts';
import { reportAll, StatusCounts, type ReportSink, type Shard } from './report-sink.ts';

// Characters XML 1.0 cannot carry become U+FFFD: a report must never fail to render.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** Text content of a JUnit element (also `hjsim conform`'s JUnit report). */
export const text = (s: string) => escapeText(s.replace(NOT_XML_CHAR, '\uFFFD'));
/** An attribute value of a JUnit element. */
export const attr = (s: string) => escapeAttribute(s.replace(NOT_XML_CHAR, '\uFFFD'));
export const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** `2025-07-10T17:22:13` (the schema's ISO 8601 pattern: no fraction, no zone; UTC). */
export function timestamp(d: Date): string {
  return d.toISOString().slice(0, 19);
}

function testcase(r: ScenarioResult, cwd: string): string[] {
  const file = relative(cwd, r.file) || r.file;
  const classname = file
    .replace(/\.ya?ml$/i, '')
    .split(sep)
    .join('.');
  const open = `    <testcase name="${attr(r.name)}" classname="${attr(classname)}" time="${seconds(r.durationMs)}"`;
  if (r.status === 'passed') return [`${open}/>`];
  const out = [`${open}>`];
  if (r.error) {
    out.push(
      `      <error message="${attr(r.error.message.split('\n')[0] ?? '')}" type="${attr(r.error.code)}">${text(r.error.message)}</error>`,
    );
  }
  for (const f of r.failures) {
    const headline = f.split('\n')[0] ?? f;
    const type = headline.startsWith('internal error')
      ? 'internal-error'
      : (/^([a-zA-Z.]+):/.exec(headline)?.[1] ?? 'expectation');
    out.push(
      `      <failure message="${attr(headline)}" type="${attr(type)}">${text(f)}</failure>`,
    );
  }
  const log = [
    `scenario: ${file}`,
    ...(r.transcript.length ? ['', 'dsregcmd /join /debug:', ...r.transcript] : []),
    ...(r.entraLog.length ? ['', 'mock Entra:', ...r.entraLog] : []),
  ];
  out.push(`      <system-out>${text(log.join('\n'))}</system-out>`);
  out.push('    </testcase>');
  return out;
}

export interface JunitReportOptions {
  readonly cwd: string;
  readonly startedAt: Date;
  /** Set on a `--shard` run: the root's name says which slice it is (`hjsim merge-reports` reads it). */
  readonly shard?: Shard;
}

/** The root element's name: `hjsim`, or `hjsim shard 2/4` for one slice of a sharded run. */
export function suitesName(shard?: Shard): string {
  return shard ? `hjsim shard ${shard.index}/${shard.count}` : 'hjsim';
}

/** The JUnit report of a whole run (all results at hand). */
export function junitReport(
  results: readonly ScenarioResult[],
  durationMs: number,
  opts: JunitReportOptions,
): string {
  return reportAll(junitReporter(opts), results, durationMs);
}

interface SuiteLines {
  readonly counts: StatusCounts;
  timeMs: number;
  readonly lines: string[];
}

/** The JUnit report fed one result at a time; it keeps each scenario's testcase lines only. */
export function junitReporter(opts: JunitReportOptions): ReportSink {
  const groups = new Map<string, SuiteLines>();
  const counts = new StatusCounts();
  return {
    add(r) {
      const dir = relative(opts.cwd, dirname(r.file)) || '.';
      let g = groups.get(dir);
      if (!g) groups.set(dir, (g = { counts: new StatusCounts(), timeMs: 0, lines: [] }));
      g.counts.add(r.status);
      counts.add(r.status);
      g.timeMs += r.durationMs;
      g.lines.push(...testcase(r, opts.cwd));
    },
    finish(durationMs) {
      const out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="${attr(suitesName(opts.shard))}" tests="${counts.total}" failures="${counts.failed}" errors="${counts.errors}" time="${seconds(durationMs)}">`,
      ];
      let id = 0;
      for (const [dir, g] of groups) {
        out.push(
          `  <testsuite name="${attr(dir.split(sep).join('/'))}" tests="${g.counts.total}" failures="${g.counts.failed}" errors="${g.counts.errors}" skipped="0" time="${seconds(g.timeMs)}" timestamp="${timestamp(opts.startedAt)}" id="${id++}">`,
          ...g.lines,
          '  </testsuite>',
        );
      }
      out.push('</testsuites>');
      return out.join('\n');
    },
  };
}
