import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../run-scenario.ts';
import { prettyReport } from './pretty-reporter.ts';

function result(status: ScenarioResult['status'], name: string): ScenarioResult {
  return {
    file: `/suite/${name}.yaml`,
    name,
    tags: [],
    status,
    client: 'dsreg',
    failures: status === 'failed' ? ['expect.joined: expected true, got false'] : [],
    transcript: [],
    statusOutput: [],
    events: [],
    eventLog: [],
    exchanges: [],
    entraLog: [],
    durationMs: 5,
  };
}

const summary = (results: ScenarioResult[]) =>
  prettyReport(results, 1500, { color: false, show: [], cwd: '/suite' }).split('\n').at(-1);

describe('pretty report summary', () => {
  it('counts in the singular for one and the plural otherwise', () => {
    expect(summary([result('passed', 'a')])).toBe('1 scenario: 1 passed, 0 failed (1.50 s)');
    expect(summary([result('passed', 'a'), result('error', 'b')])).toBe(
      '2 scenarios: 1 passed, 0 failed, 1 error (1.50 s)',
    );
    expect(summary([result('failed', 'a'), result('error', 'b'), result('error', 'c')])).toBe(
      '3 scenarios: 0 passed, 1 failed, 2 errors (1.50 s)',
    );
  });
});
