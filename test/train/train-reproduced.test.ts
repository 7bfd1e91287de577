/**
 * The trainer loads a reproduced scenario: `hjsim reproduce` writes scenario.yaml (and the
 * customer's rules beside it); `hjsim train --scenario FILE` offers that folder, and the run shows
 * the customer's symptom. A file that does not exist is a usage error (exit 2).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import type { RunView, ScenarioList } from '../../src/tools/train/api-types.ts';
import { runReproduce } from '../../src/tools/cli/reproduce.ts';
import { runHjsim, startTrain } from '../support/train-process.ts';

const tmp = mkdtempSync(join(tmpdir(), 'hjsim-train-repro-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('hjsim train --scenario', () => {
  it('a scenario file that does not exist: exit 2', async () => {
    const r = await runHjsim(['train', '--port', '0', '--scenario', 'no/such/scenario.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no such scenario file: no/such/scenario.yaml');
  });

  it("offers what hjsim reproduce wrote, and runs it to the customer's symptom", async () => {
    const out = join(tmp, 'case');
    const code = await runReproduce(
      [join(PACKAGE_ROOT, 'test/fixtures/reproduce/adfs-accounttype-rid-516')],
      { out },
      { out: () => undefined, err: () => undefined },
    );
    expect(code).toBe(0);
    const train = await startTrain(['--port', '0', '--scenario', join(out, 'scenario.yaml')]);
    try {
      const list = (await (
        await fetch(new URL('/api/scenarios', train.url))
      ).json()) as ScenarioList;
      expect(list.scenarios.map((s) => s.id)).toContain('scenario.yaml');
      const res = await fetch(new URL('/api/run', train.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scenario: 'scenario.yaml' }),
      });
      const view = (await res.json()) as RunView;
      expect(view.outcome).toMatchObject({ joined: true, joinType: 'sync', aadsts: [51004] });
    } finally {
      const end = await train.stop('SIGTERM');
      expect(end.stdout).toContain('pick scenario.yaml');
    }
  }, 90_000);
});
