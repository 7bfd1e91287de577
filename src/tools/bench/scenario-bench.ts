/**
 * Throughput and latency of the scenario library, in-process or over HTTP (`--transport http`:
 * each run's parties on their own HTTPS server on 127.0.0.1): `workers` worker threads share
 * `runs` scenario runs (the files in turn), in `rounds` rounds. Worker start-up and warm-up are
 * outside the measured rounds; CPU is the whole process's during each round, so CPU per scenario
 * comes as the median and the minimum over the rounds (the minimum is what a quiet machine
 * gives; the median shows how far a loaded one moved it). Between rounds the workers idle and
 * `between` runs (the bench samples the crypto floor there).
 */
import { cpus } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../core/ts-worker.ts';
import type { TransportKind } from '../../scenario/run/run-scenario.ts';
import type { ToWorker } from './scenario-worker.ts';
import { cpuMsSince, median, percentile } from './stats.ts';

export interface ThroughputFigures {
  readonly workers: number;
  readonly scenarios: number;
  readonly failed: number;
  readonly wallMs: number;
  readonly scenariosPerSec: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** CPU ms per scenario: the median over the rounds. */
  readonly cpuMsPerScenario: number;
  /** CPU ms per scenario: the minimum over the rounds. */
  readonly cpuMsPerScenarioMin: number;
  readonly rounds: number;
}

type FromWorker =
  { type: 'ready' } | { type: 'stopped' } | { type: 'done'; latencies: number[]; failed: number };

function nextMessage(w: Worker): Promise<FromWorker> {
  return new Promise<FromWorker>((resolve, reject) => {
    const onError = (e: Error) => {
      w.off('message', onMessage);
      reject(e);
    };
    const onMessage = (m: FromWorker) => {
      w.off('error', onError);
      resolve(m);
    };
    w.once('message', onMessage);
    w.once('error', onError);
  });
}

/** `total` split into `parts` whole shares that differ by at most one. */
export function shares(total: number, parts: number): number[] {
  return Array.from(
    { length: parts },
    (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0),
  );
}

export async function measureScenarios(
  files: readonly string[],
  runs: number,
  workers: number,
  transport: TransportKind,
  opts: { readonly rounds?: number; readonly between?: () => void } = {},
): Promise<ThroughputFigures> {
  const rounds = Math.max(1, Math.min(opts.rounds ?? 5, Math.floor(runs / workers) || 1));
  const threads = Array.from({ length: workers }, () =>
    startTsWorker(new URL('./scenario-worker.ts', import.meta.url), {
      files,
      warmup: Math.max(20, files.length * 2),
      transport,
    }),
  );
  try {
    await Promise.all(threads.map(nextMessage));
    const latencies: number[] = [];
    const cpuPerScenario: number[] = [];
    let failed = 0;
    let wallMs = 0;
    for (const roundRuns of shares(runs, rounds)) {
      opts.between?.();
      const perWorker = shares(roundRuns, workers);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const done = threads.map(nextMessage);
      threads.forEach((w, i) => w.postMessage({ type: 'go', runs: perWorker[i]! } as ToWorker));
      const results = (await Promise.all(done)) as Extract<FromWorker, { type: 'done' }>[];
      wallMs += performance.now() - t0;
      const cpu = cpuMsSince(cpu0);
      const n = results.reduce((k, r) => k + r.latencies.length, 0);
      if (n > 0) cpuPerScenario.push(cpu / n);
      for (const r of results) {
        latencies.push(...r.latencies);
        failed += r.failed;
      }
    }
    opts.between?.();
    const stopped = threads.map(nextMessage);
    for (const w of threads) w.postMessage({ type: 'stop' } as ToWorker);
    await Promise.all(stopped);
    latencies.sort((a, b) => a - b);
    return {
      workers,
      scenarios: latencies.length,
      failed,
      wallMs,
      scenariosPerSec: (latencies.length / wallMs) * 1000,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      cpuMsPerScenario: median(cpuPerScenario),
      cpuMsPerScenarioMin: Math.min(...cpuPerScenario),
      rounds: cpuPerScenario.length,
    };
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
}

export const machineCpus = () => cpus().length;
