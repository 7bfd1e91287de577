/** What the suite runner and its worker threads say to each other (structured-cloned). */
import type { LoadedScenario } from '../../language/load-scenario.ts';
import type { RunOptions, ScenarioResult } from '../run-scenario.ts';

export type ToWorker =
  | {
      readonly kind: 'run';
      readonly index: number;
      readonly loaded: LoadedScenario;
      readonly opts: RunOptions;
    }
  | { readonly kind: 'stop' };

export type FromWorker = {
  readonly kind: 'result';
  readonly index: number;
  readonly result: ScenarioResult;
};
