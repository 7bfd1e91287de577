/**
 * `dsregcmd /status` after the baseline join against the real output in the PingOne seed: every
 * section, in the seed's order, line for line (ids, thumbprints and times masked), the footer
 * included. The baseline's signed-in user is the seed's, so `Executing Account Name` matches too.
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
  it('the baseline join prints the seed status line for line, every section in order', async () => {
    const r = await runScenarioFile(join(PACKAGE_ROOT, 'scenarios/pingone/baseline.yaml'));
    expect(r.status).toBe('passed');
    const seed = seedStatusSections();
    const ours = statusSections(r.statusOutput);
    expect([...ours.keys()]).toEqual([...seed.keys()]);
    expect([...ours.keys()]).toEqual([
      'Device State',
      'Device Details',
      'Tenant Details',
      'User State',
      'SSO State',
      'Diagnostic Data',
      'IE Proxy Config for Current User',
      'WinHttp Default Proxy Config',
      'Ngc Prerequisite Check',
    ]);
    for (const [title, lines] of seed) {
      expect(ours.get(title)?.map(mask), title).toEqual(lines.map(mask));
    }
    expect(r.statusOutput.join('\n')).toContain(
      '    Executing Account Name : IMOKATDI\\ecotton, ecotton@imokatdi.ping-eng.com',
    );
    expect(r.statusOutput.at(-1)).toBe(
      'For more information, please visit https://www.microsoft.com/aadjerrors',
    );
  });
});
