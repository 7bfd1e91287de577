/**
 * The scenario folder `hjsim train` serves: lists every file (an invalid one is listed with the
 * loader's message, not dropped), and loads a file only by an id the listing produced, so a
 * request can never name a path outside the folder.
 */
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { isSimError, SimError } from '../../core/errors.ts';
import { findScenarioFiles } from '../../scenario/language/find-scenarios.ts';
import { loadScenario, type LoadedScenario } from '../../scenario/language/load-scenario.ts';
import type { ScenarioEntry, ScenarioList } from './api-types.ts';
import { NotFoundError } from './not-found.ts';

export interface ScenarioLibrary {
  readonly root: string;
  list(): Promise<ScenarioList>;
  /** Loads a listed scenario; SimError `ERR_USAGE` for an id the folder does not hold. */
  load(id: string): Promise<LoadedScenario>;
}

function idOf(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

function message(e: unknown): string {
  return isSimError(e) ? e.message : e instanceof Error ? e.message : String(e);
}

/** Opens a scenario folder; SimError `ERR_USAGE` when it is not a readable folder. */
export async function openScenarioLibrary(dir: string): Promise<ScenarioLibrary> {
  const root = resolve(dir);
  // What the API shows of the folder: its path relative to the working directory, or its name,
  // never an absolute path of this machine.
  const rel = relative(process.cwd(), root);
  const shownRoot =
    rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? basename(root) : rel;
  let isDir: boolean;
  try {
    isDir = (await stat(root)).isDirectory();
  } catch (cause) {
    throw new SimError('ERR_USAGE', `no such scenario folder: ${dir}`, {
      cause,
      where: root,
      hint: 'hjsim train --scenarios DIR takes a folder of scenario files (.yaml)',
    });
  }
  if (!isDir) {
    throw new SimError('ERR_USAGE', `${dir} is not a folder`, {
      where: root,
      hint: 'hjsim train --scenarios DIR takes a folder of scenario files (.yaml)',
    });
  }

  const files = async () =>
    new Map((await findScenarioFiles([root])).map((f) => [idOf(root, f), f]));

  return {
    root,
    async list() {
      const entries: ScenarioEntry[] = [];
      for (const [id, file] of await files()) {
        const folder = id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : '';
        try {
          const { scenario: s } = await loadScenario(file);
          entries.push({
            id,
            folder,
            name: s.name,
            ...(s.description ? { description: s.description.trim() } : {}),
            tags: s.tags,
          });
        } catch (e) {
          // The loader names the file by its full path: the API names it by its id only.
          const text = message(e).split(root).join(shownRoot);
          entries.push({ id, folder, name: id, tags: [], invalid: text });
        }
      }
      return {
        root: shownRoot,
        scenarios: entries,
        folders: [...new Set(entries.map((e) => e.folder))].sort(),
        tags: [...new Set(entries.flatMap((e) => e.tags))].sort(),
      };
    },
    async load(id) {
      const file = (await files()).get(id);
      if (!file) {
        throw new NotFoundError(
          `no scenario '${id}' in ${dir}`,
          'pick one from GET /api/scenarios',
        );
      }
      return loadScenario(file);
    },
  };
}
