/**
 * Parsers for the command line's numeric options, shared by every command: a bad value is a
 * usage error (exit 2) whose message says what the option takes.
 */
import { InvalidArgumentError } from 'commander';

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
