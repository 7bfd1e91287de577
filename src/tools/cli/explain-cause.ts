/**
 * `hjsim explain <cause id>` (e.g. `mex-no-windows-auth-endpoint`, as `hjsim diagnose` prints it
 * in brackets): the cause's title, the facts that identify it, the fix per target and its
 * provenance; the producing scenarios are those whose `expect` maps to the cause.
 */
import { describeProvenance } from '../../core/provenance.ts';
import { causeById, FIX_LABEL, type FixTarget } from '../../protocol/causes/causes.ts';
import { causeOfExpect, failsOrFallsBack } from '../diagnose/scenario-causes.ts';
import type { Lookup } from './explain.ts';

export const explainCause: Lookup = (query) => {
  const cause = causeById(query.trim().toLowerCase());
  if (!cause) return undefined;
  return {
    kind: 'cause',
    code: cause.id,
    name: cause.title,
    meaning: cause.why,
    facts: [
      `phase: ${cause.phase}`,
      `identified by: ${cause.when.map((c) => c.join(' + ')).join(' | ')}`,
      ...Object.entries(cause.fix).map(
        ([t, text]) => `fix (${FIX_LABEL[t as FixTarget]}): ${text}`,
      ),
    ],
    provenance: describeProvenance(cause.provenance),
    producedBy: (expect) => failsOrFallsBack(expect) && causeOfExpect(expect) === cause.id,
  };
};
