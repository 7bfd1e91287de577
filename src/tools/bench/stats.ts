/**
 * Small statistics for the benchmark: percentiles and medians of a sample, rounding for reports,
 * and the time an operation takes, in CPU time (steady on a loaded machine) or wall time.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** The median (lower middle for an even count) of an unsorted sample. */
export function median(sample: readonly number[]): number {
  const sorted = [...sample].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[(sorted.length - 1) >> 1]!;
}

export function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** The process's CPU time (user + system) in milliseconds since `since` (a `process.cpuUsage()`). */
export function cpuMsSince(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
}

/** Runs `fn` `n` times after `warmup` runs; returns milliseconds per run (wall). */
export function timePerOp(fn: () => void, n: number, warmup = Math.min(20, n)): number {
  for (let i = 0; i < warmup; i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  return (performance.now() - t0) / n;
}

/**
 * Runs `fn` `n` times after `warmup` runs; returns CPU milliseconds per run. Other threads of the
 * process count too, so call it while they are idle.
 */
export function cpuPerOp(fn: () => void, n: number, warmup = Math.min(20, n)): number {
  for (let i = 0; i < warmup; i++) fn();
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) fn();
  return cpuMsSince(c0) / n;
}
