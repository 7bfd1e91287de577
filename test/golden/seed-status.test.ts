/**
 * `dsregcmd /status` after the baseline join against the real output in the PingOne seed: the
 * Device State, Device Details and Tenant Details sections line for line (ids, thumbprints and
 * times masked), and the Diagnostic Data lines the seed shows for a joined device. The seed's
 * user-session sections (User State, SSO State, proxy, Ngc) are left out by design
 * (src/client/render/status.ts says why).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { runScenarioFile } from '../../src/scenario/run/run-scenario.ts';
import { closeInProcessTransport } from '../../src/transport/msw-transport.ts';
import { seedStatusSections, statusSections } from '../support/seed-status.ts';
import { mask } from '../support/seed-transcripts.ts';

afterAll(() => closeInProcessTransport());

describe('seed /status', () => {
  it('the baseline join prints the seed status sections line for line', async () => {
    const r = await runScenarioFile(join(PACKAGE_ROOT, 'scenarios/pingone/baseline.yaml'));
    expect(r.status).toBe('passed');
    const seed = seedStatusSections();
    const ours = statusSections(r.statusOutput);
    for (const title of ['Device State', 'Device Details', 'Tenant Details']) {
      expect(ours.get(title)?.map(mask), title).toEqual(seed.get(title)?.map(mask));
    }
    const seedDiag = seed
      .get('Diagnostic Data')!
      .filter((l) => !l.includes('Executing Account Name'));
    const footer = 'For more information, please visit https://www.microsoft.com/aadjerrors';
    const ourDiag = ours.get('Diagnostic Data')!;
    // Our last section carries the footer; the seed's section ends with the blank line before
    // its next box.
    expect(ourDiag.slice(0, -1)).toEqual(seedDiag);
    // Both end with the same footer (the seed's comes after its last, user-session section).
    expect(ourDiag.slice(-2)).toEqual(['', footer]);
    expect(seed.get('Ngc Prerequisite Check')!.slice(-1)).toEqual([footer]);
    expect([...ours.keys()]).toEqual([
      'Device State',
      'Device Details',
      'Tenant Details',
      'Diagnostic Data',
    ]);
  });
});
