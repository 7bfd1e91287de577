/**
 * Ranks the catalogue's causes against a set of facts: a cause holds when every fact of one of
 * its clauses was observed; holding causes are ordered by priority (the more specific evidence,
 * or the root of a chain, first), then by where their evidence first appears. Generic causes
 * only show when nothing specific holds, and a cause drops out when a more precise one covers it.
 */
import { CAUSES, type Cause } from '../../protocol/causes/causes.ts';
import type { Evidence, FactKey, Facts } from '../../protocol/causes/facts.ts';

export interface Finding {
  readonly cause: Cause;
  /** The facts that made it hold, then the supporting ones seen. */
  readonly matched: readonly FactKey[];
  /** The clause that made it hold. */
  readonly clause: readonly FactKey[];
  readonly evidence: readonly Evidence[];
  /** True when every identifying fact was predicted (from an XML document), not seen in a log. */
  readonly predicted: boolean;
  /** Order of the first identifying fact. */
  readonly order: number;
}

export function rankCauses(facts: Facts, causes: readonly Cause[] = CAUSES): Finding[] {
  const holding: Finding[] = [];
  for (const cause of causes) {
    const clause = cause.when.find((c) => c.every((k) => facts.has(k)));
    if (!clause) continue;
    const supporting = (cause.supporting ?? []).filter((k) => facts.has(k) && !clause.includes(k));
    const matched = [...clause, ...supporting];
    const observations = matched.map((k) => facts.get(k)!);
    const evidence: Evidence[] = [];
    for (const o of observations.slice().sort((a, b) => a.order - b.order)) {
      for (const e of o.evidence) {
        if (!evidence.some((x) => x.line === e.line && x.text === e.text)) evidence.push(e);
      }
    }
    evidence.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const identifying = clause.map((k) => facts.get(k)!);
    holding.push({
      cause,
      matched,
      clause,
      evidence,
      predicted: identifying.every((o) => o.predicted),
      order: Math.min(...identifying.map((o) => o.order)),
    });
  }
  const specific = holding.filter((f) => !f.cause.generic);
  const shown = specific.length > 0 ? specific : holding;
  const covered = new Set(shown.flatMap((f) => f.cause.covers ?? []));
  return shown
    .filter((f) => !covered.has(f.cause.id))
    .sort((a, b) => b.cause.priority - a.cause.priority || a.order - b.order);
}
