/**
 * What an evaluator decides about one check: the verdict and the evidence, and when it failed a
 * symptom more precise than the catalogue's. The runner adds the title, provenance and fix.
 */
import type { CheckId } from './conform-checks.ts';
import type { Verdict } from './conform-report.ts';

export interface Judgement {
  readonly id: CheckId;
  readonly verdict: Verdict;
  readonly expected: string;
  readonly seen: string;
  readonly symptom?: string;
  /** A fix that fits this finding better than the check's diagnose cause (per product). */
  readonly fix?: Readonly<Record<string, string>>;
}

export function passed(id: CheckId, expected: string, seen: string): Judgement {
  return { id, verdict: 'PASSED', expected, seen };
}

export function warning(id: CheckId, expected: string, seen: string): Judgement {
  return { id, verdict: 'WARNING', expected, seen };
}

export function failed(id: CheckId, expected: string, seen: string, symptom?: string): Judgement {
  return { id, verdict: 'FAILED', expected, seen, ...(symptom === undefined ? {} : { symptom }) };
}

export function skipped(id: CheckId, expected: string, because: string): Judgement {
  return { id, verdict: 'SKIPPED', expected, seen: `not judged: ${because}` };
}
