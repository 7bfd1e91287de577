/**
 * `hjsim/testing`: the simulator in your own vitest suite.
 *
 * @example
 * ```ts
 * import { expect, it } from 'vitest';
 * import { hjsimMatchers, runScenario } from 'hjsim/testing';
 *
 * expect.extend(hjsimMatchers);
 *
 * it('falls back to sync join when accounttype has the wrong NameFormat', async () => {
 *   const result = await runScenario({
 *     extends: 'scenarios/pingone/baseline.yaml',
 *     name: 'accounttype NameFormat',
 *     idp: { claims: { accounttype: { namespace: 'http://schemas.microsoft.com/ws/2008/06/identity/claims' } } },
 *   });
 *   expect(result).toFailWithAadsts(51004);
 *   expect(result).toFallBackToSyncJoin();
 *   expect(result).toJoin('sync');
 * });
 * ```
 */

/** Runs one scenario (a file path, a `file:` URL or a scenario object) and checks its `expect`. */
export { runScenario, type RunScenarioOptions } from './run-scenario.ts';
/** Keeps a scenario's mock IdP and mock Entra up while a callback runs; see `Simulator`. */
export { withSimulator, type Simulator, type SimulatorOptions } from './with-simulator.ts';
/** `expect.extend(hjsimMatchers)` adds toJoin, toFailWithAadsts, toFailWithHresult, toFallBackToSyncJoin. */
export { hjsimMatchers, type HjsimMatchers } from './matchers.ts';
/** What a scenario is given as. */
export type { ScenarioObject, ScenarioSource } from './resolve-scenario.ts';
/** A run's result: status, outcome, failed expectations, transcript, status output, exchanges. */
export type { ScenarioResult, TransportKind } from '../../scenario/run/run-scenario.ts';
/** One HTTP request a party received, with its response. */
export type { Exchange } from '../../transport/dispatch.ts';
/** What the join produced: joined, joinType, aadsts, hresults, fallbackAttempted, errorPhase. */
export type { JoinOutcome } from '../../client/trace.ts';
