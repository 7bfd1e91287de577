/**
 * `hjsim merge-reports FILE… [--out FILE]`: joins the JSON or JUnit reports of the shards of one
 * run (`hjsim run --shard i/n`) into the report the unsharded run writes (docs/ci-sharding.md).
 * Exit 0 merged, 2 when a file is unreadable, not a shard's report, or a shard is missing.
 */
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { SimError } from '../../core/errors.ts';
import { mergeReports, type ReportFile } from '../../scenario/run/reporters/merge-reports.ts';
import { EXIT } from './exit-codes.ts';
import { writeOutputFile } from './write-output.ts';

async function read(path: string): Promise<ReportFile> {
  try {
    return { name: path, text: await readFile(path, 'utf8') };
  } catch (cause) {
    throw new SimError('ERR_USAGE', `cannot read the report ${path}`, {
      cause,
      where: path,
      hint: 'name the files that hjsim run --shard i/n --out FILE wrote',
    });
  }
}

export function mergeReportsCommand(onExit: (code: number) => void): Command {
  return new Command('merge-reports')
    .description(
      'join the JSON or JUnit reports of the shards of one run (hjsim run --shard i/n) into one',
    )
    .argument('<files...>', 'the shard reports, any order, all JSON or all JUnit')
    .option('--out <file>', 'write the merged report to a file instead of stdout')
    .action(async (files: string[], opts: { out?: string }) => {
      const merged = mergeReports(await Promise.all(files.map(read)));
      if (opts.out) {
        await writeOutputFile(opts.out, `${merged.text}\n`);
        console.error(
          `hjsim: merged ${files.length} ${merged.kind === 'json' ? 'JSON' : 'JUnit'} reports into ${opts.out}`,
        );
      } else console.log(merged.text);
      onExit(EXIT.ok);
    });
}
