/**
 * `hjsim import FILE`: a customer's `Get-MgDomainFederationConfiguration | Format-List` → a
 * scenario (YAML, `--out FILE` or stdout) whose tenant federation block matches, then (unless
 * `--no-run`) a run of it against the IdP profile (`--profile`, default guessed from the URLs)
 * and what would fail. The report goes to stdout with `--out`, to stderr when the YAML takes
 * stdout. Exit 0 written (whatever the run found), 2 the input is unreadable or not a listing.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { diagnoseText } from '../diagnose/diagnose.ts';
import {
  planImport,
  type ImportPlan,
  type ImportProfile,
} from '../diagnose/import/import-federation.ts';
import { parseFederationList } from '../diagnose/import/parse-federation-list.ts';
import { readInputFile } from '../diagnose/read-input.ts';

export const IMPORT_EXIT = { ok: 0, invalid: 2 } as const;

interface ImportOptions {
  out?: string;
  run: boolean;
  profile?: ImportProfile;
  domain?: string;
  tenantId?: string;
  keepCertificate?: boolean;
}

async function runPlan(plan: ImportPlan, file: string): Promise<string[]> {
  const { loadScenario } = await import('../../scenario/language/load-scenario.ts');
  const { runLoadedScenario } = await import('../../scenario/run/run-scenario.ts');
  const { closeInProcessTransport } = await import('../../transport/msw-transport.ts');
  try {
    const result = await runLoadedScenario(await loadScenario(file));
    if (result.status === 'error')
      return [`run: the scenario could not run: ${result.error?.message ?? 'unknown error'}`];
    const o = result.outcome!;
    if (o.joined && o.joinType === 'federated')
      return [
        `run: federated join succeeded against the ${plan.profile} profile — these federation settings work (the certificate aside).`,
      ];
    const lines = [
      `run: the federated join FAILS against the ${plan.profile} profile (error phase ${o.errorPhase ?? '?'}; ${[...o.aadsts.map((c) => `AADSTS${c}`), ...o.hresults].join(', ')})`,
    ];
    const d = diagnoseText(result.transcript.join('\n'));
    if (d.ok)
      for (const f of d.diagnosis.findings.slice(0, 3))
        lines.push(`  would fail: ${f.cause.title} [${f.cause.id}]`);
    return lines;
  } finally {
    closeInProcessTransport();
  }
}

export async function runImport(
  file: string,
  opts: ImportOptions,
  io: { out: (s: string) => void; err: (s: string) => void },
): Promise<number> {
  const read = await readInputFile(file);
  if (!read.ok) {
    io.err(`hjsim: ${read.message}`);
    return IMPORT_EXIT.invalid;
  }
  const listing = parseFederationList(read.text);
  const planned = planImport(listing, {
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.domain ? { domain: opts.domain } : {}),
    ...(opts.tenantId ? { tenantId: opts.tenantId } : {}),
    ...(opts.keepCertificate ? { keepCertificate: true } : {}),
  });
  if (!planned.ok) {
    io.err(`hjsim: ${file}: ${planned.message}`);
    io.err(
      "  hint: import reads the output of Get-MgDomainFederationConfiguration -DomainId '<domain>' | Format-List",
    );
    return IMPORT_EXIT.invalid;
  }
  const plan = planned.plan;
  const report = opts.out ? io.out : io.err;
  if (opts.out) {
    try {
      await writeFile(opts.out, plan.yaml);
    } catch (e) {
      io.err(`hjsim: cannot write ${opts.out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      return IMPORT_EXIT.invalid;
    }
  } else io.out(plan.yaml.trimEnd());

  const lines = [
    `import: ${plan.domain}, IdP ${plan.host}${plan.appId ? ` (application ${plan.appId})` : ''}, profile ${plan.profile}${plan.profileGuessed ? ' (guessed from the URLs; --profile to choose)' : ''}${opts.out ? `, scenario written to ${opts.out}` : ''}`,
    ...plan.checks.map(
      (c) =>
        `  ${c.ok === true ? 'ok  ' : c.ok === false ? 'FAIL' : '??  '} ${c.what}${c.signature ? ` → ${c.signature}` : ''}`,
    ),
  ];
  for (const l of listing.ignored.slice(0, 3)) lines.push(`  note: ignored line: ${l}`);
  if (opts.run) {
    let file = opts.out;
    let tmp: string | undefined;
    if (!file) {
      tmp = await mkdtemp(join(tmpdir(), 'hjsim-import-'));
      file = join(tmp, 'imported.yaml');
      await writeFile(file, plan.yaml);
    }
    try {
      lines.push(...(await runPlan(plan, file)));
    } finally {
      if (tmp) await rm(tmp, { recursive: true, force: true });
    }
  }
  report(lines.join('\n'));
  return IMPORT_EXIT.ok;
}

export function importCommand(onExit: (code: number) => void): Command {
  return new Command('import')
    .description(
      'turns Get-MgDomainFederationConfiguration | Format-List output into a scenario whose federation block matches, runs it against an IdP profile and says what would fail',
    )
    .argument('<file>', 'the Format-List output')
    .option(
      '--out <file>',
      'write the scenario here (default: stdout; the report then goes to stderr)',
    )
    .option('--no-run', 'only write the scenario')
    .addOption(
      new Option(
        '--profile <name>',
        'IdP profile to run against (default: guessed from the URLs)',
      ).choices(['pingone', 'adfs']),
    )
    .option(
      '--domain <name>',
      'the verified domain (default: the -DomainId of a PS> line, or the AD FS IssuerUri)',
    )
    .option('--tenant-id <guid>', 'the tenant id (Format-List does not print it)')
    .option(
      '--keep-certificate',
      "keep the customer's SigningCertificate (the run then fails at the signature check)",
    )
    .action(async (file: string, opts: ImportOptions) => {
      onExit(
        await runImport(file, opts, {
          out: (s) => console.log(s),
          err: (s) => console.error(s),
        }),
      );
    });
}
