/**
 * `hjsim`: the package's root entry. The testing API (`hjsim/testing`) and the container API
 * (`hjsim/testcontainers`) have their own entries; this one gathers the pieces a program that
 * drives the simulator itself needs. (Minimal for now: extended as the public API grows.)
 */

/** Runs a scenario, keeps a simulator up, and the vitest matchers: see `hjsim/testing`. */
export {
  runScenario,
  withSimulator,
  hjsimMatchers,
  type RunScenarioOptions,
  type Simulator,
  type SimulatorOptions,
  type HjsimMatchers,
  type ScenarioObject,
  type ScenarioSource,
  type ScenarioResult,
  type TransportKind,
  type Exchange,
  type JoinOutcome,
} from './tools/testing/index.ts';
/** Reads a scenario file (YAML, `extends` chain, schema) without running it. */
export { loadScenario, type LoadedScenario } from './scenario/language/load-scenario.ts';
/** Every error hjsim raises: a code (`ERR_…`), a message, and where possible a hint. */
export { SimError } from './core/errors.ts';
