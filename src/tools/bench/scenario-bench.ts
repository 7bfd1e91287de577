/**
 * Throughput and latency of the scenario library, in-process or over HTTP (`--transport http`:
 * each run's parties on their own HTTPS server on 127.0.0.1): `workers` worker threads share
 * `runs` scenario runs (the files in turn). Worker start-up and warm-up are outside the
 * measured window; CPU is the whole process's during the window.
 */
import { cpus } from 'node:os';
import { startTsWorker } from '../../core/ts-worker.ts';
import type { TransportKind } from '../../scenario/run/run-scenario.ts';
import { percentile } from './stats.ts';

export interface ThroughputFigures {
  readonly workers: number;
  readonly scenarios: number;
  readonly failed: number;
  readonly wallMs: number;
  readonly scenariosPerSec: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly cpuMsPerScenario: number;
}

type FromWorker = { type: 'ready' } | { type: 'done'; latencies: number[]; failed: number };

export async function measureScenarios(
  files: readonly string[],
  runs: number,
  workers: number,
  transport: TransportKind,
): Promise<ThroughputFigures> {
  const share = (i: number) => Math.floor(runs / workers) + (i < runs % workers ? 1 : 0);
  const threads = Array.from({ length: workers }, (_, i) =>
    startTsWorker(new URL('./scenario-worker.ts', import.meta.url), {
      files,
      runs: share(i),
      warmup: Math.max(20, files.length * 2),
      transport,
    }),
  );
  const next = (w: (typeof threads)[number]) =>
    new Promise<FromWorker>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
  try {
    await Promise.all(threads.map(next));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const done = threads.map(next);
    for (const w of threads) w.postMessage('go');
    const results = (await Promise.all(done)) as Extract<FromWorker, { type: 'done' }>[];
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
    return {
      workers,
      scenarios: latencies.length,
      failed: results.reduce((n, r) => n + r.failed, 0),
      wallMs,
      scenariosPerSec: (latencies.length / wallMs) * 1000,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      cpuMsPerScenario: (cpu.user + cpu.system) / 1000 / latencies.length,
    };
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
}

export const machineCpus = () => cpus().length;
