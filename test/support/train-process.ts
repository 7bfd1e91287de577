/**
 * `hjsim train` as a real child process: waits for the URL it prints (no sleeps), and stops it
 * with a signal, resolving with its exit code and output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';

export interface TrainProcess {
  readonly url: string;
  readonly child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function spawnHjsim(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'hjsim.js'), ...args], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `hjsim …` to its end (for the commands that fail at once). */
export function runHjsim(args: readonly string[]): Promise<Finished> {
  const child = spawnHjsim(args);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Starts `hjsim train …` and resolves once it prints its URL; rejects if it exits first. */
export function startTrain(args: readonly string[] = ['--port', '0']): Promise<TrainProcess> {
  const child = spawnHjsim(['train', ...args]);
  let stdout = '';
  let stderr = '';
  const closed = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /the trainer is at (http:\/\/\S+)/.exec(stdout);
      if (!m) return;
      resolve({
        url: m[1]!,
        child,
        async stop(signal = 'SIGTERM') {
          child.kill(signal);
          const code = await closed;
          return { code, stdout, stderr };
        },
      });
    });
    void closed.then((code) =>
      reject(new Error(`hjsim train exited (${code}) before printing its URL:\n${stderr}`)),
    );
  });
}
