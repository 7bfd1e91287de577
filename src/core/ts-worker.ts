/**
 * Starts a worker thread on one of hjsim's own modules. From the TypeScript sources a worker's
 * entry is loaded before any `--import` hook runs, so the entry is a tiny eval'd script that
 * registers tsx's loader and then imports the module (docs/decisions/0001). From the compiled
 * package (dist/, no tsx) the worker starts on the module's `.js` file directly.
 */
import { Worker } from 'node:worker_threads';

/** True when this file runs compiled (`dist/…/*.js`), false when tsx runs the sources. */
export const COMPILED = import.meta.url.endsWith('.js');

/** `entry` names the `.ts` source (`new URL('./x.ts', import.meta.url)`); compiled, its `.js`. */
export function startTsWorker(entry: URL, workerData?: unknown): Worker {
  if (COMPILED) return new Worker(new URL(entry.href.replace(/\.ts$/, '.js')), { workerData });
  // tsx resolved here, not from the eval'd script (which resolves against the working directory).
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); }).catch((e) => { process.exitCode = 1; throw e; });`;
  return new Worker(code, { eval: true, workerData });
}
