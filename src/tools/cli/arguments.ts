/**
 * What the commands share: the help width, parsers for numeric options (a bad
 * value is a usage error, exit 2, whose message says what the option takes) and the stop signal.
 */
import { InvalidArgumentError } from 'commander';
import { isSimError } from '../../core/errors.ts';
import { parseShard, type Shard } from '../../scenario/language/shard.ts';

/** Help is wrapped at a fixed width so that docs/cli.md's copy matches on every terminal. */
export const HELP_WIDTH = 100;

/** A whole number from 1 to `max`, for the option `name` (named in the message). */
export function positiveInt(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max)
      throw new InvalidArgumentError(`${name} takes a whole number from 1 to ${max}.`);
    return n;
  };
}

/** A TCP port; 0 asks for any free one. */
export function portNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535)
    throw new InvalidArgumentError('a port is a whole number from 0 (any free port) to 65535.');
  return n;
}

/** Resolves with the first SIGINT or SIGTERM (`hjsim serve`, `hjsim train` run until then). */
export function signalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** `--shard i/n` (a usage error, exit 2, that names the form otherwise). */
export function parseShardOption(value: string): Shard {
  try {
    return parseShard(value);
  } catch (e) {
    const hint = isSimError(e) && e.hint ? ` (${e.hint})` : '';
    throw new InvalidArgumentError(`${e instanceof Error ? e.message : String(e)}${hint}.`);
  }
}
