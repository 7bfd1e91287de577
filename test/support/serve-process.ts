/**
 * `hjsim serve --tls` as a separate process on 127.0.0.1 (any free port): the "external" IdP of
 * the conformance and external-mode tests, reached over real sockets and TLS. The base URL is read
 * from its stdout; `stop()` sends SIGTERM and waits for the exit (call it in afterAll/finally).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';

export interface ServedIdp {
  readonly child: ChildProcessWithoutNullStreams;
  /** `https://127.0.0.1:PORT` */
  readonly base: string;
  readonly port: number;
  readonly output: () => string;
  stop(): Promise<number | null>;
}

/** The test CA `hjsim serve --tls` chains to. */
export const TEST_CA = join(PACKAGE_ROOT, 'certs', 'tls-ca.crt');

export function serveIdp(scenario: string, ...extra: string[]): Promise<ServedIdp> {
  const child = spawn(
    process.execPath,
    [
      join(PACKAGE_ROOT, 'bin', 'hjsim.js'),
      'serve',
      '--tls',
      '--port',
      '0',
      '--scenario',
      scenario,
      ...extra,
    ],
    { cwd: PACKAGE_ROOT, env: { ...process.env, NO_COLOR: '1' } },
  );
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    return exited;
  };
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (https:\/\/127\.0\.0\.1:(\d+))/.exec(out);
      if (m && /Ctrl\+C stops/.test(out))
        resolve({ child, base: m[1]!, port: Number(m[2]), output: () => out, stop });
    });
    void exited.then((code) => reject(new Error(`hjsim serve exited ${code}: ${err}${out}`)));
  });
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
