/**
 * `hjsim train [--port N] [--scenarios DIR]`: serves the trainer page on 127.0.0.1, prints its
 * URL, and runs until SIGINT or SIGTERM. A bad folder or a busy port is a usage error (exit 2).
 */
import { Command } from 'commander';
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
    .action(async (opts: { port: number; scenarios: string }) => {
      // Listen for the signal before announcing the URL: a caller may stop us as soon as it reads it.
      const stop = signalled();
      const server = await startTrainServer({ port: opts.port, scenariosDir: opts.scenarios });
      console.log(`hjsim train: the trainer is at ${server.url}`);
      console.log(`  scenarios from ${opts.scenarios}; Ctrl+C stops`);
      const sig = await stop;
      await server.close();
      console.log(`hjsim train: stopped (${sig})`);
      onExit(0);
    });
}
