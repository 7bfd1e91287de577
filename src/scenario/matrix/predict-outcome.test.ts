/**
 * The outcome model against scenarios no model wrote: the 13 shipped PingOne scenarios, whose
 * expectations come from the seed's transcripts and the troubleshooting page.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../core/keys.ts';
import { findScenarioFiles } from '../language/find-scenarios.ts';
import { loadScenario } from '../language/load-scenario.ts';
import { predictOutcome } from './predict-outcome.ts';

// The model speaks the PingOne baseline's vocabulary (claims, issuer, key, audience, validity,
// fallback, sync); scenarios of other vocabularies (AD FS rules, MEX variants, SAML 2.0, attacks)
// are refused by `modelGap` and by `hjsim matrix`.
const files = await findScenarioFiles([join(PACKAGE_ROOT, 'scenarios', 'pingone')]);

describe('predictOutcome', () => {
  it('covers the 13 PingOne scenarios', () => expect(files.length).toBeGreaterThanOrEqual(13));

  it.each(files.map((f) => [f.slice(PACKAGE_ROOT.length + 1)]))(
    '%s: agrees with the hand-written expect',
    async (file) => {
      const { scenario, dir } = await loadScenario(join(PACKAGE_ROOT, file));
      const predicted = predictOutcome(scenario, dir).expect;
      const e = scenario.expect;
      for (const k of ['joined', 'joinType', 'aadsts', 'errorPhase', 'fallbackAttempted'] as const)
        if (e[k] !== undefined) expect(predicted[k], k).toEqual(e[k]);
      // The file lists the HRESULTs it cares about; the model must predict each of them.
      expect(predicted.hresults ?? []).toEqual(expect.arrayContaining(e.hresults ?? []));
    },
  );

  it('says why, step by step, with sources', async () => {
    const { scenario, dir } = await loadScenario(
      join(PACKAGE_ROOT, 'scenarios/pingone/primarysid-omitted-unsynced.yaml'),
    );
    const p = predictOutcome(scenario, dir);
    expect(p.reasons).toEqual([
      expect.stringMatching(/^not a device token \(primarysid is missing\).*PingOne seed/),
      expect.stringMatching(
        /FallbackToSyncJoin is on \(the default\).*\(DSR, WIKI, HIW, ROAD, AADI, TSC\)$/,
      ),
      expect.stringMatching(/the sync join fails: Entra Connect has not synced the computer/),
    ]);
  });
});
