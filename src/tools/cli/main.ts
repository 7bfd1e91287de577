/**
 * The `hjsim` command line. Exit codes: 0 all expectations hold, 1 a scenario failed, 2 invalid
 * input (bad arguments, unreadable or invalid scenario files).
 */
import { Command, CommanderError, Option } from 'commander';
import { isSimError } from '../../core/errors.ts';
import { closeLoopbackTransport } from '../../transport/loopback-transport.ts';
import { closeInProcessTransport } from '../../transport/msw-transport.ts';
import type { Show } from '../../scenario/run/reporters/pretty-reporter.ts';
import type { TransportKind } from '../../scenario/run/run-scenario.ts';
import { HELP_WIDTH, parseShardOption, portNumber, positiveInt } from './arguments.ts';
import type { Shard } from '../../scenario/language/shard.ts';
import { errorText } from './error-text.ts';
import { EXIT } from './exit-codes.ts';
import { matrixCommand } from './matrix-command.ts';
import { runCommand, type ReporterName } from './run-command.ts';
import { serveCommand } from './serve-command.ts';
import { idpOrigin, listenAddress, SERVE_PARTIES, type ServeParty } from './serve-options.ts';
import type { ListenAddress } from '../../transport/loopback-server.ts';
import { benchCommand } from './bench.ts';
import { mergeReportsCommand } from './merge-reports.ts';
import { diagnoseCommand } from './diagnose.ts';
import { importCommand } from './import.ts';
import { reproduceCommand } from './reproduce.ts';
import { explainCommand } from './explain.ts';
import { tokenCommand } from './token.ts';
import { trainCommand } from './train.ts';
import { conformCommandDefinition } from './conform-command.ts';
import { HR } from '../../protocol/hresult/catalog.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

export { EXIT };

export function buildProgram(onExit: (code: number) => void): Command {
  const program = new Command('hjsim')
    .description(
      'Simulates the Microsoft Entra federated hybrid join offline: mock IdP, mock Entra, and the Windows join client.',
    )
    .exitOverride()
    .configureHelp({ helpWidth: HELP_WIDTH })
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
        .choices(['pretty', 'json', 'junit'])
        .default('pretty'),
    )
    .option('--out <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option('--show <what...>', 'also print, per scenario')
        .choices(['transcript', 'status', 'events', 'exchanges', 'entra-log'])
        .default([]),
    )
    .option(
      '--filter <text>',
      'run only scenarios with this tag or this text in their name (tag:NAME: tags only); repeatable',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option(
      '--concurrency <n>',
      'worker threads running scenarios side by side; results keep their order',
      positiveInt('--concurrency', 64),
      1,
    )
    .addOption(
      new Option('--transport <kind>', 'inprocess (msw, no sockets) or http (HTTPS on 127.0.0.1)')
        .choices(['inprocess', 'http'])
        .default('inprocess'),
    )
    .option(
      '--update-golden',
      'write <scenario>.golden.txt beside each seeded scenario (later runs diff against it)',
    )
    .option(
      '--shard <i/n>',
      'run only the i-th of n equal slices of the scenarios (one per CI machine; hjsim merge-reports joins their reports)',
      parseShardOption,
    )
    .option(
      '--no-timing',
      'print every duration as 0 (and JUnit timestamps as 1970-01-01): two runs of seeded scenarios print the same bytes',
    )
    .action(
      async (
        paths: string[],
        opts: {
          reporter: ReporterName;
          out?: string;
          show: Show[];
          filter?: string[];
          concurrency: number;
          transport: TransportKind;
          updateGolden?: boolean;
          timing: boolean;
          shard?: Shard;
        },
      ) => {
        onExit(
          await runCommand(paths, {
            timing: opts.timing,
            reporter: opts.reporter,
            show: opts.show,
            concurrency: opts.concurrency,
            transport: opts.transport,
            ...(opts.out ? { out: opts.out } : {}),
            ...(opts.filter ? { filter: opts.filter } : {}),
            ...(opts.updateGolden ? { updateGolden: true } : {}),
            ...(opts.shard ? { shard: opts.shard } : {}),
          }),
        );
      },
    );
  program
    .command('serve')
    .description("serve a scenario's mock IdP and mock Entra on 127.0.0.1 (one port) until Ctrl+C")
    .option('--port <n>', 'port to listen on (0: any free port)', portNumber, 0)
    .option(
      '--scenario <file>',
      'the scenario whose parties to serve',
      'scenarios/pingone/baseline.yaml',
    )
    .option('--tls', 'HTTPS with the TEST ONLY certificate for 127.0.0.1 (trust certs/tls-ca.crt)')
    .option(
      '--host <address>',
      'listen on 127.0.0.1, or on every interface (0.0.0.0, ::) inside a container; URLs still name 127.0.0.1',
      listenAddress,
      '127.0.0.1',
    )
    .addOption(
      new Option('--party <which>', 'serve the mock IdP and mock Entra, or one of them')
        .choices(SERVE_PARTIES)
        .default('all'),
    )
    .option(
      '--idp-url <origin>',
      "with --party entra: where the IdP is served (e.g. https://127.0.0.1:4444); the scenario's IdP URLs are rewritten to it",
      idpOrigin,
    )
    .option(
      '--clock <when>',
      "the parties' clock: now (wall clock) or an ISO time (default: the scenario's; seeded scenarios stand still at their seed's moment)",
    )
    .action(
      async (opts: {
        port: number;
        scenario: string;
        tls?: boolean;
        host: ListenAddress;
        party: ServeParty;
        idpUrl?: string;
        clock?: string;
      }) => {
        onExit(
          await serveCommand({
            port: opts.port,
            scenario: opts.scenario,
            tls: !!opts.tls,
            host: opts.host,
            party: opts.party,
            ...(opts.idpUrl !== undefined ? { idpUrl: opts.idpUrl } : {}),
            ...(opts.clock === undefined ? {} : { clock: opts.clock }),
          }),
        );
      },
    );
  program
    .command('matrix')
    .description(
      'write one scenario per single misconfiguration of a baseline, each with its predicted outcome',
    )
    .argument('<baseline>', 'a scenario that joins federated')
    .requiredOption('--out <dir>', 'folder to write the scenarios to (created if missing)')
    .action(async (baseline: string, opts: { out: string }) => {
      onExit(await matrixCommand(baseline, opts));
    });
  program
    .command('explain')
    .description(
      'what an AADSTS code, HRESULT, DSREG/ADAL symbol or DRS ErrorType means, its provenance, and the scenarios that produce it',
    )
    .argument(
      '<code>',
      `AADSTS${AADSTS.UserAccountNotInDirectory} or 51004, ${HR.ERROR_ADAL_HANDLE}, ERROR_ADAL_HANDLE, DirectoryError`,
    )
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
  program.addCommand(tokenCommand(onExit));
  program.addCommand(mergeReportsCommand(onExit));
  program.addCommand(benchCommand(onExit));
  program.addCommand(trainCommand(onExit));
  program.addCommand(diagnoseCommand(onExit));
  program.addCommand(importCommand(onExit));
  program.addCommand(reproduceCommand(onExit));
  program.addCommand(conformCommandDefinition(onExit));
  // Commands added with addCommand do not inherit these: every usage error must exit 2 via main().
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
    await closeLoopbackTransport();
  }
  return code;
}
