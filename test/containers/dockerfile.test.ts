/**
 * The Dockerfile, linted by a test (no hadolint here): the rules of test/support/dockerfile-rules.ts
 * hold for the real file, and each of them fails on the real file broken the way it guards
 * against; the CMD is a command line hjsim's own parser accepts, naming a scenario that loads;
 * the .dockerignore keeps node_modules, .git and test output out and what serve reads in; and
 * every package the CLI imports is a runtime dependency (the image installs `--omit=dev`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { loadScenario } from '../../src/scenario/language/load-scenario.ts';
import {
  dockerignoreProblems,
  execForm,
  lintDockerfile,
  parseDockerfile,
} from '../support/dockerfile-rules.ts';
import { parseServeArgs } from '../support/serve-args.ts';

const DOCKERFILE = readFileSync(join(PACKAGE_ROOT, 'Dockerfile'), 'utf8');
const DOCKERIGNORE = readFileSync(join(PACKAGE_ROOT, '.dockerignore'), 'utf8');

describe('Dockerfile', () => {
  it('passes every rule', () => {
    expect(lintDockerfile(DOCKERFILE)).toEqual([]);
  });

  // Each rule, on the real file broken the way the rule guards against.
  it.each([
    [
      'another base image',
      'FROM node:20-slim',
      'FROM node:latest',
      'FROM node:latest: the base image is node:20-slim',
    ],
    ['an untagged base image', 'FROM node:20-slim', 'FROM node', 'the base image is node:20-slim'],
    [
      'a second stage',
      'FROM node:20-slim',
      'FROM node:20-slim AS build\nRUN true\nFROM node:20-slim',
      'one FROM expected, found 2',
    ],
    ['no USER', 'USER node\n', '', 'no USER before ENTRYPOINT'],
    ['USER root', 'USER node', 'USER root', 'USER root: the last USER before ENTRYPOINT is root'],
    ['USER after ENTRYPOINT', 'USER node\n', '', 'no USER before ENTRYPOINT'],
    ['no HEALTHCHECK', /HEALTHCHECK[^\n]*\\\n[^\n]*\n/, '', 'one HEALTHCHECK expected, found 0'],
    ['HEALTHCHECK NONE', /HEALTHCHECK[^\n]*\\\n[^\n]*\n/, 'HEALTHCHECK NONE\n', 'HEALTHCHECK NONE'],
    [
      'a shell-form HEALTHCHECK',
      /CMD \["node", "-e", [^\n]*\n/,
      'CMD node -e "fetch(1)"\n',
      'HEALTHCHECK CMD is not in exec form',
    ],
    [
      'a shell-form ENTRYPOINT',
      'ENTRYPOINT ["node", "bin/hjsim.js", "serve"]',
      'ENTRYPOINT node bin/hjsim.js serve',
      'ENTRYPOINT is in shell form',
    ],
    [
      'an ENTRYPOINT that is not serve',
      '"bin/hjsim.js", "serve"]',
      '"bin/hjsim.js", "run"]',
      'does not run hjsim serve',
    ],
    [
      'a shell-form CMD',
      /CMD \["--host"[^\n]*/,
      'CMD --host 0.0.0.0 --port 4443',
      'CMD is in shell form',
    ],
    [
      'ADD of a URL',
      'COPY bin ./bin',
      'ADD https://example.com/hjsim.tgz ./bin',
      'fetches a URL at build time',
    ],
    ['ADD of a local folder', 'COPY bin ./bin', 'ADD bin ./bin', 'use COPY for local files'],
    [
      'npm install',
      'npm ci --omit=dev',
      'npm install --omit=dev',
      'install from the lockfile with npm ci',
    ],
    ['npm ci with dev dependencies', 'npm ci --omit=dev', 'npm ci', 'no RUN npm ci --omit=dev'],
    [
      'EXPOSE another port',
      'EXPOSE 4443',
      'EXPOSE 8080',
      "EXPOSE 8080 does not match the CMD's --port 4443",
    ],
    ['no EXPOSE', 'EXPOSE 4443\n', '', "EXPOSE (none) does not match the CMD's --port 4443"],
    ['a CMD without --port', '"--port", "4443", ', '', 'the CMD gives no --port'],
    [
      'a health URL on another port',
      'HJSIM_HEALTH_URL=https://127.0.0.1:4443/',
      'HJSIM_HEALTH_URL=https://127.0.0.1:4444/',
      "port 4444 is not the server's --port 4443",
    ],
    [
      'a health URL over http with --tls',
      'HJSIM_HEALTH_URL=https:',
      'HJSIM_HEALTH_URL=http:',
      'http: but the server runs with --tls',
    ],
    ['a health URL on another path', '4443/healthz', '4443/health', 'the health path is /healthz'],
    ['no health URL', /HJSIM_HEALTH_URL=[^\n]*\n/, 'HJSIM_X=1\n', 'no ENV HJSIM_HEALTH_URL'],
    ['no TEST ONLY label', 'TEST ONLY:', 'test keys:', 'no LABEL says TEST ONLY'],
  ] as const)('a rule fails on %s', (_what, from, to, problem) => {
    const broken = DOCKERFILE.replace(from, to);
    expect(broken).not.toBe(DOCKERFILE);
    expect(lintDockerfile(broken).join('\n')).toContain(problem);
  });

  it('moving USER after ENTRYPOINT fails the non-root rule', () => {
    const broken = `${DOCKERFILE.replace('USER node\n', '')}USER node\n`;
    expect(lintDockerfile(broken)).toContain(
      'no USER before ENTRYPOINT: the server would run as root [DL3002]',
    );
  });

  it('its CMD is a command line hjsim serve accepts, and its scenario loads', async () => {
    const df = parseDockerfile(DOCKERFILE);
    const entry = execForm(df.getENTRYPOINTs()[0]!)!;
    const cmd = execForm(df.getCMDs()[0]!)!;
    expect(entry).toEqual(['node', 'bin/hjsim.js', 'serve']);
    const opts = await parseServeArgs(cmd);
    expect(opts).toMatchObject({ host: '0.0.0.0', port: 4443, tls: true, party: 'all' });
    // WORKDIR /app holds the repository's files: the scenario is the repository's.
    const workdirs = df.getInstructions().filter((i) => i.getKeyword() === 'WORKDIR');
    expect(workdirs.map((w) => w.getArgumentsContent())).toEqual(['/app']);
    const loaded = await loadScenario(join(PACKAGE_ROOT, opts.scenario));
    expect(loaded.scenario.expect.joined).toBe(true);
  });

  it('copies sources that exist, and nothing the .dockerignore leaves out', () => {
    const df = parseDockerfile(DOCKERFILE);
    const sources = df.getCOPYs().flatMap((c) =>
      c
        .getArguments()
        .slice(0, -1)
        .map((a) => a.getValue()),
    );
    expect(sources).toEqual(
      expect.arrayContaining([
        'package.json',
        'package-lock.json',
        'bin',
        'src',
        'certs',
        'scenarios',
      ]),
    );
    for (const s of sources) expect(existsSync(join(PACKAGE_ROOT, s)), s).toBe(true);
    expect(dockerignoreProblems(DOCKERIGNORE, [], sources)).toEqual([]);
  });
});

describe('.dockerignore', () => {
  const mustExclude = [
    'node_modules',
    'node_modules/tsx/package.json',
    '.git',
    '.git/HEAD',
    'test-results',
    'test-results/vitest.json',
    'test/cli/serve-command.test.ts',
    'src/tools/cli/progress.test.ts',
    'coverage',
    '.tmp',
    'docs/decisions/0001-run-typescript-with-tsx.md',
  ];
  const mustKeep = [
    'bin/hjsim.js',
    'src/tools/cli/main.ts',
    'src/core/keys.ts',
    'certs/tls-ca.crt',
    'certs/tls-server.key',
    'scenarios/pingone/baseline.yaml',
    'package.json',
    'package-lock.json',
    'tsconfig.json',
  ];

  it('keeps node_modules, .git, test output and tests out, and what serve reads in', () => {
    expect(dockerignoreProblems(DOCKERIGNORE, mustExclude, mustKeep)).toEqual([]);
  });

  it('the check sees a .dockerignore that lets them in', () => {
    expect(dockerignoreProblems('', mustExclude, mustKeep)).toContain(
      '.dockerignore lets node_modules into the image',
    );
    expect(dockerignoreProblems('*\n!bin/\n', ['.git'], ['src/tools/cli/main.ts'])).toEqual([
      '.dockerignore keeps src/tools/cli/main.ts out, but hjsim serve needs it',
    ]);
  });
});

/** Bare package names imported by the files reachable from bin/hjsim.js (static and dynamic). */
function runtimePackages(): { packages: Set<string>; files: number } {
  const packages = new Set<string>();
  const seen = new Set<string>();
  // bin/hjsim.js picks its entry at run time (src/ in a clone, dist/ in the package): both entries it
  // names are roots, as the image runs from the sources.
  const todo = [
    join(PACKAGE_ROOT, 'bin', 'hjsim.js'),
    join(PACKAGE_ROOT, 'src', 'tools', 'cli', 'main.ts'),
    join(PACKAGE_ROOT, 'src', 'tools', 'cli', 'support-main.ts'),
  ];
  const spec =
    /(?:^|[^\w.])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(spec)) {
      const s = m[1] ?? m[2] ?? m[3]!;
      if (s.startsWith('node:')) continue;
      if (s.startsWith('.')) {
        const target = join(dirname(file), s);
        if (existsSync(target) && statSync(target).isFile()) todo.push(target);
        continue;
      }
      if (m[0].trimStart().startsWith('import type') || /^\s*export type/.test(m[0])) continue;
      packages.add(s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!);
    }
  }
  return { packages, files: seen.size };
}

describe('the image installs --omit=dev', () => {
  it('every package the CLI imports is a runtime dependency', () => {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const { packages, files } = runtimePackages();
    expect(files).toBeGreaterThan(100);
    expect(packages).toContain('tsx');
    expect(packages).toContain('express');
    expect(packages).not.toContain('vitest');
    const missing = [...packages].filter((p) => !(p in pkg.dependencies));
    expect(missing, 'imported at run time but not in package.json dependencies').toEqual([]);
  });
});
