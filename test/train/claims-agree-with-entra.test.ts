/**
 * The trainer's claim check must say what mock Entra decided: for every shipped scenario, a device
 * claim the trainer flags (wrong namespace, missing, wrong value) ⇔ Entra answered AADSTS51004.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { findScenarioFiles } from '../../src/scenario/language/find-scenarios.ts';
import { loadScenario } from '../../src/scenario/language/load-scenario.ts';
import { runLoadedScenario } from '../../src/scenario/run/run-scenario.ts';
import { closeInProcessTransport } from '../../src/transport/msw-transport.ts';
import { DEVICE_CLAIMS } from '../../src/protocol/claims/device-claims.ts';
import { buildRunView } from '../../src/tools/train/run-view.ts';

afterAll(() => closeInProcessTransport());

describe('trainer claim check vs mock Entra', () => {
  it('agrees on every shipped scenario', async () => {
    const files = await findScenarioFiles([join(PACKAGE_ROOT, 'scenarios')]);
    expect(files.length).toBeGreaterThanOrEqual(13);
    for (const file of files) {
      const loaded = await loadScenario(file);
      const result = await runLoadedScenario(loaded);
      // The trainer serves the scenario with its run, so GUID claims are checked against its computer.
      const view = buildRunView({ id: file, scenario: loaded.scenario, result });
      const token = view.exchanges.find((e) => e.request.kind === 'token-request');
      if (!token) continue;
      const flagged = (token.request.assertion?.claims ?? []).filter(
        (c) => (DEVICE_CLAIMS as readonly string[]).includes(c.name) && c.status !== 'ok',
      );
      const codes = token.response.aadsts?.codes ?? [];
      // Refused by an earlier check (signature, issuer, validity…): Entra never read the claims.
      if (codes.length > 0 && !codes.includes(51004)) continue;
      const refused = codes.includes(51004);
      expect([file, flagged.length > 0]).toEqual([file, refused]);
    }
  }, 60_000);
});
