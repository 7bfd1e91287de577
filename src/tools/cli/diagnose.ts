/**
 * `hjsim diagnose FILE|-`: names the likely causes of a failed (or fallen-back) hybrid join from
 * what a customer sends. Exit 0 a cause was found, 3 the input was read but no cause matches,
 * 2 the input is unreadable (missing, empty, binary, too large, not a log diagnose knows).
 */
import type { Readable } from 'node:stream';
import { Command } from 'commander';
import { PACKAGE_ROOT } from '../../core/keys.ts';
import { diagnoseText } from '../diagnose/diagnose.ts';
import { readInputFile, readInputStream } from '../diagnose/read-input.ts';
import { diagnosisJson, renderDiagnosis } from '../diagnose/render-diagnosis.ts';
import { scenarioCauses } from '../diagnose/scenario-causes.ts';

export const DIAGNOSE_EXIT = { found: 0, unreadable: 2, noMatch: 3 } as const;

export interface DiagnoseIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly cwd: string;
  readonly stdin: Readable;
}

export async function runDiagnose(
  file: string,
  opts: { json?: boolean; scenarios?: string },
  io: DiagnoseIo,
): Promise<number> {
  const read = file === '-' ? await readInputStream(io.stdin) : await readInputFile(file);
  if (!read.ok) {
    io.err(`hjsim: ${read.message}`);
    return DIAGNOSE_EXIT.unreadable;
  }
  const result = diagnoseText(read.text);
  if (!result.ok) {
    io.err(`hjsim: ${file === '-' ? 'standard input' : file}: ${result.message}`);
    io.err(
      '  hint: give diagnose the output of dsregcmd /join /debug or /status, an Event Viewer entry (User Device Registration or Workplace Join), an Entra error body or AADSTS line, or a MEX / RSTR / SAML XML document',
    );
    return DIAGNOSE_EXIT.unreadable;
  }
  const d = result.diagnosis;
  const code = d.findings.length > 0 ? DIAGNOSE_EXIT.found : DIAGNOSE_EXIT.noMatch;
  const { mapped, unreadable } = await scenarioCauses(
    opts.scenarios ?? `${PACKAGE_ROOT}/scenarios`,
  );
  for (const u of unreadable) io.err(`hjsim: skipped an unreadable scenario: ${u}`);
  io.out(opts.json ? diagnosisJson(d, mapped, io.cwd, code) : renderDiagnosis(d, mapped, io.cwd));
  if (code === DIAGNOSE_EXIT.noMatch && !opts.json)
    io.err('hjsim: no known cause matches this input (exit 3)');
  return code;
}

export function diagnoseCommand(onExit: (code: number) => void): Command {
  return new Command('diagnose')
    .description(
      'names the likely causes of a failed hybrid join from dsregcmd output, Event Viewer text, an Entra error, or a MEX / RSTR / SAML document, with the fix and the scenario that reproduces it',
    )
    .argument('<file>', 'the file to read, or - for standard input')
    .option('--json', 'print one JSON object')
    .option(
      '--scenarios <dir>',
      'scenario folder to name reproductions from (default: the shipped library)',
    )
    .action(async (file: string, opts: { json?: boolean; scenarios?: string }) => {
      onExit(
        await runDiagnose(file, opts, {
          out: (s) => console.log(s),
          err: (s) => console.error(s),
          cwd: process.cwd(),
          stdin: process.stdin,
        }),
      );
    });
}
