/**
 * `hjsim reproduce DIR|FILE…`: recognises each customer artifact, builds one scenario from the
 * configuration ones, runs it, and compares its symptom with the customer's logs. Writes the
 * scenario (and the customer's rules beside it) and a report into --out (default
 * DIR/hjsim-reproduce); with --fix, a scenario per diagnosed cause that applies its fix, run too.
 * Exit 0 reproduced, 1 the simulation differs, 2 unreadable or incomplete artifacts.
 * @see docs/reproduce.md
 */
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { Command } from 'commander';
import { stringify } from 'yaml';
import { readInputFile } from '../diagnose/read-input.ts';
import { fixPatch } from '../diagnose/reproduce/fix-patches.ts';
import { recogniseArtifact, type Artifact } from '../diagnose/reproduce/recognise-artifact.ts';
import { planReproduction, RULES_FILE } from '../diagnose/reproduce/reproduce.ts';
import { compareSymptoms, symptomOfRun } from '../diagnose/reproduce/symptom.ts';

export const REPRODUCE_EXIT = { reproduced: 0, differs: 1, invalid: 2 } as const;

const OUT_DIR = 'hjsim-reproduce';

async function inputFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => undefined);
    if (s === undefined) throw new Error(`${p}: no such file or folder`);
    if (s.isDirectory()) {
      for (const f of (await readdir(p)).sort()) {
        const full = join(p, f);
        if (f.startsWith('.') || f === OUT_DIR) continue;
        if ((await stat(full)).isFile()) files.push(full);
      }
    } else files.push(p);
  }
  return files;
}

export interface ReproduceOptions {
  readonly out?: string;
  readonly fix?: boolean;
  readonly now?: Date;
}

export async function runReproduce(
  paths: readonly string[],
  opts: ReproduceOptions,
  io: { out: (s: string) => void; err: (s: string) => void },
): Promise<number> {
  let files: string[];
  try {
    files = await inputFiles(paths);
  } catch (e) {
    io.err(`hjsim: ${(e as Error).message}`);
    return REPRODUCE_EXIT.invalid;
  }
  const artifacts: Artifact[] = [];
  const lines: string[] = [];
  for (const f of files) {
    const read = await readInputFile(f);
    if (!read.ok) {
      lines.push(`  skipped ${basename(f)}: ${read.message}`);
      continue;
    }
    const a = recogniseArtifact(basename(f), read.text);
    artifacts.push(a);
    lines.push(
      `  ${basename(f)}: ${a.kind === 'log' ? `log (${a.logKinds?.join(', ')})` : a.kind}`,
    );
  }
  const planned = planReproduction(artifacts, opts.now);
  if (!planned.ok) {
    io.err(['hjsim reproduce: artifacts', ...lines, `hjsim: ${planned.message}`].join('\n'));
    return REPRODUCE_EXIT.invalid;
  }
  const plan = planned.plan;
  const firstDir = (await stat(paths[0]!)).isDirectory() ? paths[0]! : resolve(paths[0]!, '..');
  const out = resolve(opts.out ?? join(firstDir, OUT_DIR));
  await mkdir(out, { recursive: true });
  const scenarioFile = join(out, 'scenario.yaml');
  await writeFile(scenarioFile, plan.yaml);
  if (plan.rules !== undefined) await writeFile(join(out, RULES_FILE), `${plan.rules.trim()}\n`);

  const { loadScenario } = await import('../../scenario/language/load-scenario.ts');
  const { runLoadedScenario } = await import('../../scenario/run/run-scenario.ts');
  const { closeInProcessTransport } = await import('../../transport/msw-transport.ts');
  const report = ['hjsim reproduce: artifacts', ...lines, ...plan.notes.map((n) => `  ${n}`)];
  let code: number = REPRODUCE_EXIT.reproduced;
  try {
    const result = await runLoadedScenario(await loadScenario(scenarioFile));
    if (result.status === 'error' || result.outcome === undefined) {
      report.push(`run: the scenario could not run: ${result.error?.message ?? 'unknown error'}`);
      io.out(report.join('\n'));
      await writeFile(join(out, 'reproduce-report.txt'), `${report.join('\n')}\n`);
      return REPRODUCE_EXIT.invalid;
    }
    const simulated = symptomOfRun(result.outcome);
    const show = (s: typeof simulated) =>
      `${s.joined === undefined ? '' : s.joined ? 'joined' : 'not joined'}${s.fallback ? ', fell back to sync join' : ''}; phase ${s.phase ?? '-'}; ${[...s.aadsts.map((c) => `AADSTS${c}`), ...s.hresults].join(', ') || 'no error codes'}`;
    report.push(`customer:  ${show(plan.customer)}`, `simulated: ${show(simulated)}`);
    const differences = compareSymptoms(plan.customer, simulated);
    if (differences.length === 0) report.push('verdict: reproduced');
    else {
      code = REPRODUCE_EXIT.differs;
      report.push('verdict: differs', ...differences.map((d) => `  - ${d}`));
      if (plan.findings.length > 0)
        report.push(
          "  causes diagnose reads in the customer's logs (what the artifacts may not show):",
        );
      for (const f of plan.findings.slice(0, 3))
        report.push(`    ${f.cause.title} [${f.cause.id}]`);
    }
    const fixes = plan.findings
      .map((f) =>
        fixPatch(f.cause.id, {
          profile: plan.profile,
          domain: plan.domain,
          scenario: plan.scenario,
          ...(plan.rules ? { rules: plan.rules } : {}),
        }),
      )
      .filter((p) => p !== undefined);
    if (opts.fix) {
      for (const fix of fixes) {
        const file = join(out, `fix-${fix.causeId}.yaml`);
        if (fix.rules !== undefined)
          await writeFile(join(out, `fix-${fix.causeId}.rules.txt`), `${fix.rules.trim()}\n`);
        const yaml = `# hjsim reproduce --fix: ${fix.what}\nextends: scenario.yaml\nname: 'Fix for ${fix.causeId}: ${fix.what.replace(/'/g, "''")}'\n${stringify(fix.patch, { lineWidth: 0 })}`;
        await writeFile(file, yaml);
        const r = await runLoadedScenario(await loadScenario(file));
        const o = r.outcome;
        report.push(
          `fix ${basename(file)}: ${fix.what} → ${o ? (o.joined && o.joinType === 'federated' ? 'federated join succeeds' : `still ${o.joinType === 'sync' ? 'sync join' : 'not joined'} (${o.aadsts.map((c) => `AADSTS${c}`).join(', ') || o.hresults.join(', ')})`) : `error: ${r.error?.message ?? '?'}`}`,
        );
      }
    } else if (fixes.length > 0)
      report.push(
        `--fix writes ${fixes.length} ready-made change(s): ${fixes.map((f) => f.causeId).join(', ')}`,
      );
    report.push(
      `scenario: ${scenarioFile}`,
      `  in the trainer: hjsim train --scenario ${scenarioFile}`,
    );
  } finally {
    closeInProcessTransport();
  }
  await writeFile(join(out, 'reproduce-report.txt'), `${report.join('\n')}\n`);
  io.out(report.join('\n'));
  return code;
}

export function reproduceCommand(onExit: (code: number) => void): Command {
  return new Command('reproduce')
    .description(
      "builds one scenario from a customer's artifacts (AD FS claim rules, PingOne attribute mappings, Get-MgDomainFederationConfiguration | Format-List) and the device's logs (dsregcmd /status, /join /debug, Event Viewer), runs it and says whether it shows the customer's symptom",
    )
    .argument('<paths...>', 'a folder of artifacts, or the files themselves')
    .option(
      '--out <dir>',
      `where to write the scenario and the report (default: <folder>/${OUT_DIR})`,
    )
    .option(
      '--fix',
      "also write and run a scenario per diagnosed cause with the cause's fix applied",
    )
    .action(async (paths: string[], o: { out?: string; fix?: boolean }) => {
      onExit(
        await runReproduce(
          paths,
          { ...(o.out ? { out: o.out } : {}), ...(o.fix ? { fix: true } : {}) },
          {
            out: (s) => process.stdout.write(`${s}\n`),
            err: (s) => process.stderr.write(`${s}\n`),
          },
        ),
      );
    });
}
