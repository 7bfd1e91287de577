/**
 * The single faults the trainer's "break one setting" toggle offers for a scenario, each a patch
 * applied with the semantics of `extends` (`mergeScenario`). A small stand-in: the matrix
 * generator of `hjsim matrix` (issue 6) is the full list and replaces it once merged.
 * @see src/scenario/language/merge.ts; [PING] (the wrong NameFormats)
 */
import type { LoadedScenario } from '../../scenario/language/load-scenario.ts';
import { mergeScenario } from '../../scenario/language/merge.ts';
import { scenarioSchema, type Scenario } from '../../scenario/language/schema.ts';
import { CLAIM } from '../../protocol/claims/claim-types.ts';
import type { FaultEntry } from './api-types.ts';
import { DEVICE_CLAIMS } from '../../protocol/claims/device-claims.ts';
import { NotFoundError } from './not-found.ts';

export interface Fault extends FaultEntry {
  /** A scenario patch, as written under `extends:`. */
  readonly patch: Record<string, unknown>;
}

/** NameFormats an admin picks by mistake (the shipped PingOne scenarios' choices). */
const WRONG_NAMESPACE: Readonly<Record<(typeof DEVICE_CLAIMS)[number], string>> = {
  accounttype: 'http://schemas.microsoft.com/ws/2008/06/identity/claims',
  onpremobjectguid: 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified',
  primarysid: 'http://schemas.microsoft.com/identity/claims',
};

export function listFaults(s: Scenario): Fault[] {
  const out: Fault[] = [];
  for (const key of DEVICE_CLAIMS) {
    const current = s.idp.claims[key];
    const omitted = current === 'omit' || (typeof current === 'object' && current.omit === true);
    const ns =
      typeof current === 'object' && current.namespace ? current.namespace : CLAIM[key].namespace;
    const claim = (o: unknown) => ({ idp: { claims: { [key]: o } } });
    if (ns === CLAIM[key].namespace || omitted) {
      out.push({
        id: `claims-${key}-wrong-namespace`,
        title: `${key} sent with the wrong NameFormat (${WRONG_NAMESPACE[key]})`,
        patch: claim({ namespace: WRONG_NAMESPACE[key], omit: false }),
      });
    }
    if (!omitted) {
      out.push({ id: `claims-${key}-omitted`, title: `${key} not mapped`, patch: claim('omit') });
    }
  }
  if (s.device.fallbackToSyncJoin) {
    out.push({
      id: 'fallback-off',
      title: 'FallbackToSyncJoin = 0 on the computer',
      patch: { device: { fallbackToSyncJoin: false } },
    });
  }
  if (s.device.syncedToEntra) {
    out.push({
      id: 'device-not-synced',
      title: 'the computer is not synced to Entra by Entra Connect',
      patch: { device: { syncedToEntra: false } },
    });
  }
  return out;
}

/**
 * The scenario with one fault applied. Its `expect` is dropped: it described the unbroken
 * scenario, and a broken one has no expectation to meet.
 */
export function applyFault(
  loaded: LoadedScenario,
  faultId: string,
): { loaded: LoadedScenario; fault: Fault } {
  const fault = listFaults(loaded.scenario).find((f) => f.id === faultId);
  if (!fault) {
    throw new NotFoundError(
      `no fault '${faultId}' for ${loaded.scenario.name}`,
      'pick one from GET /api/faults?scenario=…',
    );
  }
  const { expect: _expect, ...rest } = loaded.scenario;
  void _expect;
  const scenario = scenarioSchema.parse(mergeScenario(rest, fault.patch));
  return {
    loaded: {
      ...loaded,
      scenario: { ...scenario, name: `${loaded.scenario.name} + ${fault.title}` },
    },
    fault,
  };
}
