/**
 * What `hjsim conform` reports: per check of the plan (conform-checks.ts) a verdict with its
 * evidence, what Windows shows when it fails and where the rule comes from; and what was tested.
 */
import type { Provenance } from '../../core/provenance.ts';
import type { CheckId } from './conform-checks.ts';

/**
 * PASSED; WARNING: Windows tolerates it today, with a risk the check names; FAILED: a join meets
 * the symptom; SKIPPED: an earlier failure left nothing to judge (the evidence says which).
 */
export type Verdict = 'PASSED' | 'WARNING' | 'FAILED' | 'SKIPPED';

export interface Evidence {
  readonly expected: string;
  readonly seen: string;
}

export interface CheckResult {
  readonly id: CheckId;
  readonly title: string;
  readonly verdict: Verdict;
  readonly evidence: Evidence;
  /** FAILED: what Windows (or Entra) shows, AADSTS or HRESULT. */
  readonly symptom?: string;
  /** WARNING: why it is not a failure. */
  readonly why?: string;
  /** FAILED or WARNING: what to change, per product (from the `hjsim diagnose` cause). */
  readonly fix?: Readonly<Record<string, string>>;
  readonly provenance: Provenance;
}

export interface ConformTarget {
  /** The MEX URL the plan fetched. */
  readonly mex: string;
  /** The STS endpoint the token was requested from, when one was chosen. */
  readonly sts?: string;
  readonly auth: 'usernamemixed' | 'modeled-kerberos';
  /** usernamemixed: who signed in (never the password). */
  readonly username?: string;
  readonly domain: string;
  readonly issuerUri: string;
}

export interface ConformReport {
  readonly target: ConformTarget;
  /** Things the run did that the reader should know (URLs moved to the served origin, …). */
  readonly notes: readonly string[];
  readonly checks: readonly CheckResult[];
  readonly summary: {
    readonly total: number;
    readonly passed: number;
    readonly warnings: number;
    readonly failed: number;
    readonly skipped: number;
    readonly durationMs: number;
  };
}

export function summarize(
  checks: readonly CheckResult[],
  durationMs: number,
): ConformReport['summary'] {
  const n = (v: Verdict) => checks.filter((c) => c.verdict === v).length;
  return {
    total: checks.length,
    passed: n('PASSED'),
    warnings: n('WARNING'),
    failed: n('FAILED'),
    skipped: n('SKIPPED'),
    durationMs: Math.round(durationMs),
  };
}
