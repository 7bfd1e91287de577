import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../core/keys.ts';
import { loadScenario } from '../../scenario/language/load-scenario.ts';
import { runLoadedScenario } from '../../scenario/run/run-scenario.ts';
import { closeInProcessTransport } from '../../transport/msw-transport.ts';
import { applyFault, listFaults } from './faults.ts';
import { NotFoundError } from './not-found.ts';

const scenario = (name: string) => join(PACKAGE_ROOT, 'scenarios', 'pingone', name);

afterAll(() => closeInProcessTransport());

describe('single faults', () => {
  it('offers the claim, fallback and sync faults of a baseline', async () => {
    const base = await loadScenario(scenario('baseline.yaml'));
    expect(listFaults(base.scenario).map((f) => f.id)).toEqual([
      'claims-accounttype-wrong-namespace',
      'claims-accounttype-omitted',
      'claims-onpremobjectguid-wrong-namespace',
      'claims-onpremobjectguid-omitted',
      'claims-primarysid-wrong-namespace',
      'claims-primarysid-omitted',
      'fallback-off',
      'device-not-synced',
    ]);
  });

  it('does not offer what the scenario already breaks', async () => {
    const s = await loadScenario(scenario('primarysid-omitted-fallback-off.yaml'));
    const ids = listFaults(s.scenario).map((f) => f.id);
    expect(ids).not.toContain('claims-primarysid-omitted');
    expect(ids).not.toContain('fallback-off');
    expect(ids).toContain('claims-primarysid-wrong-namespace');
  });

  it('patches with extends semantics and drops the expectations of the unbroken scenario', async () => {
    const base = await loadScenario(scenario('baseline.yaml'));
    const { loaded, fault } = applyFault(base, 'claims-accounttype-wrong-namespace');
    expect(fault.title).toMatch(/^accounttype sent with the wrong NameFormat/);
    expect(loaded.scenario.idp.claims['accounttype']).toEqual({
      namespace: 'http://schemas.microsoft.com/ws/2008/06/identity/claims',
      omit: false,
    });
    expect(loaded.scenario.expect).toEqual({});
    expect(loaded.scenario.tenant).toEqual(base.scenario.tenant);
    expect(loaded.dir).toBe(base.dir);
    // The baseline itself is untouched.
    expect(base.scenario.idp.claims['accounttype']).toBeUndefined();
  });

  it('runs each fault of the baseline: claim faults fail the token; fallback and sync alone change nothing', async () => {
    const base = await loadScenario(scenario('baseline.yaml'));
    const outcomes: Record<string, unknown> = {};
    for (const f of listFaults(base.scenario)) {
      const r = await runLoadedScenario(applyFault(base, f.id).loaded);
      expect(r.status).toBe('passed');
      outcomes[f.id] = { joinType: r.outcome?.joinType, aadsts: r.outcome?.aadsts };
    }
    const sync = { joinType: 'sync', aadsts: [51004] };
    expect(outcomes).toEqual({
      'claims-accounttype-wrong-namespace': sync,
      'claims-accounttype-omitted': sync,
      'claims-onpremobjectguid-wrong-namespace': sync,
      'claims-onpremobjectguid-omitted': sync,
      'claims-primarysid-wrong-namespace': sync,
      'claims-primarysid-omitted': sync,
      // Alone, these two change nothing: the federated join succeeds without a fallback.
      'fallback-off': { joinType: 'federated', aadsts: [] },
      'device-not-synced': { joinType: 'federated', aadsts: [] },
    });
  });

  it('refuses an unknown fault with a not-found error', async () => {
    const base = await loadScenario(scenario('baseline.yaml'));
    expect(() => applyFault(base, 'nope')).toThrow(NotFoundError);
  });
});
