/**
 * `hjsim serve`: a scenario's mock IdP and mock Entra on one port of 127.0.0.1, for real clients
 * (a customer's reproduction, adal-node, curl, a browser). The scenario's IdP URLs are rewritten
 * to the server's base URL; mock Entra answers at the base URL and under its real host names
 * (docs/decisions/0004-loopback-transport.md). Each exchange is logged; SIGINT/SIGTERM stop it.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { manualClock, systemClock, type Clock } from '../core/clock.ts';
import { SimError } from '../core/errors.ts';
import { PACKAGE_ROOT } from '../core/keys.ts';
import type { Party } from '../core/http.ts';
import { buildWorld } from '../scenario/build-world.ts';
import { loadScenario } from '../scenario/load-scenario.ts';
import { localizeScenario } from '../scenario/localize-scenario.ts';
import { mockIdpOf } from '../scenario/mock-idp.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Exchange } from '../transport/dispatch.ts';
import { startLoopbackServer, TLS_CA_PATH } from '../transport/loopback-server.ts';
import { EXIT } from './exit-codes.ts';

export interface ServeOptions {
  readonly port: number;
  readonly scenario: string;
  readonly tls: boolean;
  /**
   * `now`: the parties run on the wall clock; an ISO time: fixed there. Default: the scenario's
   * own (a seeded scenario's parties stand still at the seed's moment, 2025-07-10T17:22:13Z).
   */
  readonly clock?: string;
  /** Resolves when the server should stop (default: SIGINT or SIGTERM). */
  readonly until?: Promise<unknown>;
}

function logLine(e: Exchange): string {
  const t = new Date().toISOString().slice(11, 23);
  const flag = e.internalError ? `  (internal error: ${e.internalError})` : '';
  return `${t} ${e.party.padEnd(16)} ${e.method} ${e.url} → ${e.status}${flag}`;
}

function urls(s: Scenario, base: string): string[] {
  const d = s.tenant.domains.find((x) => x.authentication === 'federated' && x.federation);
  const f = d?.federation;
  const out = [`mock IdP (${s.idp.profile}):`];
  if (f) {
    out.push(`  MEX          ${f.metadataExchangeUri}`);
    out.push(`  STS          ${f.activeSignInUri}`);
    out.push(`  issuer       ${s.idp.issuer ?? f.issuerUri}`);
  }
  const domain = d?.name ?? s.tenant.domains[0]?.name ?? '';
  out.push('mock Entra login (also as Host: login.microsoftonline.com):');
  out.push(`  user realm   ${base}/common/userrealm/${domain}?api-version=1.0`);
  out.push(`  token        ${base}/${s.tenant.id}/oauth2/token`);
  out.push('mock Entra DRS (also as Host: enterpriseregistration.windows.net):');
  out.push(`  discovery    ${base}/${s.tenant.id}/discover?api-version=1.7`);
  out.push(`  join         ${base}/EnrollmentServer/device/?api-version=2.0`);
  return out;
}

function signalled(): Promise<string> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
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

export async function serveCommand(opts: ServeOptions): Promise<number> {
  // Listen for the signals before anything is printed: a client may stop us as soon as it reads.
  const stop = opts.until ?? signalled();
  const loaded = await loadScenario(scenarioPath(opts.scenario));
  mockIdpOf(loaded.scenario, 'hjsim serve');
  const clock = clockOption(opts.clock);
  let served: Scenario = loaded.scenario;
  const server = await startLoopbackServer(
    (hostPort): readonly Party[] => {
      served = localizeScenario(loaded.scenario, `${opts.tls ? 'https' : 'http'}://${hostPort}`);
      return buildWorld(served, loaded.dir, clock ? { clock } : {}).parties;
    },
    {
      port: opts.port,
      tls: opts.tls,
      aliasAtServerAddress: true,
      onExchange: (e) => console.log(logLine(e)),
    },
  );
  const file = relative(process.cwd(), loaded.file) || loaded.file;
  const lines = [
    `hjsim serve: ${loaded.scenario.name} (${file})`,
    `listening on ${server.baseUrl}${opts.tls ? ' (HTTPS, TEST ONLY certificate for 127.0.0.1)' : ''}`,
    ...(opts.tls
      ? [`  clients trust the test CA: ${TLS_CA_PATH}  (NODE_EXTRA_CA_CERTS, curl --cacert)`]
      : [
          '  plain HTTP: the Windows join client refuses http:// federation URLs, as Windows does (0xcaa90020); use --tls for a join',
        ]),
    ...urls(served, server.baseUrl),
    `other Host headers reach the parties served at ${server.hostPort}`,
    'each exchange is logged below; Ctrl+C stops',
  ];
  console.log(lines.join('\n'));
  const why = await stop;
  await server.close();
  console.log(`hjsim serve: stopped${typeof why === 'string' ? ` (${why})` : ''}`);
  return EXIT.ok;
}
