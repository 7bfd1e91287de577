/**
 * `hjsim conform --idp-mex URL …`: the conformance plan (src/conform) against a WS-Trust IdP —
 * a real one, or hjsim's mock served by `hjsim serve` — with a verdict per check. Exit 0 when no
 * check FAILED (warnings allowed), 1 when one did, 2 on invalid input (a bad URL or file, missing
 * credentials, an IdP that cannot be reached at all).
 */
import { Command, Option } from 'commander';
import { isSimError } from '../../core/errors.ts';
import { conformSettings, type ConformInput } from '../conform/conform-input.ts';
import {
  jsonConformReport,
  junitConformReport,
  prettyConformReport,
} from '../conform/conform-reporters.ts';
import { runConformance } from '../conform/run-conformance.ts';
import { EXIT } from './exit-codes.ts';
import { errorText } from './error-text.ts';
import { writeOutputFile } from './write-output.ts';

export interface ConformOptions extends ConformInput {
  readonly reporter: 'pretty' | 'json' | 'junit';
  readonly out?: string;
}

export interface ConformIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Colours for the pretty report (a terminal, no NO_COLOR, no --out). */
  readonly color: boolean;
}

const DEFAULT_IO: ConformIo = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  env: process.env,
  color: process.stdout.isTTY === true && !process.env['NO_COLOR'],
};

/** Runs the plan; returns the exit code. Input errors are printed here (exit 2). */
export async function conformCommand(
  opts: ConformOptions,
  io: ConformIo = DEFAULT_IO,
): Promise<number> {
  const startedAt = new Date();
  try {
    const settings = await conformSettings(opts, { env: io.env });
    const report = await runConformance(settings);
    const text =
      opts.reporter === 'json'
        ? jsonConformReport(report)
        : opts.reporter === 'junit'
          ? junitConformReport(report, startedAt)
          : prettyConformReport(report, { color: io.color && !opts.out });
    const s = report.summary;
    if (opts.out) {
      await writeOutputFile(opts.out, `${text}\n`);
      io.err(
        `hjsim conform: ${s.total} checks, ${s.passed} passed, ${s.warnings} warnings, ${s.failed} failed, ${s.skipped} skipped; report written to ${opts.out}`,
      );
    } else io.out(text);
    return s.failed > 0 ? EXIT.failed : EXIT.ok;
  } catch (e) {
    if (!isSimError(e) || e.code === 'ERR_INTERNAL') throw e;
    io.err(errorText(e));
    return EXIT.invalid;
  }
}

export function conformCommandDefinition(onExit: (code: number) => void): Command {
  return new Command('conform')
    .description(
      "test a WS-Trust IdP for federated hybrid join: MEX, endpoints, token type, signature, issuer and certificate against the domain's federation settings, validity, device claims, and mock Entra's verdict",
    )
    .option('--idp-mex <url>', "the IdP's MEX (the domain's MetadataExchangeUri), https")
    .option(
      '--scenario <file>',
      "take the federation settings (and the computer) from this scenario's federated domain",
    )
    .option('--domain <name>', 'the federated domain (of the scenario, or for the report)')
    .option('--issuer <uri>', "the domain's IssuerUri")
    .option('--signing-cert <file>', "the domain's SigningCertificate (PEM file, or base64)")
    .option('--next-signing-cert <file>', "the domain's NextSigningCertificate")
    .addOption(
      new Option('--protocol <name>', "the domain's PreferredAuthenticationProtocol").choices([
        'wsFed',
        'saml',
      ]),
    )
    .option('--tenant-id <guid>', 'the tenant id mock Entra uses')
    .option('--computer-guid <guid>', "the computer account's objectGUID (onpremobjectguid)")
    .option('--computer-sid <sid>', "the computer account's objectSid (primarysid)")
    .addOption(
      new Option(
        '--auth <kind>',
        "usernamemixed (--username, --password-env) or modeled-kerberos (hjsim's mock IdP only)",
      ).choices(['usernamemixed', 'modeled-kerberos']),
    )
    .option('--username <name>', 'who signs in with usernamemixed, e.g. a computer account NAME$')
    .option('--password-env <name>', 'the environment variable holding the password')
    .option('--ca <file>', "PEM CA certificates to trust for the IdP's TLS, besides the system's")
    .addOption(
      new Option('--reporter <name>', 'output format')
        .choices(['pretty', 'json', 'junit'])
        .default('pretty'),
    )
    .option('--out <file>', 'write the report to a file instead of stdout')
    .action(async (opts: ConformOptions) => {
      onExit(await conformCommand(opts));
    });
}
