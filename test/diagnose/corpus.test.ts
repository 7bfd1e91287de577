/**
 * The corpus of real-shaped logs (test/fixtures/diagnose-corpus): logs written for hjsim from the
 * facts of public threads and Microsoft's troubleshooting pages, each with the cause it must name.
 * Score: the expected cause in the top 3 for at least 95% of the logs, and no confidently wrong
 * answer — a first cause rated `high` that is not among the log's acceptable causes (decision
 * 0020). Every log is accepted, every HRESULT and AADSTS code in it is named (or listed as not
 * recognised), and none that shows an error code or a failure event is told there is nothing to do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { isFailure } from '../../src/protocol/hresult/catalog.ts';
import { diagnoseText, type Diagnosis } from '../../src/tools/diagnose/diagnose.ts';

interface Case {
  readonly file: string;
  readonly kind: string;
  readonly source: string;
  readonly facts: string;
  readonly expected: string | null;
  readonly acceptable: readonly string[];
  readonly notRecognised?: readonly string[];
}

const DIR = join(PACKAGE_ROOT, 'test', 'fixtures', 'diagnose-corpus');
const CORPUS = JSON.parse(readFileSync(join(DIR, 'corpus.json'), 'utf8')) as {
  cases: readonly Case[];
};
const text = (c: Case) => readFileSync(join(DIR, c.file), 'utf8');

function diagnosed(c: Case): Diagnosis {
  const r = diagnoseText(text(c), new Date('2024-03-12T08:20:00Z'));
  if (!r.ok) throw new Error(`${c.file}: refused: ${r.message}`);
  return r.diagnosis;
}

/** Right when the expected cause is in the top 3; for `expected: null`, when nothing is rated high. */
function hit(c: Case, d: Diagnosis): boolean {
  if (c.expected === null) return !d.findings.some((f) => f.confidence === 'high');
  return d.findings
    .slice(0, 3)
    .map((f) => f.cause.id)
    .includes(c.expected);
}

function confidentlyWrong(c: Case, d: Diagnosis): boolean {
  const first = d.findings[0];
  return (
    first !== undefined && first.confidence === 'high' && !c.acceptable.includes(first.cause.id)
  );
}

describe('the corpus of real-shaped logs', () => {
  it('has at least 30 logs, each with a source, an expectation and acceptable causes', () => {
    expect(CORPUS.cases.length).toBeGreaterThanOrEqual(30);
    for (const c of CORPUS.cases) {
      expect(c.source.length, c.file).toBeGreaterThan(5);
      if (c.expected !== null) expect(c.acceptable, c.file).toContain(c.expected);
    }
  });

  it('scores top-3 ≥ 95% with no confidently wrong answer', () => {
    const misses: string[] = [];
    const wrong: string[] = [];
    for (const c of CORPUS.cases) {
      const d = diagnosed(c);
      const ids = d.findings.map((f) => `${f.cause.id}(${f.confidence})`);
      if (!hit(c, d)) misses.push(`${c.file}: expected ${c.expected}, got ${ids.join(', ')}`);
      if (confidentlyWrong(c, d)) wrong.push(`${c.file}: ${ids[0]}`);
    }
    const score = (CORPUS.cases.length - misses.length) / CORPUS.cases.length;
    expect(wrong).toEqual([]);
    expect(score, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('names every HRESULT and AADSTS code of each log, the unknown ones as not recognised', () => {
    for (const c of CORPUS.cases) {
      const d = diagnosed(c);
      const t = text(c);
      const listed = new Map(d.codes.map((x) => [x.code, x]));
      for (const m of t.matchAll(/\b0x([0-9a-fA-F]{8})\b/g)) {
        const code = `0x${m[1]!.toLowerCase().replace(/^0+(?=.)/, '')}`;
        if (isFailure(code)) expect(listed.has(code), `${c.file}: ${code}`).toBe(true);
      }
      for (const m of t.matchAll(/AADSTS(\d{4,8})/g))
        expect(listed.has(`AADSTS${m[1]}`), `${c.file}: AADSTS${m[1]}`).toBe(true);
      for (const code of c.notRecognised ?? [])
        expect(listed.get(code)?.recognised, `${c.file}: ${code}`).toBe(false);
    }
  });

  it('never says there is nothing to do when the log shows an error code or a failure event', () => {
    for (const c of CORPUS.cases) {
      const d = diagnosed(c);
      const said = [...d.notes, ...d.findings.slice(0, 1).map((f) => f.cause.title)].join('\n');
      expect(said, c.file).not.toMatch(/nothing to do|no failure is shown|no failure to diagnose/i);
    }
  });
});
