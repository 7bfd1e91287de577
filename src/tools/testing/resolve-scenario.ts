/**
 * What the testing API accepts as a scenario: a file path (string or `file:` URL) or an object
 * in the scenario language (`extends` resolves against `dir`, default the working directory).
 * A relative path found nowhere under `dir` names a scenario shipped with hjsim, so
 * `'scenarios/pingone/baseline.yaml'` works from any working directory.
 */
import { fileURLToPath } from 'node:url';
import {
  loadScenario,
  loadScenarioObject,
  type LoadedScenario,
} from '../../scenario/language/load-scenario.ts';
import { scenarioPathIn } from '../../scenario/language/shipped-path.ts';
import type { ScenarioInput } from '../../scenario/language/schema.ts';

/** Every field optional, all the way down (a patch under `extends`). */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | null }
    : T;

/**
 * A scenario object: the YAML's fields; with `extends`, only what changes (`null` removes an
 * inherited field). Validated like a file.
 */
export type ScenarioObject = DeepPartial<ScenarioInput> & {
  readonly name: string;
  readonly extends?: string;
};

export type ScenarioSource = string | URL | ScenarioObject;

export function loadSource(source: ScenarioSource, dir = process.cwd()): Promise<LoadedScenario> {
  if (typeof source === 'string') return loadScenario(scenarioPathIn(source, dir));
  if (source instanceof URL) return loadScenario(fileURLToPath(source));
  const base = source.extends;
  // `extends` names a file under `dir`, else a shipped one (scenarios/pingone/baseline.yaml).
  const resolved =
    typeof base === 'string' && base.trim() !== ''
      ? { ...source, extends: scenarioPathIn(base, dir) }
      : source;
  return loadScenarioObject(resolved, { dir });
}
