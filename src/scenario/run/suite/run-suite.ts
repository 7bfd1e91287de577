/**
 * Runs a list of loaded scenarios, in this thread (`concurrency` 1) or on a pool of worker
 * threads. Results come back in the order of the input whatever order the workers finish in, so
 * reports are the same for every concurrency. `streamSuite` hands each result on in that order
 * and keeps none (a result waits only until the ones before it are done): a suite of any size
 * runs in bounded memory; `runSuite` collects them.
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
  const results: ScenarioResult[] = [];
  await streamSuite(loaded, opts, (r) => {
    results.push(r);
  });
  return results;
}

/**
 * Runs the scenarios and hands each result to `sink` in input order (one call at a time: the
 * next waits for the previous one's promise).
 */
export async function streamSuite(
  loaded: readonly LoadedScenario[],
  opts: SuiteOptions,
  sink: (result: ScenarioResult, index: number) => void | Promise<void>,
): Promise<void> {
  const runOpts: RunOptions = opts.transport ? { transport: opts.transport } : {};
  const threads = Math.max(1, Math.min(opts.concurrency ?? 1, loaded.length));
  // Finished results waiting for an earlier one; handed on (and dropped) as soon as they can be.
  const waiting = new Map<number, ScenarioResult>();
  const settled = new Set<number>();
  let nextOut = 0;
  let chain: Promise<void> = Promise.resolve();
  let done = 0;
  const finish = (index: number, r: ScenarioResult) => {
    if (settled.has(index)) return;
    settled.add(index);
    opts.onResult?.(r, ++done, loaded.length);
    waiting.set(index, r);
    while (waiting.has(nextOut)) {
      const i = nextOut++;
      const ready = waiting.get(i)!;
      waiting.delete(i);
      chain = chain.then(() => sink(ready, i));
    }
  };
  if (threads === 1) {
    for (const [i, l] of loaded.entries()) {
      finish(i, await runLoadedScenario(l, runOpts));
      await chain;
    }
    return;
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
    if (!settled.has(i)) finish(i, crashed(loaded[i]!, 'no worker thread was left to run it'));
  await chain;
}
