/**
 * Runs a list of loaded scenarios, in this thread (`concurrency` 1) or on a pool of worker
 * threads. Results come back in the order of the input whatever order the workers finish in, so
 * reports are the same for every concurrency.
 */
import { Worker } from 'node:worker_threads';
import { COMPILED } from '../../../core/ts-worker.ts';
import type { LoadedScenario } from '../../language/load-scenario.ts';
import {
  errorResult,
  runLoadedScenario,
  type RunOptions,
  type ScenarioResult,
} from '../run-scenario.ts';
import type { FromWorker, ToWorker } from './worker-messages.ts';

export interface SuiteOptions extends RunOptions {
  /** Worker threads (1: run here, one scenario after another). */
  readonly concurrency?: number;
  /** Called as each scenario finishes (in completion order). */
  readonly onResult?: (result: ScenarioResult, done: number, total: number) => void;
}

function crashed(loaded: LoadedScenario, message: string): ScenarioResult {
  return errorResult(loaded, message, performance.now());
}

export async function runSuite(
  loaded: readonly LoadedScenario[],
  opts: SuiteOptions = {},
): Promise<ScenarioResult[]> {
  const runOpts: RunOptions = opts.transport ? { transport: opts.transport } : {};
  const threads = Math.max(1, Math.min(opts.concurrency ?? 1, loaded.length));
  const results: (ScenarioResult | undefined)[] = new Array(loaded.length);
  let done = 0;
  const finish = (index: number, r: ScenarioResult) => {
    results[index] = r;
    opts.onResult?.(r, ++done, loaded.length);
  };
  if (threads === 1) {
    for (const [i, l] of loaded.entries()) finish(i, await runLoadedScenario(l, runOpts));
    return results as ScenarioResult[];
  }

  let next = 0;
  await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<void>((resolve) => {
          const worker = COMPILED
            ? new Worker(new URL('./suite-worker.js', import.meta.url))
            : new Worker(new URL('./suite-worker-bootstrap.mjs', import.meta.url));
          let current: number | undefined;
          const send = () => {
            if (next >= loaded.length) {
              current = undefined;
              worker.postMessage({ kind: 'stop' } satisfies ToWorker);
              return;
            }
            current = next++;
            worker.postMessage({
              kind: 'run',
              index: current,
              loaded: loaded[current]!,
              opts: runOpts,
            } satisfies ToWorker);
          };
          worker.on('message', (msg: FromWorker) => {
            finish(msg.index, msg.result);
            send();
          });
          worker.on('error', (e) => {
            // The thread is gone: its scenario is an error, the others go to the other threads.
            if (current !== undefined)
              finish(current, crashed(loaded[current]!, `worker thread crashed: ${e.message}`));
            current = undefined;
          });
          worker.on('exit', () => resolve());
          send();
        }),
    ),
  );
  // A scenario left behind by a crashed last thread still gets a result.
  for (let i = 0; i < loaded.length; i++)
    if (!results[i]) finish(i, crashed(loaded[i]!, 'no worker thread was left to run it'));
  return results as ScenarioResult[];
}
