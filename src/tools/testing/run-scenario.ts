/**
 * `runScenario`: one scenario, run as `hjsim run` runs it, for a user's own test suite.
 */
import {
  runLoadedScenario,
  type ScenarioResult,
  type TransportKind,
} from '../../scenario/run/run-scenario.ts';
import { loadSource, type ScenarioSource } from './resolve-scenario.ts';

export interface RunScenarioOptions {
  /** `inprocess` (default) or `http` (real HTTPS on 127.0.0.1). */
  readonly transport?: TransportKind;
  /** Where a scenario object's `extends` and key paths resolve (default: the working directory). */
  readonly dir?: string;
}

export async function runScenario(
  scenario: ScenarioSource,
  opts: RunScenarioOptions = {},
): Promise<ScenarioResult> {
  const loaded = await loadSource(scenario, opts.dir);
  return runLoadedScenario(loaded, opts.transport ? { transport: opts.transport } : {});
}
