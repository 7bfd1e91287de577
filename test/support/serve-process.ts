/**
 * `hjsim serve` as a real process, for tests that need several of them (the two services of
 * docker-compose.yml) or options beyond those of test/cli/serve-command.test.ts: resolves once the
 * server has printed its URLs, with its port, its output and a way to stop it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';

export interface ServeProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly port: number;
  /** `https://127.0.0.1:PORT` as the server prints it. */
  readonly base: string;
  readonly output: () => string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs `<root>/bin/hjsim.js serve ARGS` in `root` (default: this repository). */
export function serveProcess(args: readonly string[], root = PACKAGE_ROOT): Promise<ServeProcess> {
  const child = spawn(process.execPath, [join(root, 'bin', 'hjsim.js'), 'serve', ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (https?:\/\/127\.0\.0\.1:(\d+))/.exec(out);
      if (m && /Ctrl\+C stops/.test(out))
        resolve({
          child,
          port: Number(m[2]),
          base: m[1]!,
          output: () => out,
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
    });
    void exited.then((code) => reject(new Error(`hjsim serve exited ${code}: ${err}${out}`)));
  });
}
