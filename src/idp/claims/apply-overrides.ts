/**
 * Applies a scenario's per-claim changes (`idp.claims`) to what a profile's rules issued: another
 * namespace (PingOne NameFormat) or name, a literal value, the big-endian GUID mistake, a
 * duplicate, or leaving the claim out; a key the rules did not issue adds a claim.
 * @see [PING] "Attribute mappings issue" (what admins get wrong)
 */
import { CLAIM } from '../../protocol/claims/claim-types.ts';
import type { ClaimOverride, ClaimRule, ClaimValueSource } from '../idp-config.ts';

function changedValue(rule: ClaimRule, o: Exclude<ClaimOverride, 'omit'>): ClaimValueSource {
  if (o.value !== undefined) return { kind: 'literal', value: o.value };
  if (o.encoding && (rule.value.kind === 'objectGuid' || rule.value.kind === 'immutableId')) {
    return { ...rule.value, encoding: o.encoding };
  }
  return rule.value;
}

const isOmitted = (o: ClaimOverride): boolean => o === 'omit' || o.omit === true;

export function applyClaimOverrides(
  issued: readonly ClaimRule[],
  overrides: Readonly<Record<string, ClaimOverride>>,
): ClaimRule[] {
  const out: ClaimRule[] = [];
  for (const rule of issued) {
    const o = overrides[rule.key];
    if (o === undefined) out.push(rule);
    else if (isOmitted(o)) continue;
    else {
      const changed = o as Exclude<ClaimOverride, 'omit'>;
      out.push({
        ...rule,
        namespace: changed.namespace ?? rule.namespace,
        name: changed.name ?? rule.name,
        value: changedValue(rule, changed),
        ...(changed.duplicate ? { duplicate: true } : {}),
      });
    }
  }
  // Claims the rules did not issue for this subject: added when the override says what they are.
  for (const [key, o] of Object.entries(overrides)) {
    if (isOmitted(o) || issued.some((r) => r.key === key)) continue;
    const changed = o as Exclude<ClaimOverride, 'omit'>;
    const known = Object.hasOwn(CLAIM, key)
      ? (CLAIM as Readonly<Record<string, { namespace: string; name: string }>>)[key]
      : undefined;
    const namespace = changed.namespace ?? known?.namespace;
    if (namespace === undefined || changed.value === undefined) continue;
    out.push({
      key,
      namespace,
      name: changed.name ?? known?.name ?? key,
      value: { kind: 'literal', value: changed.value },
      ...(changed.duplicate ? { duplicate: true } : {}),
    });
  }
  return out;
}
