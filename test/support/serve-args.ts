/**
 * Parses a `hjsim serve` command line with the CLI's own parser (`buildProgram`) without serving:
 * the container files (Dockerfile CMD, docker-compose.yml `command`, `hjsim/testcontainers`)
 * cannot drift from the options the CLI accepts.
 */
import { CommanderError } from 'commander';
import { buildProgram } from '../../src/tools/cli/main.ts';
import { checkServeCombination, type ServeParty } from '../../src/tools/cli/serve-options.ts';
import type { ListenAddress } from '../../src/transport/loopback-server.ts';

export interface ServeArgs {
  readonly port: number;
  readonly scenario: string;
  readonly tls?: boolean;
  readonly host: ListenAddress;
  readonly party: ServeParty;
  readonly idpUrl?: string;
}

/** The options `hjsim serve ARGS` runs with; throws with commander's message when it would exit 2. */
export async function parseServeArgs(args: readonly string[]): Promise<ServeArgs> {
  const program = buildProgram(() => undefined);
  const serve = program.commands.find((c) => c.name() === 'serve');
  if (!serve) throw new Error('hjsim has no serve command');
  let parsed: ServeArgs | undefined;
  serve.action((opts: ServeArgs) => {
    parsed = opts;
  });
  let stderr = '';
  serve.configureOutput({
    writeErr: (s) => (stderr += s),
    writeOut: () => undefined,
  });
  try {
    await program.parseAsync(['serve', ...args], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) throw new Error((stderr || e.message).trim(), { cause: e });
    throw e;
  }
  if (!parsed) throw new Error(`hjsim serve ${args.join(' ')} did not reach the serve action`);
  checkServeCombination(parsed);
  return parsed;
}
