/**
 * Starts a worker thread on a TypeScript module. A worker's entry is loaded before any
 * `--import` hook runs, so the entry is a tiny eval'd script that registers tsx's loader and then
 * imports the module (docs/decisions/0001).
 */
import { Worker } from 'node:worker_threads';

export function startTsWorker(entry: URL, workerData: unknown): Worker {
  const code = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); }).catch((e) => { process.exitCode = 1; throw e; });`;
  return new Worker(code, { eval: true, workerData });
}
