/**
 * Runs `bin/hjsim.js` as a user does: a real process, its exit code, its output.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';

export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function hjsim(...args: string[]): ProcessResult {
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'hjsim.js'), ...args], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The JSON report without its one wall-clock field. */
export function withoutDuration(json: string): string {
  const matches = json.match(/"durationMs": \d+/g) ?? [];
  if (matches.length !== 1) throw new Error(`expected one durationMs, found ${matches.length}`);
  return json.replace(/"durationMs": \d+/, '"durationMs": 0');
}
