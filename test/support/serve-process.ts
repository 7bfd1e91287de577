/**
 * `hjsim serve` as a real process, for tests that need several of them (the two services of
 * docker-compose.yml), options beyond those of test/cli/serve-command.test.ts, or an "external"
 * IdP reached over real sockets and TLS (conformance and external-mode tests). Resolves once the
 * server has printed its URLs, with its port, its output and a way to stop it (call it in
 * afterAll/finally).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';

export interface ServeProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly port: number;
  /** `https://127.0.0.1:PORT` as the server prints it. */
  readonly base: string;
  readonly output: () => string;
  /** Sends the signal (unless the process has exited) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export type ServedIdp = ServeProcess;

/** The test CA `hjsim serve --tls` chains to. */
export const TEST_CA = join(PACKAGE_ROOT, 'certs', 'tls-ca.crt');

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
            if (child.exitCode === null) child.kill(signal);
            return exited;
          },
        });
    });
    void exited.then((code) => reject(new Error(`hjsim serve exited ${code}: ${err}${out}`)));
  });
}

/** A scenario's parties served over HTTPS on any free port: the external IdP of the tests. */
export function serveIdp(scenario: string, ...extra: string[]): Promise<ServedIdp> {
  return serveProcess(['--tls', '--port', '0', '--scenario', scenario, ...extra]);
}

/** A folder for generated scenario files, removed by `remove()`. */
export function scratchDir(): {
  readonly dir: string;
  write(name: string, text: string): string;
  remove(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'hjsim-conform-'));
  return {
    dir,
    write: (name, text) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
