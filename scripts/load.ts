/**
 * `npm run load [-- --joins N --concurrency C --scenario FILE]`: starts the scenario's parties on
 * one HTTPS loopback server (what `hjsim serve --tls` serves), runs N full `dsregcmd /join`s over
 * real sockets, C at a time, and prints successes, errors, p50/p95 latency and RSS before/after.
 * Bounded: N joins, then it stops by itself. Only 127.0.0.1 is ever contacted.
 */
import { runDsregJoin } from '../src/client/dsreg/dsreg-join.ts';
import { buildWorld } from '../src/scenario/world/build-world.ts';
import { loadScenario } from '../src/scenario/language/load-scenario.ts';
import { SERVE_KEEPS_EXCHANGES } from '../src/tools/cli/serve-command.ts';
import { startLoopbackServer } from '../src/transport/loopback-server.ts';
import { withFetchRoutedTo } from '../src/transport/route-fetch.ts';
import { percentile } from '../src/tools/bench/stats.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const joins = Number(arg('joins', '1000'));
const concurrency = Number(arg('concurrency', '50'));
const file = arg('scenario', 'scenarios/pingone/baseline.yaml');
if (!Number.isInteger(joins) || joins < 1 || !Number.isInteger(concurrency) || concurrency < 1) {
  console.error('load: --joins and --concurrency take whole numbers ≥ 1');
  process.exit(2);
}

const loaded = await loadScenario(file);
const world = buildWorld(loaded.scenario, loaded.dir);
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
/** Garbage collected first where node runs with --expose-gc (`npm run load` does). */
const memory = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage();
};
const before = memory();
const rssBefore = before.rss;
// As `hjsim serve` does: the server keeps only its newest exchanges (bodies and all).
const server = await startLoopbackServer(() => world.parties, {
  tls: true,
  keepExchanges: SERVE_KEEPS_EXCHANGES,
});
const latencies: number[] = [];
const errors = new Map<string, number>();
let ok = 0;
let next = 0;
const started = performance.now();
await withFetchRoutedTo({ port: server.port, tls: true }, async () => {
  const worker = async () => {
    while (next < joins) {
      next++;
      const t0 = performance.now();
      try {
        const trace = await runDsregJoin(world.machine);
        if (trace.outcome.joined && trace.outcome.joinType === loaded.scenario.expect.joinType)
          ok++;
        else {
          const why = `${trace.outcome.joinType} ${trace.outcome.hresults.join(',')}`;
          errors.set(why, (errors.get(why) ?? 0) + 1);
        }
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        errors.set(why, (errors.get(why) ?? 0) + 1);
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
});
const wall = performance.now() - started;
// Measured while the server still holds what it keeps (its exchange log, mock Entra's state).
const after = memory();
const rssAfter = after.rss;
await server.close();
latencies.sort((a, b) => a - b);
const failed = [...errors.values()].reduce((a, b) => a + b, 0);
console.log(
  `load: ${joins} joins of ${file} over HTTPS on ${server.baseUrl}, ${concurrency} at a time`,
);
console.log(
  `  successes ${ok}, errors ${failed}${failed ? ` (${[...errors].map(([k, v]) => `${v}× ${k}`).join('; ')})` : ''}`,
);
console.log(
  `  wall ${(wall / 1000).toFixed(2)} s, ${((joins / wall) * 1000).toFixed(1)} joins/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`,
);
console.log(
  `  RSS ${mb(rssBefore)} MiB before, ${mb(rssAfter)} MiB after (${rssAfter >= rssBefore ? '+' : ''}${mb(rssAfter - rssBefore)} MiB); ` +
    `JS heap in use ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MiB${'gc' in globalThis ? ' (after a full GC)' : ''}`,
);
process.exitCode = failed ? 1 : 0;
