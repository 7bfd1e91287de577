/**
 * `hjsim train [--port N] [--scenarios DIR | --scenario FILE]`: serves the trainer page on
 * 127.0.0.1, prints its URL, and runs until SIGINT or SIGTERM. `--scenario` offers the folder of
 * one file — what `hjsim reproduce` wrote (scenario.yaml and its fix-*.yaml) — and names the file
 * to pick. A bad folder or file, or a busy port, is a usage error (exit 2).
 */
import { statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { Command } from 'commander';
import { SimError } from '../../core/errors.ts';
import { portNumber, signalled } from './arguments.ts';
import { startTrainServer } from '../train/train-server.ts';

export const DEFAULT_TRAIN_PORT = 4780;

export function trainCommand(onExit: (code: number) => void): Command {
  return new Command('train')
    .description(
      'serve the trainer web page on 127.0.0.1: run scenarios, inspect every message, quiz yourself',
    )
    .option('--port <n>', 'port on 127.0.0.1 (0: any free port)', portNumber, DEFAULT_TRAIN_PORT)
    .option('--scenarios <dir>', 'the scenario folder to offer', 'scenarios')
    .option(
      '--scenario <file>',
      'offer the folder of this scenario file (e.g. the scenario.yaml hjsim reproduce wrote) and name it to pick',
    )
    .action(async (opts: { port: number; scenarios: string; scenario?: string }) => {
      let dir = opts.scenarios;
      if (opts.scenario !== undefined) {
        if (!statSync(opts.scenario, { throwIfNoEntry: false })?.isFile()) {
          throw new SimError('ERR_USAGE', `no such scenario file: ${opts.scenario}`, {
            hint: 'hjsim train --scenario FILE takes a scenario file, e.g. hjsim-reproduce/scenario.yaml',
          });
        }
        dir = dirname(opts.scenario);
      }
      // Listen for the signal before announcing the URL: a caller may stop us as soon as it reads it.
      const stop = signalled();
      const server = await startTrainServer({ port: opts.port, scenariosDir: dir });
      console.log(`hjsim train: the trainer is at ${server.url}`);
      console.log(
        opts.scenario !== undefined
          ? `  scenarios from ${dir}; pick ${basename(opts.scenario)}; Ctrl+C stops`
          : `  scenarios from ${dir}; Ctrl+C stops`,
      );
      const sig = await stop;
      await server.close();
      console.log(`hjsim train: stopped (${sig})`);
      onExit(0);
    });
}
