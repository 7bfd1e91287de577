/**
 * The support commands (`diagnose`, `import`) on their own: bin/hjsim.js sends them here so that
 * they load only the modules they use and refuse a bad input at once, not after the simulator's
 * transports and reporters have loaded (issue #7: "within 2 s"). Usage errors exit 2 as in main.ts;
 * `hjsim --help` and every other command go through main.ts.
 */
import { Command, CommanderError } from 'commander';
import { isSimError } from '../../core/errors.ts';
import { HELP_WIDTH } from './arguments.ts';
import { diagnoseCommand } from './diagnose.ts';
import { importCommand } from './import.ts';

export const SUPPORT_COMMANDS: readonly string[] = ['diagnose', 'import'];

/** The support commands as one program, with the same help width and exits as main.ts's. */
export function buildSupportProgram(onExit: (code: number) => void): Command {
  const program = new Command('hjsim')
    .exitOverride()
    .configureHelp({ helpWidth: HELP_WIDTH })
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      writeOut: (s) => process.stdout.write(s),
    });
  program.addCommand(diagnoseCommand(onExit));
  program.addCommand(importCommand(onExit));
  for (const c of program.commands) {
    c.exitOverride()
      .configureHelp({ helpWidth: HELP_WIDTH })
      .configureOutput({
        writeErr: (s) => process.stderr.write(s),
        writeOut: (s) => process.stdout.write(s),
      });
  }
  return program;
}

export async function supportMain(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = buildSupportProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) code = e.exitCode === 0 ? 0 : 2;
    else {
      console.error(`hjsim: ${e instanceof Error ? e.message : String(e)}`);
      code = isSimError(e) && e.code !== 'ERR_INTERNAL' ? 2 : 1;
    }
  }
  return code;
}
