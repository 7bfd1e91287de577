/**
 * A Dockerfile linter for hjsim's image, on dockerfile-ast's parser (the Dockerfile language
 * server's; no one here wrote it): hadolint is not installed here, so the rules the image must
 * keep are written down as small named checks, run in order. Each returns its problems as text.
 * Rule ids in brackets name hadolint's equivalent where there is one.
 */
import { createRequire } from 'node:module';
import type { Ignore } from '@balena/dockerignore';
import { DockerfileParser, type Dockerfile, type Instruction } from 'dockerfile-ast';

// A CommonJS module whose types declare `export default`: its module.exports is the factory.
const dockerignore = createRequire(import.meta.url)('@balena/dockerignore') as (options?: {
  ignorecase?: boolean;
}) => Ignore;

export type Rule = (df: Dockerfile) => readonly string[];

const keyword = (i: Instruction) => i.getKeyword().toUpperCase();

/** The JSON array of an exec-form instruction (after `CMD` for HEALTHCHECK), or undefined. */
export function execForm(i: Instruction): readonly string[] | undefined {
  let raw = (i.getRawArgumentsContent() ?? '').replace(/\\\r?\n/g, ' ').trim();
  if (keyword(i) === 'HEALTHCHECK') {
    const m = /^(?:--[a-z-]+=\S+\s+)*CMD\s+([\s\S]*)$/i.exec(raw);
    if (!m) return undefined;
    raw = m[1]!.trim();
  }
  if (!raw.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The base image is node:20-slim (a digest may pin it further), in one stage. */
export const baseImageIsNode20Slim: Rule = (df) => {
  const froms = df.getFROMs();
  if (froms.length !== 1) return [`one FROM expected, found ${froms.length}`];
  const f = froms[0]!;
  const image = `${f.getImageName()}:${f.getImageTag() ?? '(no tag)'}`;
  return f.getRegistry() === null && image === 'node:20-slim'
    ? []
    : [
        `FROM ${f.getImage()}: the base image is node:20-slim (Node 20, what hjsim supports) [DL3006/DL3007]`,
      ];
};

/** A USER that is not root is in force when the ENTRYPOINT runs. */
export const runsAsNonRoot: Rule = (df) => {
  const all = df.getInstructions();
  const entry = all.findIndex((i) => keyword(i) === 'ENTRYPOINT');
  const users = all.slice(0, entry < 0 ? all.length : entry).filter((i) => keyword(i) === 'USER');
  const last = users.at(-1)?.getArguments()[0]?.getValue();
  if (last === undefined)
    return ['no USER before ENTRYPOINT: the server would run as root [DL3002]'];
  return /^(root|0)(:|$)/.test(last)
    ? [`USER ${last}: the last USER before ENTRYPOINT is root [DL3002]`]
    : [];
};

/** HEALTHCHECK exists, runs a command (not NONE), in exec form. */
export const hasHealthcheck: Rule = (df) => {
  const hc = df.getHEALTHCHECKs();
  if (hc.length !== 1) return [`one HEALTHCHECK expected, found ${hc.length}`];
  const h = hc[0]!;
  if (h.getSubcommand()?.getValue().toUpperCase() !== 'CMD')
    return ['HEALTHCHECK NONE: the image must say when the server is ready'];
  return execForm(h) ? [] : ['HEALTHCHECK CMD is not in exec form (a JSON array)'];
};

/** ENTRYPOINT is `["node", "bin/hjsim.js", "serve"]` in exec form (signals reach node). */
export const entrypointRunsServe: Rule = (df) => {
  const eps = df.getENTRYPOINTs();
  if (eps.length !== 1) return [`one ENTRYPOINT expected, found ${eps.length}`];
  const argv = execForm(eps[0]!);
  if (!argv) return ['ENTRYPOINT is in shell form: SIGTERM would not reach hjsim [DL3025]'];
  return JSON.stringify(argv) === JSON.stringify(['node', 'bin/hjsim.js', 'serve'])
    ? []
    : [`ENTRYPOINT ${JSON.stringify(argv)} does not run hjsim serve (node bin/hjsim.js serve)`];
};

/** CMD gives serve's arguments in exec form. */
export const cmdIsExecForm: Rule = (df) => {
  const cmds = df.getCMDs();
  if (cmds.length !== 1) return [`one CMD expected, found ${cmds.length}`];
  return execForm(cmds[0]!)
    ? []
    : ['CMD is in shell form: it would not be passed to the ENTRYPOINT as arguments [DL3025]'];
};

/** Nothing is fetched at build time with ADD; COPY copies local files [DL3020]. */
export const noAdd: Rule = (df) =>
  df
    .getInstructions()
    .filter((i) => keyword(i) === 'ADD')
    .map((i) =>
      i.getArguments().some((a) => /^(https?|git|ssh):\/\/|^git@/i.test(a.getValue()))
        ? `ADD ${i.getArgumentsContent() ?? ''}: fetches a URL at build time; vendor nothing from the network`
        : `ADD ${i.getArgumentsContent() ?? ''}: use COPY for local files [DL3020]`,
    );

/** Dependencies come from the lockfile (`npm ci --omit=dev`), never `npm install`. */
export const installsWithNpmCi: Rule = (df) => {
  const runs = df
    .getInstructions()
    .filter((i) => keyword(i) === 'RUN')
    .map((i) => i.getArgumentsContent() ?? '');
  const out: string[] = [];
  for (const r of runs)
    if (/\bnpm\s+(install|i|add)\b|\byarn\s+(add|install)\b/.test(r))
      out.push(`RUN ${r}: install from the lockfile with npm ci, not npm install [DL3016]`);
  if (!runs.some((r) => /\bnpm\s+ci\b[^&|;]*--omit=dev\b/.test(r)))
    out.push(
      'no RUN npm ci --omit=dev: the image must install exactly the locked runtime dependencies',
    );
  return out;
};

/** A LABEL says that the certificates are TEST ONLY. */
export const labelsCertsTestOnly: Rule = (df) =>
  df
    .getInstructions()
    .filter((i) => keyword(i) === 'LABEL')
    .some((i) => /TEST ONLY/.test(i.getArgumentsContent() ?? ''))
    ? []
    : ['no LABEL says TEST ONLY: the image carries public test keys'];

function cmdPort(df: Dockerfile): { port?: string; tls: boolean } {
  const argv = df.getCMDs()[0] ? (execForm(df.getCMDs()[0]!) ?? []) : [];
  const at = argv.indexOf('--port');
  return {
    ...(at >= 0 && argv[at + 1] !== undefined ? { port: argv[at + 1] } : {}),
    tls: argv.includes('--tls'),
  };
}

/** EXPOSE names the one port the CMD's `--port` listens on. */
export const exposeMatchesCmdPort: Rule = (df) => {
  const { port } = cmdPort(df);
  if (port === undefined)
    return ['the CMD gives no --port: the port EXPOSE names would be a random one'];
  const exposed = df
    .getInstructions()
    .filter((i) => keyword(i) === 'EXPOSE')
    .flatMap((i) => i.getArguments().map((a) => a.getValue().replace(/\/tcp$/, '')));
  return JSON.stringify(exposed) === JSON.stringify([port])
    ? []
    : [`EXPOSE ${exposed.join(' ') || '(none)'} does not match the CMD's --port ${port}`];
};

/** The healthcheck's URL (HJSIM_HEALTH_URL) is the server's: same port, https iff --tls, /healthz. */
export const healthUrlMatchesCmd: Rule = (df) => {
  const env = new Map<string, string>();
  for (const e of df.getENVs())
    for (const p of e.getProperties()) env.set(p.getName(), p.getUnescapedValue() ?? '');
  const raw = env.get('HJSIM_HEALTH_URL');
  if (raw === undefined) return ['no ENV HJSIM_HEALTH_URL: the healthcheck has no URL'];
  return healthUrlProblems(raw, cmdPort(df));
};

/** Shared with the compose checks: a health URL against a server's port and scheme. */
export function healthUrlProblems(raw: string, server: { port?: string; tls: boolean }): string[] {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return [`health URL ${raw} is not a URL`];
  }
  const out: string[] = [];
  if (u.hostname !== '127.0.0.1')
    out.push(`health URL ${raw}: ask 127.0.0.1, the name the certificate holds`);
  if (u.port !== server.port)
    out.push(
      `health URL ${raw}: port ${u.port || '(default)'} is not the server's --port ${server.port}`,
    );
  if ((u.protocol === 'https:') !== server.tls)
    out.push(
      `health URL ${raw}: ${u.protocol} but the server runs ${server.tls ? 'with' : 'without'} --tls`,
    );
  if (u.pathname !== '/healthz') out.push(`health URL ${raw}: the health path is /healthz`);
  return out;
}

/** The policy: every rule, in order. */
export const DOCKERFILE_RULES: readonly Rule[] = [
  baseImageIsNode20Slim,
  installsWithNpmCi,
  noAdd,
  labelsCertsTestOnly,
  runsAsNonRoot,
  exposeMatchesCmdPort,
  hasHealthcheck,
  healthUrlMatchesCmd,
  entrypointRunsServe,
  cmdIsExecForm,
];

export function lintDockerfile(text: string, rules: readonly Rule[] = DOCKERFILE_RULES): string[] {
  const df = DockerfileParser.parse(text);
  return rules.flatMap((r) => r(df));
}

export function parseDockerfile(text: string): Dockerfile {
  return DockerfileParser.parse(text);
}

/** Paths the build context must leave out and paths it must keep, against a .dockerignore. */
export function dockerignoreProblems(
  text: string,
  mustExclude: readonly string[],
  mustKeep: readonly string[],
): string[] {
  const ig = dockerignore({ ignorecase: false }).add(text.split(/\r?\n/));
  return [
    ...mustExclude
      .filter((p) => !ig.ignores(p))
      .map((p) => `.dockerignore lets ${p} into the image`),
    ...mustKeep
      .filter((p) => ig.ignores(p))
      .map((p) => `.dockerignore keeps ${p} out, but hjsim serve needs it`),
  ];
}
