/**
 * Benchmark worker: loads the scenario files, warms up, waits for "go", runs its share of
 * scenario runs (in-process or over loopback HTTPS) and reports each run's latency.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadScenario } from '../../scenario/language/load-scenario.ts';
import { runLoadedScenario, type TransportKind } from '../../scenario/run/run-scenario.ts';
import { closeLoopbackTransport } from '../../transport/loopback-transport.ts';
import { closeInProcessTransport } from '../../transport/msw-transport.ts';

interface Job {
  readonly files: readonly string[];
  readonly runs: number;
  readonly warmup: number;
  readonly transport: TransportKind;
}

const job = workerData as Job;
const port = parentPort!;
const opts = { transport: job.transport };
const loaded = await Promise.all(job.files.map((f) => loadScenario(f)));
for (let i = 0; i < job.warmup; i++) await runLoadedScenario(loaded[i % loaded.length]!, opts);
port.postMessage({ type: 'ready' });
port.once('message', async () => {
  const latencies: number[] = [];
  let failed = 0;
  for (let i = 0; i < job.runs; i++) {
    const t0 = performance.now();
    const r = await runLoadedScenario(loaded[i % loaded.length]!, opts);
    latencies.push(performance.now() - t0);
    if (r.status !== 'passed') failed++;
  }
  closeInProcessTransport();
  await closeLoopbackTransport();
  port.postMessage({ type: 'done', latencies, failed });
});
