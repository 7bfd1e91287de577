/**
 * Golden transcripts: `<scenario>.golden.txt` beside `<scenario>.yaml` holds what a seeded run
 * prints (`dsregcmd /join /debug`, then `dsregcmd /status`). When the file exists every run diffs
 * against it and a difference fails the scenario; `hjsim run --update-golden` (re)writes it on
 * purpose. Only seeded scenarios have goldens: without `seed:` ids and times change every run.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { LoadedScenario } from '../../language/load-scenario.ts';
import type { ScenarioResult } from '../run-scenario.ts';
import { lineDiff } from './line-diff.ts';

export const JOIN_PROMPT = 'PS C:\\Windows\\System32> dsregcmd /join /debug';
export const STATUS_PROMPT = 'PS C:\\Windows\\System32> dsregcmd /status';

export function goldenPath(scenarioFile: string): string {
  return join(
    dirname(scenarioFile),
    `${basename(scenarioFile).replace(/\.ya?ml$/i, '')}.golden.txt`,
  );
}

/** The timeline section of a scenario with `timeline:` (hjsim's own lines, not Windows output). */
export const TIMELINE_HEADER =
  '# hjsim timeline (simulated clock): the steps; the last join attempt is printed below';

export function goldenLines(result: ScenarioResult): string[] {
  return [
    ...(result.timeline ? [TIMELINE_HEADER, ...result.timeline, ''] : []),
    JOIN_PROMPT,
    ...result.transcript,
    '',
    STATUS_PROMPT,
    ...result.statusOutput,
  ];
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Adds a failure to `result` when its golden file exists and differs. */
export async function checkGolden(
  loaded: LoadedScenario,
  result: ScenarioResult,
  cwd = process.cwd(),
): Promise<ScenarioResult> {
  if (result.status === 'error') return result;
  const path = goldenPath(loaded.file);
  const text = await readIfExists(path);
  if (text === undefined) return result;
  const shown = relative(cwd, path) || path;
  const update = `hjsim run ${relative(cwd, loaded.file) || loaded.file} --update-golden`;
  let failure: string | undefined;
  if (loaded.scenario.seed === undefined) {
    failure = `golden: ${shown} exists but the scenario has no seed, so its ids and times change every run; add seed: or delete the golden file`;
  } else {
    const golden = text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
    const diff = lineDiff(golden, goldenLines(result));
    if (diff !== undefined) {
      failure = `golden: the output differs from ${shown} (- golden, + this run); if the change is intended, run ${update}\n${diff}`;
    }
  }
  if (!failure) return result;
  return { ...result, status: 'failed', failures: [...result.failures, failure] };
}

export type GoldenWrite =
  { readonly written: string } | { readonly skipped: string; readonly reason: string };

/** Writes the golden file of a seeded scenario's run. */
export async function writeGolden(
  loaded: LoadedScenario,
  result: ScenarioResult,
): Promise<GoldenWrite> {
  const path = goldenPath(loaded.file);
  if (result.status === 'error')
    return { skipped: path, reason: 'the scenario did not run (see its error)' };
  if (loaded.scenario.seed === undefined)
    return { skipped: path, reason: 'no seed: its ids and times change every run' };
  await writeFile(path, `${goldenLines(result).join('\n')}\n`);
  return { written: path };
}
