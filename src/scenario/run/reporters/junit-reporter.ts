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

export function junitReport(
  results: readonly ScenarioResult[],
  durationMs: number,
  opts: { cwd: string; startedAt: Date },
): string {
  const groups = new Map<string, ScenarioResult[]>();
  for (const r of results) {
    const dir = relative(opts.cwd, dirname(r.file)) || '.';
    groups.set(dir, [...(groups.get(dir) ?? []), r]);
  }
  const count = (rs: readonly ScenarioResult[], s: ScenarioResult['status']) =>
    rs.filter((r) => r.status === s).length;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="hjsim" tests="${results.length}" failures="${count(results, 'failed')}" errors="${count(results, 'error')}" time="${seconds(durationMs)}">`,
  ];
  let id = 0;
  for (const [dir, rs] of groups) {
    const time = rs.reduce((t, r) => t + r.durationMs, 0);
    out.push(
      `  <testsuite name="${attr(dir.split(sep).join('/'))}" tests="${rs.length}" failures="${count(rs, 'failed')}" errors="${count(rs, 'error')}" skipped="0" time="${seconds(time)}" timestamp="${timestamp(opts.startedAt)}" id="${id++}">`,
    );
    for (const r of rs) out.push(...testcase(r, opts.cwd));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n');
}
