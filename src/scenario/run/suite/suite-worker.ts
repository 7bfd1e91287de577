/**
 * A worker thread of `hjsim run --concurrency N`: runs the scenarios it is sent, one at a time,
 * with its own in-process transport (msw patches this thread's `fetch` only).
 */
import { parentPort } from 'node:worker_threads';
import { closeLoopbackTransport } from '../../../transport/loopback-transport.ts';
import { closeInProcessTransport } from '../../../transport/msw-transport.ts';
import { runLoadedScenario } from '../run-scenario.ts';
import type { FromWorker, ToWorker } from './worker-messages.ts';

const port = parentPort;
if (!port) throw new Error('suite-worker.ts runs as a worker thread');
port.on('message', (msg: ToWorker) => {
  if (msg.kind === 'stop') {
    closeInProcessTransport();
    void closeLoopbackTransport().then(() => port.close());
    return;
  }
  void runLoadedScenario(msg.loaded, msg.opts).then((result) => {
    port.postMessage({ kind: 'result', index: msg.index, result } satisfies FromWorker);
  });
});
