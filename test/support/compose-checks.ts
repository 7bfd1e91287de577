/**
 * Checks for docker-compose.yml (`docker compose config` needs an engine that is not here): a
 * small JSON Schema of our own for the part of the compose specification the file uses, then
 * named checks, in order, for what hjsim needs of it: the two services on one image, ports
 * published on 127.0.0.1 with the number the server names, commands hjsim's own parser accepts,
 * healthchecks that ask the server's /healthz, and scenarios that exist under the mounted folder
 * and load. Each check returns its problems as text.
 */
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { Ajv } from 'ajv';
import { buildWorld } from '../../src/scenario/world/build-world.ts';
import { loadScenario } from '../../src/scenario/language/load-scenario.ts';
import { healthUrlProblems } from './dockerfile-rules.ts';
import { parseServeArgs, type ServeArgs } from './serve-args.ts';

export interface ComposeService {
  readonly build?: string | { readonly context: string };
  readonly image?: string;
  readonly command?: readonly string[];
  readonly ports?: readonly string[];
  readonly volumes?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly healthcheck?: { readonly test?: readonly string[] };
}

export interface ComposeFile {
  readonly services: Readonly<Record<string, ComposeService>>;
}

/**
 * The subset of the compose specification (compose-spec.io, services / ports / volumes /
 * healthcheck) the file may use, written here: an unknown key (a typo such as `healtcheck`)
 * is an error instead of being ignored.
 */
export const COMPOSE_SUBSET_SCHEMA = {
  type: 'object',
  required: ['services'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' },
    services: {
      type: 'object',
      minProperties: 1,
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['image', 'command', 'ports', 'healthcheck'],
        properties: {
          build: {
            oneOf: [
              { type: 'string' },
              {
                type: 'object',
                required: ['context'],
                properties: { context: { type: 'string' }, dockerfile: { type: 'string' } },
                additionalProperties: false,
              },
            ],
          },
          image: { type: 'string', minLength: 1 },
          command: { type: 'array', items: { type: 'string' } },
          ports: { type: 'array', items: { type: 'string' }, minItems: 1 },
          volumes: { type: 'array', items: { type: 'string' } },
          environment: { type: 'object', additionalProperties: { type: 'string' } },
          healthcheck: {
            type: 'object',
            required: ['test'],
            additionalProperties: false,
            properties: {
              test: { type: 'array', items: { type: 'string' }, minItems: 2 },
              interval: { type: 'string', pattern: '^\\d+(ms|s|m|h)$' },
              timeout: { type: 'string', pattern: '^\\d+(ms|s|m|h)$' },
              start_period: { type: 'string', pattern: '^\\d+(ms|s|m|h)$' },
              retries: { type: 'integer', minimum: 1 },
            },
          },
          depends_on: { type: ['array', 'object'] },
          cap_drop: { type: 'array', items: { type: 'string' } },
          security_opt: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true });
const validateSubset = ajv.compile(COMPOSE_SUBSET_SCHEMA);

/** Compose's variable interpolation: `${VAR:-default}`, `${VAR}` and `$$`. */
export function interpolate(
  value: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_]\w*)/g,
    (m, braced?: string, dflt?: string, bare?: string) => {
      if (m === '$$') return '$';
      const name = braced ?? bare!;
      const v = env[name];
      return v !== undefined && v !== '' ? v : (dflt ?? '');
    },
  );
}

export interface ComposeContext {
  /** The folder docker-compose.yml is in (relative volume sources resolve against it). */
  readonly root: string;
  /** Variables as the shell would give them (default: none set, so defaults apply). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

interface Resolved {
  readonly name: string;
  readonly service: ComposeService;
  readonly command: readonly string[];
  readonly args?: ServeArgs;
}

type Check = (services: readonly Resolved[], ctx: ComposeContext) => Promise<string[]> | string[];

const published = (s: ComposeService) =>
  (s.ports ?? []).map(
    (p) => /^(?:(?<ip>[^:]+):)?(?<host>\d+):(?<container>\d+)(?:\/tcp)?$/.exec(p)?.groups,
  );

/** The services are `entra` and `idp`, nothing else. */
export const twoServices: Check = (services) => {
  const names = services.map((s) => s.name).sort();
  return JSON.stringify(names) === JSON.stringify(['entra', 'idp'])
    ? []
    : [`services are ${names.join(', ')}; expected entra and idp`];
};

/** Both run the same image, built from this folder's Dockerfile. */
export const oneImage: Check = (services) => {
  const out: string[] = [];
  const images = new Set(services.map((s) => s.service.image));
  if (images.size !== 1) out.push(`services run different images: ${[...images].join(', ')}`);
  for (const s of services) {
    const b = s.service.build;
    const context = typeof b === 'string' ? b : b?.context;
    if (context !== '.')
      out.push(
        `${s.name}: build ${context ?? '(none)'}; expected build: . (the repository's Dockerfile)`,
      );
  }
  return out;
};

/** Each command is one `hjsim serve` accepts, listening on every interface, serving its party. */
export const commandsParse: Check = (services) => {
  const out: string[] = [];
  for (const s of services) {
    if (!s.args) {
      out.push(`${s.name}: hjsim serve does not accept its command`);
      continue;
    }
    if (s.args.host !== '0.0.0.0')
      out.push(`${s.name}: --host ${s.args.host}; in a container the server listens on 0.0.0.0`);
    if (s.args.party !== s.name)
      out.push(
        `${s.name}: --party ${s.args.party}; the ${s.name} service serves --party ${s.name}`,
      );
    if (s.args.port === 0)
      out.push(`${s.name}: --port 0 would be a random port that no published port reaches`);
  }
  return out;
};

/** Ports are published on 127.0.0.1 only, with the number the server listens on inside. */
export const portsOnLoopback: Check = (services) => {
  const out: string[] = [];
  for (const s of services) {
    const ports = published(s.service);
    if (ports.length !== 1)
      out.push(`${s.name}: one published port expected, found ${ports.length}`);
    for (const [i, p] of ports.entries()) {
      const raw = s.service.ports?.[i];
      if (!p) {
        out.push(`${s.name}: port ${raw} is not HOST_IP:HOST_PORT:CONTAINER_PORT`);
        continue;
      }
      if (p['ip'] !== '127.0.0.1')
        out.push(
          `${s.name}: port ${raw} is published on ${p['ip'] ?? 'every interface'}; publish on 127.0.0.1`,
        );
      if (p['host'] !== p['container'])
        out.push(
          `${s.name}: port ${raw}: host and container port differ, but the URLs the server hands out name 127.0.0.1:${p['container']}`,
        );
      if (s.args && String(s.args.port) !== p['container'])
        out.push(`${s.name}: port ${raw} does not reach --port ${s.args.port}`);
    }
  }
  return out;
};

/** Each healthcheck runs the image's node fetch against the server's own /healthz. */
export const healthchecksAskTheServer: Check = (services) => {
  const out: string[] = [];
  for (const s of services) {
    const test = s.service.healthcheck?.test ?? [];
    if (
      test[0] !== 'CMD' ||
      test[1] !== 'node' ||
      test[2] !== '-e' ||
      !/process\.env\.HJSIM_HEALTH_URL/.test(test[3] ?? '')
    )
      out.push(
        `${s.name}: healthcheck ${JSON.stringify(test)} is not ["CMD", "node", "-e", <fetch of HJSIM_HEALTH_URL>]`,
      );
    const url = s.service.environment?.['HJSIM_HEALTH_URL'];
    if (url === undefined)
      out.push(`${s.name}: no environment HJSIM_HEALTH_URL for its healthcheck`);
    else if (s.args)
      out.push(
        ...healthUrlProblems(url, { port: String(s.args.port), tls: !!s.args.tls }).map(
          (p) => `${s.name}: ${p}`,
        ),
      );
  }
  return out;
};

function volumeMap(s: ComposeService): { source: string; target: string; ro: boolean }[] {
  return (s.volumes ?? []).map((v) => {
    const [source = '', target = '', mode = ''] = v.split(':');
    return { source, target, ro: mode.split(',').includes('ro') };
  });
}

/** ./scenarios and ./certs are mounted read-only where hjsim reads them, from folders that exist. */
export const volumesMounted: Check = (services, ctx) => {
  const out: string[] = [];
  for (const s of services) {
    const vols = volumeMap(s.service);
    for (const [source, target] of [
      ['./scenarios', '/scenarios'],
      ['./certs', '/app/certs'],
    ] as const) {
      const v = vols.find((x) => x.target === target);
      if (!v)
        out.push(`${s.name}: nothing is mounted at ${target} (expected ${source}:${target}:ro)`);
      else {
        if (v.source !== source)
          out.push(`${s.name}: ${target} is mounted from ${v.source}; expected ${source}`);
        if (!v.ro) out.push(`${s.name}: ${target} is mounted read-write; mount it :ro`);
      }
    }
    for (const v of vols)
      if (v.source.startsWith('.') && !existsSync(join(ctx.root, v.source)))
        out.push(`${s.name}: volume source ${v.source} does not exist`);
  }
  return out;
};

/** Each --scenario is a file under a mounted folder that exists in the repository and loads. */
export const scenariosLoad: Check = async (services, ctx) => {
  const out: string[] = [];
  for (const s of services) {
    if (!s.args) continue;
    const scenario = s.args.scenario;
    const mount = volumeMap(s.service).find((v) => scenario.startsWith(`${v.target}/`));
    const file = mount
      ? join(ctx.root, mount.source, posix.relative(mount.target, scenario))
      : join(ctx.root, scenario); // a path inside the image's /app: the repository's own
    if (!existsSync(file)) {
      out.push(`${s.name}: --scenario ${scenario} is ${file}, which does not exist`);
      continue;
    }
    try {
      const loaded = await loadScenario(file);
      buildWorld(loaded.scenario, loaded.dir);
    } catch (e) {
      out.push(`${s.name}: --scenario ${scenario} does not load: ${(e as Error).message}`);
    }
  }
  return out;
};

/** entra's --idp-url is where the idp service is published, with its scheme. */
export const entraFindsIdp: Check = (services) => {
  const entra = services.find((s) => s.name === 'entra');
  const idp = services.find((s) => s.name === 'idp');
  if (!entra?.args || !idp?.args) return [];
  const port = published(idp.service)[0]?.['host'];
  const origin = `${idp.args.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return entra.args.idpUrl === origin
    ? []
    : [
        `entra: --idp-url ${entra.args.idpUrl ?? '(none)'}; the idp service is published at ${origin}`,
      ];
};

/** The policy: every check, in order. */
export const COMPOSE_CHECKS: readonly Check[] = [
  twoServices,
  oneImage,
  commandsParse,
  portsOnLoopback,
  healthchecksAskTheServer,
  volumesMounted,
  scenariosLoad,
  entraFindsIdp,
];

/** Every problem of a parsed docker-compose.yml, schema first. */
export async function composeProblems(doc: unknown, ctx: ComposeContext): Promise<string[]> {
  if (!validateSubset(doc))
    return (validateSubset.errors ?? []).map(
      (e) =>
        `schema: ${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params['additionalProperty'])})` : ''}`,
    );
  const file = doc as ComposeFile;
  const services: Resolved[] = [];
  const problems: string[] = [];
  for (const [name, service] of Object.entries(file.services)) {
    const command = (service.command ?? []).map((a) => interpolate(a, ctx.env ?? {}));
    let args: ServeArgs | undefined;
    try {
      args = await parseServeArgs(command);
    } catch (e) {
      problems.push(`${name}: hjsim serve ${command.join(' ')}: ${(e as Error).message}`);
    }
    services.push({ name, service, command, ...(args ? { args } : {}) });
  }
  return [...problems, ...(await runChecks(services, ctx))];
}

async function runChecks(services: readonly Resolved[], ctx: ComposeContext): Promise<string[]> {
  const out: string[] = [];
  for (const check of COMPOSE_CHECKS) out.push(...(await check(services, ctx)));
  return out;
}
