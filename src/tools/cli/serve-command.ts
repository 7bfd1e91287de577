/**
 * `hjsim serve`: a scenario's mock IdP and mock Entra on one port of 127.0.0.1, for real clients
 * (a customer's reproduction, adal-node, curl, a browser). The scenario's IdP URLs are rewritten
 * to the server's base URL; mock Entra answers at the base URL and under its real host names
 * (docs/decisions/0004-loopback-transport.md). Each exchange is logged; SIGINT/SIGTERM stop it.
 * In a container (docs/decisions/0010-containers.md): `--host 0.0.0.0`, `--party idp|entra` to
 * serve one side of the world, `--idp-url` to point mock Entra at an IdP served elsewhere, and
 * `GET /healthz` for the healthcheck.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { manualClock, systemClock, type Clock } from '../../core/clock.ts';
import { SimError } from '../../core/errors.ts';
import { PACKAGE_ROOT } from '../../core/keys.ts';
import type { Party } from '../../core/http.ts';
import { buildWorld } from '../../scenario/world/build-world.ts';
import { defaultIssuerOf } from '../../scenario/world/build-idp.ts';
import { loadScenario } from '../../scenario/language/load-scenario.ts';
import { localizeScenario } from '../../scenario/language/localize-scenario.ts';
import { mockIdpOf } from '../../scenario/world/mock-idp.ts';
import type { Scenario } from '../../scenario/language/schema.ts';
import { servedUrls } from '../../scenario/world/served-urls.ts';
import type { Exchange } from '../../transport/dispatch.ts';
import {
  HEALTH_PATH,
  startLoopbackServer,
  TLS_CA_PATH,
  type ListenAddress,
} from '../../transport/loopback-server.ts';
import { describeLimits } from '../../transport/safe-listen.ts';
import { signalled } from './arguments.ts';
import { EXIT } from './exit-codes.ts';
import { checkServeCombination, type ServeParty } from './serve-options.ts';
import { HR } from '../../protocol/hresult/catalog.ts';

export interface ServeOptions {
  readonly port: number;
  readonly scenario: string;
  readonly tls: boolean;
  /** Listen address (default 127.0.0.1); the server names itself 127.0.0.1 whatever it is. */
  readonly host?: ListenAddress;
  /** Which parties to serve (default all). */
  readonly party?: ServeParty;
  /** With `party: 'entra'`: the origin the scenario's IdP URLs are rewritten to. */
  readonly idpUrl?: string;
  /**
   * `now`: the parties run on the wall clock; an ISO time: fixed there. Default: the scenario's
   * own (a seeded scenario's parties stand still at the seed's moment, 2025-07-10T17:22:13Z).
   */
  readonly clock?: string;
  /** Resolves when the server should stop (default: SIGINT or SIGTERM). */
  readonly until?: Promise<unknown>;
}

const isIdp = (p: Party): boolean => p.name === 'mock-idp';

/** The parties `--party` selects: the mock IdP, or every mock Entra party (login, DRS, Graph). */
export function selectParties(parties: readonly Party[], party: ServeParty): readonly Party[] {
  if (party === 'idp') return parties.filter(isIdp);
  if (party === 'entra') return parties.filter((p) => !isIdp(p));
  return parties;
}

/**
 * The URL as the log shows it: the query's parameter names, never their values (an assertion, a
 * code or a token sent in the query must not land in the log).
 */
export function redactedUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const names = [...new URLSearchParams(url.slice(q + 1)).keys()].map(
    (k) => `${encodeURIComponent(k).slice(0, 64)}=…`,
  );
  return `${url.slice(0, q)}${names.length ? `?${names.join('&')}` : ''}`;
}

function logLine(e: Exchange): string {
  const t = new Date().toISOString().slice(11, 23);
  const flag = e.internalError ? `  (internal error: ${e.internalError})` : '';
  return `${t} ${e.party.padEnd(16)} ${e.method} ${redactedUrl(e.url)} → ${e.status}${flag}`;
}

function urls(s: Scenario, base: string, party: ServeParty): string[] {
  const u = servedUrls(s, base);
  const out = [
    party === 'entra'
      ? `IdP (not served here; mock Entra sends clients to these URLs):`
      : `mock IdP (${s.idp.profile}):`,
  ];
  if (u.mex) out.push(`  MEX          ${u.mex}`);
  if (u.sts) out.push(`  STS          ${u.sts}`);
  if (u.issuer) out.push(`  issuer       ${u.issuer}`);
  if (party === 'idp') return out;
  out.push('mock Entra login (also as Host: login.microsoftonline.com):');
  out.push(`  user realm   ${u.userRealm}`);
  out.push(`  token        ${u.token}`);
  out.push('mock Entra DRS (also as Host: enterpriseregistration.windows.net):');
  out.push(`  discovery    ${u.discovery}`);
  out.push(`  join         ${u.join}`);
  out.push('Graph-like admin API (also as Host: graph.microsoft.com; modeled):');
  out.push(`  federation   ${base}/v1.0/domains/{domain}/federationConfiguration`);
  return out;
}

/**
 * `--clock now|ISO`. A seeded scenario's parties otherwise stand still at the seed's moment: fine
 * for its own client, an expired IdP for anyone judging tokens by the real time (hjsim conform).
 */
function clockOption(value: string | undefined): Clock | undefined {
  if (value === undefined) return undefined;
  if (value === 'now') return systemClock();
  const at = new Date(value);
  if (!/^\d{4}-\d\d-\d\dT/.test(value) || Number.isNaN(at.getTime())) {
    throw new SimError('ERR_USAGE', `--clock ${value} is neither now nor an ISO time`, {
      hint: 'use --clock now, or a time like 2025-07-10T17:22:13Z',
    });
  }
  return manualClock(at);
}

/** A relative path that is not in the working directory is looked for in the hjsim package. */
function scenarioPath(path: string): string {
  if (isAbsolute(path) || existsSync(path)) return path;
  const shipped = join(PACKAGE_ROOT, path);
  return existsSync(shipped) ? shipped : path;
}

/** The scenario with its IdP's issuer written out (the profile's default when not set). */
function withIssuer(s: Scenario): Scenario {
  if (s.idp.issuer !== undefined || s.idp.host === undefined) return s;
  return { ...s, idp: { ...s.idp, issuer: defaultIssuerOf(s) } };
}

/** How many exchanges (with their bodies) a running `hjsim serve` keeps in memory. */
export const SERVE_KEEPS_EXCHANGES = 200;

export async function serveCommand(opts: ServeOptions): Promise<number> {
  const party = opts.party ?? 'all';
  const listen = opts.host ?? '127.0.0.1';
  checkServeCombination({ party, idpUrl: opts.idpUrl });
  // Listen for the signals before anything is printed: a client may stop us as soon as it reads.
  const stop = opts.until ?? signalled();
  const loaded = await loadScenario(scenarioPath(opts.scenario));
  mockIdpOf(loaded.scenario, 'hjsim serve');
  const clock = clockOption(opts.clock);
  let served: Scenario = loaded.scenario;
  // The Graph-like admin API's key for this run only (docs/security.md): printed below, never logged.
  const graphAdminKey = randomBytes(24).toString('base64url');
  const server = await startLoopbackServer(
    (hostPort): readonly Party[] => {
      const own = `${opts.tls ? 'https' : 'http'}://${hostPort}`;
      // Mock Entra alone sends clients to the IdP at --idp-url, or where the scenario says.
      const idpBase = party === 'entra' ? opts.idpUrl : own;
      // The issuer is fixed before the move, so that it moves with the IdP's scheme too: without
      // --tls the IdP issues http://127.0.0.1:PORT/… as the federation settings now say.
      served = idpBase ? localizeScenario(withIssuer(loaded.scenario), idpBase) : loaded.scenario;
      return selectParties(
        buildWorld(served, loaded.dir, { ...(clock ? { clock } : {}), graphAdminKey }).parties,
        party,
      );
    },
    {
      port: opts.port,
      tls: opts.tls,
      listen,
      exposeBeyondLoopback: listen !== '127.0.0.1',
      health: true,
      aliasAtServerAddress: true,
      onExchange: (e) => console.log(logLine(e)),
      // Each exchange is logged as it happens; only the newest are kept in memory.
      keepExchanges: SERVE_KEEPS_EXCHANGES,
    },
  );
  const file = relative(process.cwd(), loaded.file) || loaded.file;
  const what = party === 'idp' ? 'mock IdP only' : party === 'entra' ? 'mock Entra only' : '';
  const lines = [
    `hjsim serve: ${loaded.scenario.name} (${file})${what ? ` — ${what}` : ''}`,
    `listening on ${server.baseUrl}${opts.tls ? ' (HTTPS, TEST ONLY certificate for 127.0.0.1)' : ''}`,
    `  ${describeLimits(server.limits)}`,
    ...(listen === '127.0.0.1'
      ? []
      : [
          `  bound to every interface (${listen}, port ${server.port}): publish it on 127.0.0.1 only, with the same port number (docker run -p 127.0.0.1:${server.port}:${server.port}), since the URLs it hands out name 127.0.0.1:${server.port}`,
        ]),
    ...(opts.tls
      ? [`  clients trust the test CA: ${TLS_CA_PATH}  (NODE_EXTRA_CA_CERTS, curl --cacert)`]
      : [
          `  plain HTTP: the Windows join client refuses http:// federation URLs, as Windows does (${HR.ERROR_ADAL_WS_TRUST_METADATAURL_NOT_SECURE}); use --tls for a join`,
        ]),
    ...(party === 'entra' && !opts.idpUrl
      ? ["  without --idp-url the IdP URLs are the scenario's own (nothing here rewrites them)"]
      : []),
    ...urls(served, server.baseUrl, party),
    ...(party === 'idp'
      ? []
      : [
          `  authorize with Authorization: Bearer ${graphAdminKey}  (this run's admin key), or a token mock Entra issued for https://graph.microsoft.com`,
        ]),
    `other Host headers reach the parties served at ${server.hostPort}`,
    `health: ${server.baseUrl}${HEALTH_PATH} (hjsim's own, not an Entra or IdP route)`,
    'each exchange is logged below; Ctrl+C stops',
  ];
  console.log(lines.join('\n'));
  const why = await stop;
  await server.close();
  console.log(`hjsim serve: stopped${typeof why === 'string' ? ` (${why})` : ''}`);
  return EXIT.ok;
}
