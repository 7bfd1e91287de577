/**
 * The image without an engine: the files the Dockerfile COPYs (through .dockerignore) are laid out
 * as WORKDIR /app holds them, and `hjsim serve` runs from there with the CMD's arguments (only the
 * address and port changed, so nothing listens beyond this machine); the HEALTHCHECK command, run
 * with the image's environment, says healthy, and says unhealthy for a server that is not there
 * or a health URL with the wrong scheme.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import type { Ignore } from '@balena/dockerignore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { execForm, parseDockerfile } from '../support/dockerfile-rules.ts';
import { serveProcess, type ServeProcess } from '../support/serve-process.ts';

const dockerignore = createRequire(import.meta.url)('@balena/dockerignore') as (options?: {
  ignorecase?: boolean;
}) => Ignore;

const df = parseDockerfile(readFileSync(join(PACKAGE_ROOT, 'Dockerfile'), 'utf8'));
const ignore = dockerignore({ ignorecase: false }).add(
  readFileSync(join(PACKAGE_ROOT, '.dockerignore'), 'utf8').split(/\r?\n/),
);
const WORKDIR = '/app';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = join(dir, f);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

/** Copies what the Dockerfile's COPY lines put under WORKDIR into `stage`; returns the count. */
function stageImage(stage: string): number {
  let n = 0;
  for (const copy of df.getCOPYs()) {
    const args = copy.getArguments().map((a) => a.getValue());
    const dest = args.at(-1)!;
    for (const src of args.slice(0, -1)) {
      const from = join(PACKAGE_ROOT, src);
      const sources = statSync(from).isDirectory() ? files(from) : [from];
      for (const file of sources) {
        const rel = relative(PACKAGE_ROOT, file).split('\\').join('/');
        if (ignore.ignores(rel)) continue;
        // `COPY dir ./dir` puts dir's contents there; `COPY a b ./` puts the files in ./.
        const inDest = statSync(from).isDirectory()
          ? posix.relative(src, rel)
          : posix.basename(rel);
        const target = join(stage, posix.relative(WORKDIR, posix.resolve(WORKDIR, dest, inDest)));
        mkdirSync(dirname(target), { recursive: true });
        cpSync(file, target);
        n++;
      }
    }
  }
  return n;
}

function env(): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of df.getENVs())
    for (const p of e.getProperties()) out.set(p.getName(), p.getUnescapedValue() ?? '');
  return out;
}

/** Runs the HEALTHCHECK command as Docker would, with the image's ENV (paths under /app staged). */
function healthcheck(stage: string, url: string): number | null {
  const argv = execForm(df.getHEALTHCHECKs()[0]!)!;
  const vars = Object.fromEntries(
    [...env()].map(([k, v]) => [
      k,
      v.startsWith(`${WORKDIR}/`) ? join(stage, posix.relative(WORKDIR, v)) : v,
    ]),
  );
  const r = spawnSync(argv[0] === 'node' ? process.execPath : argv[0]!, argv.slice(1), {
    cwd: stage,
    env: { PATH: process.env['PATH'] ?? '', ...vars, HJSIM_HEALTH_URL: url },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return r.status;
}

describe('the image, staged without an engine', { timeout: 120_000 }, () => {
  let stage: string;
  let server: ServeProcess | undefined;

  beforeAll(() => {
    stage = mkdtempSync(join(tmpdir(), 'hjsim-image-'));
    expect(stageImage(stage)).toBeGreaterThan(300);
    // `npm ci` inside the image; here the repository's node_modules stands in for it.
    symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(stage, 'node_modules'), 'dir');
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(stage, { recursive: true, force: true });
  });

  it('holds no tests, no node_modules of the build machine and no .git', () => {
    const all = files(stage)
      .map((f) => relative(stage, f))
      .filter((f) => !f.startsWith('node_modules/'));
    expect(all.filter((f) => f.endsWith('.test.ts'))).toEqual([]);
    expect(all.filter((f) => f.startsWith('.git') || f.startsWith('test'))).toEqual([]);
    expect(all).toContain('certs/tls-ca.crt');
  });

  it('serves with the CMD arguments from WORKDIR, and the HEALTHCHECK says healthy', async () => {
    const cmd = [...execForm(df.getCMDs()[0]!)!];
    // Listen on this machine only, on a free port: the rest of the CMD as it is.
    cmd[cmd.indexOf('--host') + 1] = '127.0.0.1';
    cmd[cmd.indexOf('--port') + 1] = '0';
    server = await serveProcess(cmd, stage);
    expect(server.output()).toContain(
      `clients trust the test CA: ${join(stage, 'certs', 'tls-ca.crt')}`,
    );
    const url = `${server.base}/healthz`;
    expect(url).toMatch(/^https:/);
    expect(healthcheck(stage, url)).toBe(0);
    // Unhealthy: the wrong scheme, and a port nothing listens on.
    expect(healthcheck(stage, url.replace('https:', 'http:'))).toBe(1);
    await server.stop();
    expect(healthcheck(stage, url)).toBe(1);
    server = undefined;
  });
});
