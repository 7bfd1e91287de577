/**
 * Prints a diagnosis: the ranked causes with their evidence lines, the fix in the customer's
 * terms (the IdP the input names first), the shipped scenario that reproduces each cause, and
 * the warnings; or one JSON object (`--json`).
 */
import { join, relative } from 'node:path';
import { PACKAGE_ROOT } from '../../core/keys.ts';
import { describeProvenance } from '../../core/provenance.ts';
import { FIX_LABEL, type FixTarget } from '../../protocol/causes/causes.ts';
import type { Diagnosis } from './diagnose.ts';
import { signalFact } from '../../protocol/causes/facts.ts';
import type { Finding } from './rank-causes.ts';
import type { ScenarioCause } from './scenario-causes.ts';

/** Facts that tell the variants of one cause apart (fallback on/off, device synced or not). */
const VARIANT_FACTS = [
  'fallback',
  'fallback-off',
  'drs-device-not-found',
  'joined',
  'not-joined',
].map(signalFact);

/**
 * The scenarios that reproduce a finding's cause, closest variant (and the input's IdP) first;
 * then those the cause names itself (`Cause.scenarios`) that the mapping did not find.
 */
export function reproducing(
  finding: Finding,
  diagnosis: Diagnosis,
  scenarios: readonly ScenarioCause[],
): Pick<ScenarioCause, 'file' | 'name'>[] {
  const score = (s: ScenarioCause) =>
    VARIANT_FACTS.filter((k) => s.facts.has(k) === diagnosis.facts.has(k)).length * 2 +
    (diagnosis.profile && s.file.includes(diagnosis.profile) ? 1 : 0);
  const mapped: Pick<ScenarioCause, 'file' | 'name'>[] = scenarios
    .filter((s) => s.cause === finding.cause.id)
    .sort((a, b) => score(b) - score(a) || a.file.localeCompare(b.file));
  for (const file of finding.cause.scenarios ?? []) {
    const abs = join(PACKAGE_ROOT, file);
    if (!mapped.some((s) => s.file === abs)) mapped.push({ file: abs, name: file });
  }
  return mapped;
}

function fixOrder(d: Diagnosis): FixTarget[] {
  const all: FixTarget[] = ['pingone', 'adfs', 'graph', 'entra', 'directory', 'windows', 'network'];
  if (d.profile === 'adfs') return ['adfs', 'pingone', ...all.slice(2)];
  return all;
}

export function renderDiagnosis(
  d: Diagnosis,
  scenarios: readonly ScenarioCause[],
  cwd: string,
): string {
  const out: string[] = [];
  out.push(`Input: ${d.kinds.join(' + ')} (${d.lines} line${d.lines === 1 ? '' : 's'})`);
  for (const detail of d.details) {
    out.push('', `${detail.title}:`, ...detail.lines.map((l) => `  ${l}`));
  }
  if (d.findings.length === 0) {
    out.push('', 'No known cause matches.');
  } else {
    out.push('', `Likely causes (${d.findings.length}), most likely first:`);
  }
  d.findings.forEach((f, i) => {
    const c = f.cause;
    out.push(
      '',
      `${i + 1}. ${c.title}`,
      `   [${c.id}] phase: ${c.phase}, confidence: ${f.confidence}${f.predicted ? ' (predicted from the document)' : ''}`,
    );
    out.push('   Evidence:');
    for (const e of f.evidence.slice(0, 6))
      out.push(`     ${e.line === undefined ? '-' : `line ${e.line}`}: ${e.text}`);
    if (f.evidence.length > 6) out.push(`     … ${f.evidence.length - 6} more lines`);
    out.push(`   Why: ${c.why}`);
    out.push('   Fix:');
    for (const target of fixOrder(d)) {
      const text = c.fix[target];
      if (text) out.push(`     ${FIX_LABEL[target]}: ${text}`);
    }
    const repro = reproducing(f, d, scenarios);
    if (repro.length > 0) {
      out.push(`   Reproduce: hjsim run ${relative(cwd, repro[0]!.file)}    # ${repro[0]!.name}`);
      if (repro.length > 1)
        out.push(
          `              (${repro.length - 1} more: ${repro
            .slice(1, 4)
            .map((s) => relative(cwd, s.file))
            .join(', ')}${repro.length > 4 ? ', …' : ''})`,
        );
    }
    out.push(`   Provenance: ${describeProvenance(c.provenance)}`);
  });
  if (d.codes.length > 0) {
    out.push('', `Codes in the input (${d.codes.length}):`);
    for (const c of d.codes)
      out.push(
        `  ${c.code}${c.decisive && c.kind === 'hresult' ? " (the failure's own code)" : ''}: ${
          c.recognised ? `${c.name} — ${c.meaning}` : 'not recognised'
        }${c.line !== undefined ? ` (line ${c.line})` : ''}`,
      );
  }
  for (const w of d.warnings) out.push('', `WARNING: ${w}`);
  for (const n of d.notes) out.push('', `Note: ${n}`);
  return out.join('\n');
}

export function diagnosisJson(
  d: Diagnosis,
  scenarios: readonly ScenarioCause[],
  cwd: string,
  exitCode: number,
): string {
  return JSON.stringify(
    {
      input: { kinds: d.kinds, lines: d.lines, ...(d.profile ? { profile: d.profile } : {}) },
      causes: d.findings.map((f, i) => ({
        rank: i + 1,
        id: f.cause.id,
        title: f.cause.title,
        phase: f.cause.phase,
        confidence: f.confidence,
        predicted: f.predicted,
        facts: f.matched,
        evidence: f.evidence,
        why: f.cause.why,
        fix: f.cause.fix,
        scenarios: reproducing(f, d, scenarios).map((s) => ({
          file: relative(cwd, s.file),
          name: s.name,
          run: `hjsim run ${relative(cwd, s.file)}`,
        })),
        provenance: describeProvenance(f.cause.provenance),
      })),
      codes: d.codes,
      warnings: d.warnings,
      notes: d.notes,
      details: d.details,
      exitCode,
    },
    null,
    2,
  );
}
