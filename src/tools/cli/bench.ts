/**
 * `hjsim bench [--json] [--scenarios N] [paths…]`: throughput and latency beside the crypto floor
 * of the same run. A benchmark prints figures; it never fails a build (exit 0 unless it cannot run).
 */
import { Command } from 'commander';
import { positiveInt } from './arguments.ts';
import { formatBench, runBench } from '../bench/run-bench.ts';

export function benchCommand(onExit: (code: number) => void): Command {
  return new Command('bench')
    .description(
      'measure scenarios/s, p50/p95 and CPU per scenario beside the crypto floor of the same run',
    )
    .argument('[paths...]', 'scenario files or folders to run (default: scenarios/)')
    .option('--json', 'print one JSON object')
    .option(
      '--scenarios <n>',
      'scenario runs per measurement',
      positiveInt('--scenarios', 100_000),
      400,
    )
    .option(
      '--matrix <n>',
      'scenarios in the generated matrix suite',
      positiveInt('--matrix', 100_000),
      1000,
    )
    .action(
      async (paths: string[], opts: { json?: boolean; scenarios: number; matrix: number }) => {
        const report = await runBench({
          paths: paths.length ? paths : ['scenarios'],
          scenarios: opts.scenarios,
          matrix: opts.matrix,
        });
        console.log(opts.json ? JSON.stringify(report, null, 2) : formatBench(report));
        onExit(0);
      },
    );
}
