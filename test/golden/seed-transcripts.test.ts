/**
 * The PingOne seed's two real `dsregcmd /join /debug` transcripts, reproduced line for line by
 * the shipped scenarios (GUIDs, thumbprints and times masked).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { runScenarioFile } from '../../src/scenario/run/run-scenario.ts';
import { closeInProcessTransport } from '../../src/transport/msw-transport.ts';
import { mask, seedJoinTranscripts } from '../support/seed-transcripts.ts';

afterAll(() => closeInProcessTransport());

const seeds = seedJoinTranscripts();

describe('seed transcripts', () => {
  it('the seed holds the two transcripts', () => {
    expect(seeds).toHaveLength(2);
    expect(seeds[0]).toContain(
      'DsrCmdJoinHelper::Join: AutoEnrollAsComputer completed successfully',
    );
    expect(seeds[1]).toContain(
      'DsrCmdJoinHelper::Join: Federated ADRS join failed with error 0xcaa1000e. Try synchronized join.',
    );
  });

  it.each([
    ['success', 'scenarios/pingone/baseline.yaml', 0],
    [
      'AADSTS51004 then synchronized join',
      'scenarios/pingone/accounttype-wrong-nameformat.yaml',
      1,
    ],
  ] as const)('%s: %s matches the seed line for line', async (_label, file, index) => {
    const result = await runScenarioFile(join(PACKAGE_ROOT, file));
    expect(result.status, result.failures.join('\n')).toBe('passed');
    const seed = seeds[index]!.map(mask);
    const ours = result.transcript.map(mask);
    expect(ours).toEqual(seed);
    // Masking must not hide the ids that have to agree: the join request id of a federated join
    // is the ClientRequestId; a sync join after fallback has its own.
    const clientRequestId = /ClientRequestId: ([0-9a-f-]{36})/.exec(
      result.transcript.join('\n'),
    )?.[1];
    const joinRequestId = /Join request ID: ([0-9a-f-]{36})/.exec(
      result.transcript.join('\n'),
    )?.[1];
    if (index === 0) expect(joinRequestId).toBe(clientRequestId);
    else {
      expect(joinRequestId).not.toBe(clientRequestId);
      // As in the seed, Entra echoes the ClientRequestId as the correlation id.
      const text = result.transcript.join('\n');
      expect(text).toContain(`AdalCorrelationId: ${clientRequestId}`);
      expect(text).toContain(`"correlation_id":"${clientRequestId}"`);
    }
  });
});
