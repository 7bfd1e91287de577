/**
 * Benchmark worker: loads the scenario files, warms up, says "ready", then runs one round of
 * scenario runs (in-process or over loopback HTTPS) per "go" message and reports each run's
 * latency; "stop" closes its transports.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadScenario } from '../../scenario/language/load-scenario.ts';
import { runLoadedScenario, type TransportKind } from '../../scenario/run/run-scenario.ts';
import { closeLoopbackTransport } from '../../transport/loopback-transport.ts';
import { closeInProcessTransport } from '../../transport/msw-transport.ts';

interface Job {
  readonly files: readonly string[];
  readonly warmup: number;
  readonly transport: TransportKind;
}

/** What the parent sends: run `runs` scenarios, or stop. */
export type ToWorker = { readonly type: 'go'; readonly runs: number } | { readonly type: 'stop' };

const job = workerData as Job;
const port = parentPort!;
const opts = { transport: job.transport };
const loaded = await Promise.all(job.files.map((f) => loadScenario(f)));
let next = 0;
for (let i = 0; i < job.warmup; i++) await runLoadedScenario(loaded[next++ % loaded.length]!, opts);
port.on('message', (m: ToWorker) => {
  void (async () => {
    if (m.type === 'stop') {
      closeInProcessTransport();
      await closeLoopbackTransport();
      port.postMessage({ type: 'stopped' });
      return;
    }
    const latencies: number[] = [];
    let failed = 0;
    for (let i = 0; i < m.runs; i++) {
      const t0 = performance.now();
      const r = await runLoadedScenario(loaded[next++ % loaded.length]!, opts);
      latencies.push(performance.now() - t0);
      if (r.status !== 'passed') failed++;
    }
    port.postMessage({ type: 'done', latencies, failed });
  })();
});
port.postMessage({ type: 'ready' });
