/**
 * Expands `hjsim run` arguments: files as given, folders walked for *.yaml / *.yml, in a stable
 * (sorted) order. A relative path found nowhere under the working directory names hjsim's
 * shipped library (`scenarios/pingone`), as it does for `hjsim/testing`.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SimError } from '../../core/errors.ts';
import { scenarioPathIn } from './shipped-path.ts';

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (/\.ya?ml$/i.test(e.name)) out.push(p);
  }
  return out;
}

export async function findScenarioFiles(
  paths: readonly string[],
  cwd = process.cwd(),
): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const full = scenarioPathIn(p, cwd);
    let st;
    try {
      st = await stat(full);
    } catch (cause) {
      throw new SimError('ERR_USAGE', `no such file or folder: ${p}`, {
        cause,
        where: full,
        hint: 'hjsim run takes scenario files (.yaml) or folders of them',
      });
    }
    if (st.isDirectory()) files.push(...(await walk(full)));
    else files.push(full);
  }
  return [...new Set(files)];
}
