/**
 * Where a scenario path given to hjsim points: absolute as is; relative, the working directory
 * first, then the hjsim package, so `scenarios/pingone/baseline.yaml` names the shipped library
 * from any working directory (the CLI, `hjsim/testing`, `hjsim/testcontainers`).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../../core/keys.ts';

/** The file a scenario path names; when it exists nowhere, the path under `cwd` (for the error). */
export function scenarioPathIn(path: string, cwd = process.cwd()): string {
  if (isAbsolute(path)) return path;
  const here = resolve(cwd, path);
  if (existsSync(here)) return here;
  const shipped = join(PACKAGE_ROOT, path);
  return existsSync(shipped) ? shipped : here;
}
