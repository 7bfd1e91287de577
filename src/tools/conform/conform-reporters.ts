/**
 * `hjsim conform`'s reports. pretty: one line per check, and for every check not PASSED what was
 * expected, what was seen, what Windows shows, why a warning is one, the fix and the source.
 * json: the ConformReport as is. junit: one <testcase> per check (CI servers read it as any test
 * suite): FAILED is a <failure> with the evidence, SKIPPED a <skipped>, WARNING passes with its
 * evidence in <system-out>; escaping is the scenario JUnit reporter's.
 */
import { describeProvenance } from '../../core/provenance.ts';
import { attr, seconds, text, timestamp } from '../../scenario/run/reporters/junit-reporter.ts';
import type { CheckResult, ConformReport, Verdict } from './conform-report.ts';

const COLOR: Readonly<Record<Verdict, number>> = {
  PASSED: 32,
  WARNING: 33,
  FAILED: 31,
  SKIPPED: 90,
};

function details(r: CheckResult): string[] {
  const out = [`expected: ${r.evidence.expected}`, `seen:     ${r.evidence.seen}`];
  if (r.symptom) out.push(`Windows:  ${r.symptom}`);
  if (r.why) out.push(`warning:  ${r.why}`);
  for (const [who, fix] of Object.entries(r.fix ?? {})) out.push(`fix (${who}): ${fix}`);
  out.push(describeProvenance(r.provenance));
  return out;
}

export function prettyConformReport(report: ConformReport, opts: { color: boolean }): string {
  const c = (code: number, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const t = report.target;
  const lines = [
    `hjsim conform: ${t.mex}`,
    `  ${t.auth === 'usernamemixed' ? `WS-Trust usernamemixed as ${t.username ?? '?'} (standing in for the computer's Kerberos ticket)` : "windowstransport with hjsim's modeled Kerberos ticket"}${t.sts ? ` at ${t.sts}` : ''}`,
    `  domain ${t.domain}, issuerUri ${t.issuerUri}`,
    ...report.notes.map((n) => `  note: ${n}`),
    '',
  ];
  const width = Math.max(...report.checks.map((r) => r.id.length));
  const indent = ' '.repeat(11);
  report.checks.forEach((r, i) => {
    lines.push(`  ${c(COLOR[r.verdict], r.verdict.padEnd(7))}  ${r.id.padEnd(width)}  ${r.title}`);
    if (r.verdict === 'PASSED') return;
    // A run of checks skipped for one reason says it once, after the last of them.
    const next = report.checks[i + 1];
    if (
      r.verdict === 'SKIPPED' &&
      next?.verdict === 'SKIPPED' &&
      next.evidence.seen === r.evidence.seen
    )
      return;
    const more = r.verdict === 'SKIPPED' ? [r.evidence.seen] : details(r);
    for (const d of more) lines.push(`${indent}${d}`);
  });
  const s = report.summary;
  lines.push(
    '',
    `${s.total} checks: ${s.passed} passed, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}, ${s.failed} failed, ${s.skipped} skipped (${(s.durationMs / 1000).toFixed(1)} s)`,
  );
  return lines.join('\n');
}

export function jsonConformReport(report: ConformReport): string {
  return JSON.stringify(report, null, 2);
}

export function junitConformReport(report: ConformReport, startedAt: Date): string {
  const s = report.summary;
  const suite = `hjsim conform ${report.target.mex}`;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="hjsim conform" tests="${s.total}" failures="${s.failed}" errors="0" time="${seconds(s.durationMs)}">`,
    `  <testsuite name="${attr(suite)}" tests="${s.total}" failures="${s.failed}" errors="0" skipped="${s.skipped}" time="${seconds(s.durationMs)}" timestamp="${timestamp(startedAt)}" id="0">`,
  ];
  for (const r of report.checks) {
    const open = `    <testcase name="${attr(`${r.id}: ${r.title}`)}" classname="${attr(`conform.${r.id.split('.')[0] ?? r.id}`)}" time="0.000"`;
    if (r.verdict === 'PASSED') {
      out.push(`${open}/>`);
      continue;
    }
    out.push(`${open}>`);
    if (r.verdict === 'SKIPPED') out.push('      <skipped/>');
    if (r.verdict === 'FAILED') {
      out.push(
        `      <failure message="${attr(`${r.evidence.seen} (expected: ${r.evidence.expected})`.slice(0, 500))}" type="${attr(r.symptom ?? 'conformance')}">${text(details(r).join('\n'))}</failure>`,
      );
    }
    // A failure carries its evidence; a warning or a skip says its own in system-out.
    if (r.verdict !== 'FAILED') {
      out.push(
        `      <system-out>${text([`${r.verdict}: ${r.id}`, ...(r.verdict === 'SKIPPED' ? [r.evidence.seen] : details(r))].join('\n'))}</system-out>`,
      );
    }
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n');
}
