/**
 * `hjsim bench [--json] [--runs N] [--matrix N] [--rounds N] [paths…]`: throughput, latency and CPU
 * per scenario beside the crypto floor of the same run. A benchmark prints figures; it never fails
 * a build (exit 0 unless it cannot run).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { positiveInt } from './arguments.ts';
import { formatBench, runBench } from '../bench/run-bench.ts';

export function benchCommand(onExit: (code: number) => void): Command {
  return new Command('bench')
    .description(
      'measure scenarios/s, p50/p95 and CPU per scenario beside the crypto floor of the same run',
    )
    .argument('[paths...]', 'scenario files or folders to run (default: scenarios/)')
    .option('--json', 'print one JSON object')
    .option('--runs <n>', 'scenario runs per measurement', positiveInt('--runs', 100_000), 400)
    .option(
      '--rounds <n>',
      'rounds per measurement (CPU per scenario: median and minimum over them)',
      positiveInt('--rounds', 100),
      5,
    )
    .option(
      '--matrix <n>',
      'scenarios in the generated matrix suite',
      positiveInt('--matrix', 100_000),
      1000,
    )
    .addOption(
      // Renamed: elsewhere a "scenarios" argument is a folder, here it was a count.
      new Option('--scenarios <n>').hideHelp().argParser((): never => {
        throw new InvalidArgumentError(
          '--scenarios is now --runs (the number of scenario runs per measurement); the scenario files or folders are the arguments: hjsim bench --runs N [paths…]',
        );
      }),
    )
    .action(
      async (
        paths: string[],
        opts: { json?: boolean; runs: number; rounds: number; matrix: number },
      ) => {
        const report = await runBench({
          paths: paths.length ? paths : ['scenarios'],
          runs: opts.runs,
          rounds: opts.rounds,
          matrix: opts.matrix,
        });
        console.log(opts.json ? JSON.stringify(report, null, 2) : formatBench(report));
        onExit(0);
      },
    );
}
