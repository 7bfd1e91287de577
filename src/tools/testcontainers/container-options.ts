/**
 * `hjsim/testcontainers`, the part that needs no container runtime: the options of `startHjsim`
 * checked with a clear error each, the scenario files to copy into the container (the file, its
 * `extends` chain and the key files beside it, in their layout), the `hjsim serve` command line,
 * and the URLs a client uses once the container listens on 127.0.0.1:PORT.
 * @see docs/decisions/0010-containers.md
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SimError } from '../../core/errors.ts';
import type { LoadedScenario } from '../../scenario/language/load-scenario.ts';
import { scenarioPathIn } from '../../scenario/language/shipped-path.ts';
import { localizeScenario } from '../../scenario/language/localize-scenario.ts';
import type { Scenario } from '../../scenario/language/schema.ts';
import { servedUrls } from '../../scenario/world/served-urls.ts';

/** Which parties the container serves (`hjsim serve --party`). */
export type HjsimParty = 'all' | 'idp' | 'entra';

export interface StartHjsimOptions {
  /** The scenario file (path or `file:` URL); a relative path not in the working directory is looked for among hjsim's shipped scenarios. */
  readonly scenario: string | URL;
  /** HTTPS with the TEST ONLY certificate for 127.0.0.1 (default true; the Windows client needs it). */
  readonly tls?: boolean;
  /** An image to run (default: built from hjsim's own Dockerfile, tagged `hjsim:testcontainers`). */
  readonly image?: string;
  /** The port on 127.0.0.1, the same inside the container (default: a free one). */
  readonly port?: number;
  /** Serve the mock IdP and mock Entra (default), or one of them. */
  readonly party?: HjsimParty;
  /** With `party: 'entra'`: the IdP's origin, e.g. `https://127.0.0.1:4444`. */
  readonly idpUrl?: string;
  /** How long the image build and start may take before the healthcheck says healthy (default 120 s). */
  readonly startupTimeoutMs?: number;
}

export interface ResolvedOptions {
  /** Absolute path of the scenario file on this machine. */
  readonly scenarioFile: string;
  readonly tls: boolean;
  readonly image: string | undefined;
  /** undefined: pick a free port. */
  readonly port: number | undefined;
  readonly party: HjsimParty;
  readonly idpUrl: string | undefined;
  readonly startupTimeoutMs: number;
}

const KNOWN = ['scenario', 'tls', 'image', 'port', 'party', 'idpUrl', 'startupTimeoutMs'];
const PARTIES: readonly HjsimParty[] = ['all', 'idp', 'entra'];

function usage(field: string, message: string, hint: string): SimError {
  return new SimError('ERR_USAGE', `startHjsim: ${message}`, {
    where: `startHjsim options.${field}`,
    hint,
  });
}

const shown = (v: unknown): string => (typeof v === 'string' ? `"${v}"` : String(v));

/** A relative path not found from the working directory is looked for in the hjsim package. */
function scenarioFile(given: string | URL, cwd: string): string {
  return scenarioPathIn(given instanceof URL ? fileURLToPath(given) : given, cwd);
}

/** Checks `startHjsim`'s options; every problem names the option, what was there and what to give. */
export function resolveOptions(options: unknown, cwd = process.cwd()): ResolvedOptions {
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw usage(
      '',
      'takes an options object',
      "call startHjsim({ scenario: 'scenarios/pingone/baseline.yaml' })",
    );
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o))
    if (!KNOWN.includes(key))
      throw usage(key, `unknown option ${key}`, `the options are ${KNOWN.join(', ')}`);

  const s = o['scenario'];
  const isFileUrl = s instanceof URL && s.protocol === 'file:';
  if (!(typeof s === 'string' && s.trim() !== '') && !isFileUrl)
    throw usage(
      'scenario',
      `scenario must be a scenario file path or a file: URL (got ${s instanceof URL ? s.href : shown(s)})`,
      "e.g. scenario: 'scenarios/pingone/baseline.yaml' or new URL('./my.yaml', import.meta.url)",
    );
  const file = scenarioFile(s as string | URL, cwd);
  if (!existsSync(file) || !statSync(file).isFile())
    throw usage(
      'scenario',
      `no scenario file at ${file}`,
      'give a path relative to the working directory, an absolute path, or a shipped one such as scenarios/pingone/baseline.yaml',
    );

  const tls = o['tls'] ?? true;
  if (typeof tls !== 'boolean')
    throw usage('tls', `tls must be true or false (got ${shown(tls)})`, 'leave it out for HTTPS');

  const image = o['image'];
  if (image !== undefined && (typeof image !== 'string' || !/^[\w][\w.\-/:@]*$/.test(image)))
    throw usage(
      'image',
      `image must be an image reference such as hjsim:local (got ${shown(image)})`,
      "leave it out to build hjsim's Dockerfile",
    );

  const port = o['port'];
  if (
    port !== undefined &&
    (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535)
  )
    throw usage(
      'port',
      `port must be a whole number from 1 to 65535, or 0 for a free one (got ${shown(port)})`,
      'leave it out to take a free port',
    );

  const party = o['party'] ?? 'all';
  if (typeof party !== 'string' || !(PARTIES as readonly string[]).includes(party))
    throw usage(
      'party',
      `party must be one of ${PARTIES.join(', ')} (got ${shown(party)})`,
      'leave it out to serve the mock IdP and mock Entra',
    );

  const idpUrl = o['idpUrl'];
  let idpOrigin: string | undefined;
  if (idpUrl !== undefined) {
    if (party !== 'entra')
      throw usage(
        'idpUrl',
        `idpUrl is for party: 'entra' (got party: '${party}')`,
        "add party: 'entra', or leave out idpUrl",
      );
    let url: URL | undefined;
    try {
      url = typeof idpUrl === 'string' ? new URL(idpUrl) : undefined;
    } catch {
      url = undefined;
    }
    if (
      !url ||
      !['http:', 'https:'].includes(url.protocol) ||
      (url.pathname !== '/' && url.pathname !== '') ||
      url.search
    )
      throw usage(
        'idpUrl',
        `idpUrl must be an http(s) origin such as https://127.0.0.1:4444 (got ${shown(idpUrl)})`,
        "the scenario's paths (/wsf/mex13/…) are kept; give scheme, host and port only",
      );
    idpOrigin = url.origin;
  }

  const timeout = o['startupTimeoutMs'] ?? 120_000;
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1000)
    throw usage(
      'startupTimeoutMs',
      `startupTimeoutMs must be a whole number of milliseconds, at least 1000 (got ${shown(timeout)})`,
      'the first image build takes a minute or two',
    );

  return {
    scenarioFile: file,
    tls,
    image: image as string | undefined,
    port: port === 0 ? undefined : (port as number | undefined),
    party: party as HjsimParty,
    idpUrl: idpOrigin,
    startupTimeoutMs: timeout,
  };
}

/** Where scenarios go in the container. */
export const CONTAINER_SCENARIOS = '/scenarios';

export interface ScenarioCopy {
  /** `--scenario` inside the container. */
  readonly scenarioArg: string;
  /** Files to copy: host path → container path (same layout, so `extends` and key paths resolve). */
  readonly files: readonly { readonly source: string; readonly target: string }[];
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object')
    for (const v of Object.values(value)) strings(v, out);
  return out;
}

const isFile = (p: string): boolean => existsSync(p) && statSync(p).isFile();

function commonDir(paths: readonly string[]): string {
  const split = paths.map((p) => dirname(p).split(sep));
  const first = split[0] ?? [];
  let n = first.length;
  for (const s of split) {
    let i = 0;
    while (i < n && s[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join(sep) || sep;
}

/**
 * What to copy so the container reads the scenario as `hjsim serve` would here: the file and its
 * `extends` chain, and every key or certificate a scenario field names relative to the file's
 * folder (names that resolve nowhere there fall back to hjsim's own certs/, in the image too),
 * under /scenarios in the same layout. An absolute key path is copied to the same path.
 */
export function planScenarioCopy(
  loaded: Pick<LoadedScenario, 'file' | 'dir' | 'chain' | 'scenario'>,
): ScenarioCopy {
  const relativeFiles = new Set<string>([...loaded.chain, loaded.file]);
  const absolute = new Set<string>();
  for (const v of strings(loaded.scenario)) {
    if (v.length > 1024 || v.includes('\n') || /^[a-z][a-z0-9+.-]*:\/\//i.test(v)) continue;
    if (isAbsolute(v)) {
      if (isFile(v)) absolute.add(v);
    } else if (v.trim() !== '' && isFile(resolve(loaded.dir, v)))
      relativeFiles.add(resolve(loaded.dir, v));
  }
  const root = commonDir([...relativeFiles]);
  const inContainer = (f: string) =>
    posix.join(CONTAINER_SCENARIOS, ...relative(root, f).split(sep));
  return {
    scenarioArg: inContainer(loaded.file),
    files: [
      ...[...relativeFiles].sort().map((f) => ({ source: f, target: inContainer(f) })),
      ...[...absolute].sort().map((f) => ({ source: f, target: f.split(sep).join('/') })),
    ],
  };
}

/** The container's command: the arguments after the image's `ENTRYPOINT [node bin/hjsim.js serve]`. */
export function serveArguments(o: ResolvedOptions, port: number, scenarioArg: string): string[] {
  return [
    '--host',
    '0.0.0.0',
    '--port',
    String(port),
    ...(o.tls ? ['--tls'] : []),
    '--party',
    o.party,
    ...(o.idpUrl ? ['--idp-url', o.idpUrl] : []),
    '--scenario',
    scenarioArg,
  ];
}

export interface HjsimUrls {
  /** `https://127.0.0.1:PORT` (or http without tls). */
  readonly baseUrl: string;
  /** hjsim's own `GET /healthz`. */
  readonly health: string;
  /** The IdP's MEX, STS and issuer as mock Entra hands them out (undefined for a managed domain). */
  readonly mex: string | undefined;
  readonly sts: string | undefined;
  readonly issuer: string | undefined;
  /** Mock Entra's endpoints (undefined with `party: 'idp'`). */
  readonly userRealm: string | undefined;
  readonly token: string | undefined;
  readonly discovery: string | undefined;
  readonly join: string | undefined;
}

/** The URLs of a container serving `scenario` on 127.0.0.1:port, as `hjsim serve` localizes them. */
export function containerUrls(
  scenario: Scenario,
  o: Pick<ResolvedOptions, 'tls' | 'party' | 'idpUrl'>,
  port: number,
): HjsimUrls {
  const baseUrl = `${o.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const idpBase = o.party === 'entra' ? o.idpUrl : baseUrl;
  const u = servedUrls(idpBase ? localizeScenario(scenario, idpBase) : scenario, baseUrl);
  const entra = o.party !== 'idp';
  return {
    baseUrl,
    health: `${baseUrl}/healthz`,
    mex: u.mex,
    sts: u.sts,
    issuer: u.issuer,
    userRealm: entra ? u.userRealm : undefined,
    token: entra ? u.token : undefined,
    discovery: entra ? u.discovery : undefined,
    join: entra ? u.join : undefined,
  };
}

/**
 * The container's URLs name 127.0.0.1 (what the TEST ONLY certificate holds and what the server
 * hands out): a runtime whose published ports are elsewhere (a remote DOCKER_HOST) cannot serve them.
 */
export function checkContainerHost(host: string): void {
  if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(host.toLowerCase()))
    throw new SimError(
      'ERR_USAGE',
      `startHjsim: the container runtime publishes ports on ${host}, not on this machine`,
      {
        where: 'the container runtime (DOCKER_HOST)',
        hint: 'hjsim names itself https://127.0.0.1:PORT and its TEST ONLY certificate holds only 127.0.0.1 and localhost: use a local Docker engine',
      },
    );
}
