/**
 * The `hjsim` command line. Exit codes: 0 all expectations hold, 1 a scenario failed, 2 invalid
 * input (bad arguments, unreadable or invalid scenario files), 3 `explain` does not know the code.
 */
import { writeFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import { isSimError } from '../core/errors.ts';
import { benchCommand } from './bench.ts';
import { diagnoseCommand } from './diagnose.ts';
import { explainCommand } from './explain.ts';
import { closeInProcessTransport } from '../transport/msw-transport.ts';
import { findScenarioFiles } from '../scenario/find-scenarios.ts';
import { loadScenario, type LoadedScenario } from '../scenario/load-scenario.ts';
import { jsonReport } from '../scenario/reporters/json-reporter.ts';
import { prettyReport, type Show } from '../scenario/reporters/pretty-reporter.ts';
import { runLoadedScenario, type ScenarioResult } from '../scenario/run-scenario.ts';
import { tokenCommand } from './token.ts';

export const EXIT = { ok: 0, failed: 1, invalid: 2 } as const;

function errorText(e: unknown): string {
  if (isSimError(e)) return `hjsim: ${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}`;
  return `hjsim: ${e instanceof Error ? e.message : String(e)}`;
}

async function runCommand(
  paths: string[],
  opts: { reporter: 'pretty' | 'json'; out?: string; show: Show[] },
): Promise<number> {
  const started = performance.now();
  const files = await findScenarioFiles(paths.length ? paths : ['scenarios']);
  if (files.length === 0) {
    console.error(`hjsim: no scenario files (*.yaml) under ${paths.join(', ') || 'scenarios'}`);
    return EXIT.invalid;
  }
  const loaded: LoadedScenario[] = [];
  const invalid: string[] = [];
  for (const f of files) {
    try {
      loaded.push(await loadScenario(f));
    } catch (e) {
      invalid.push(errorText(e));
    }
  }
  if (invalid.length) {
    console.error(invalid.join('\n'));
    console.error(
      `hjsim: ${invalid.length} of ${files.length} scenario files are invalid; nothing was run`,
    );
    return EXIT.invalid;
  }
  const results: ScenarioResult[] = [];
  for (const l of loaded) results.push(await runLoadedScenario(l));
  const duration = performance.now() - started;
  const text =
    opts.reporter === 'json'
      ? jsonReport(results, duration, {
          transcripts: opts.show.includes('transcript') || opts.show.includes('status'),
        })
      : prettyReport(results, duration, {
          color: !opts.out && process.stdout.isTTY === true && !process.env['NO_COLOR'],
          show: opts.show,
          cwd: process.cwd(),
        });
  if (opts.out) await writeFile(opts.out, `${text}\n`);
  else console.log(text);
  return results.every((r) => r.status === 'passed') ? EXIT.ok : EXIT.failed;
}

export function buildProgram(onExit: (code: number) => void): Command {
  const program = new Command('hjsim')
    .description(
      'Simulates the Microsoft Entra federated hybrid join offline: mock IdP, mock Entra, and the Windows join client.',
    )
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      writeOut: (s) => process.stdout.write(s),
    });
  program
    .command('run')
    .description('run scenario files or folders (default: scenarios/) and check each expect')
    .argument('[paths...]', 'scenario files or folders')
    .addOption(
      new Option('--reporter <name>', 'output format')
        .choices(['pretty', 'json'])
        .default('pretty'),
    )
    .option('--out <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option('--show <what...>', 'also print, per scenario')
        .choices(['transcript', 'status', 'exchanges', 'entra-log'])
        .default([]),
    )
    .action(
      async (
        paths: string[],
        opts: { reporter: 'pretty' | 'json'; out?: string; show: Show[] },
      ) => {
        onExit(await runCommand(paths, opts));
      },
    );
  program.addCommand(tokenCommand(onExit));
  program.addCommand(benchCommand(onExit));
  program.addCommand(diagnoseCommand(onExit));
  program
    .command('explain')
    .description(
      'what an AADSTS code, HRESULT, DSREG/ADAL symbol or DRS ErrorType means, its provenance, and the scenarios that produce it',
    )
    .argument('<code>', 'AADSTS51004 or 51004, 0xcaa1000e, ERROR_ADAL_HANDLE, DirectoryError')
    .option('--json', 'print one JSON object')
    .option(
      '--scenarios <dir>',
      'folder to look for producing scenarios in (default: the shipped library)',
    )
    .action(async (code: string, opts: { json?: boolean; scenarios?: string }) => {
      onExit(
        await explainCommand(code, opts, {
          out: (s) => console.log(s),
          err: (s) => console.error(s),
          cwd: process.cwd(),
        }),
      );
    });
  // Commands added with addCommand do not inherit these: every usage error must exit 2 via main().
  for (const c of program.commands) {
    c.exitOverride().configureOutput({
      writeErr: (s) => process.stderr.write(s),
      writeOut: (s) => process.stdout.write(s),
    });
  }
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      code = e.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    } else {
      console.error(errorText(e));
      code = isSimError(e) && e.code !== 'ERR_INTERNAL' ? EXIT.invalid : EXIT.failed;
    }
  } finally {
    closeInProcessTransport();
  }
  return code;
}
