/**
 * `withSimulator`: a scenario's mock IdP and mock Entra, up for the length of a callback, for
 * tests of the user's own client code. Inside the callback the parties answer at their real URLs
 * (`sim.urls`), in-process (msw) or over real HTTPS on 127.0.0.1 (`transport: 'http'`, where
 * `sim.local` is the server's address); `takeRequest()` hands out what reached them, oldest first;
 * `join()` runs the Windows join client against the same parties.
 */
import { runDsregJoin } from '../../client/dsreg/dsreg-join.ts';
import { DRS_HOST, LOGIN_HOST } from '../../protocol/entra-names.ts';
import { buildWorld } from '../../scenario/world/build-world.ts';
import { mockIdpOf } from '../../scenario/world/mock-idp.ts';
import type { Scenario } from '../../scenario/language/schema.ts';
import {
  joinResult,
  type ScenarioResult,
  type TransportKind,
} from '../../scenario/run/run-scenario.ts';
import { createRouter, type Exchange, type PartyRouter } from '../../transport/dispatch.ts';
import { startLoopbackServer, TLS_CA_PATH } from '../../transport/loopback-server.ts';
import { withInProcessRouter } from '../../transport/msw-transport.ts';
import { withFetchRoutedTo } from '../../transport/route-fetch.ts';
import { loadSource, type ScenarioSource } from './resolve-scenario.ts';

export interface SimulatorOptions {
  readonly scenario: ScenarioSource;
  readonly transport?: TransportKind;
  /** Where a scenario object's `extends` and key paths resolve (default: the working directory). */
  readonly dir?: string;
}

export interface Simulator {
  readonly scenario: Scenario;
  /** Base URLs of the parties, as clients address them. */
  readonly urls: {
    readonly login: string;
    readonly drs: string;
    readonly idp: string;
    /** The federated domain's `metadataExchangeUri` and `activeSignInUri`. */
    readonly mex: string | undefined;
    readonly sts: string | undefined;
  };
  /** With `transport: 'http'`: the server's own address and the CA its certificate chains to. */
  readonly local: { readonly baseUrl: string; readonly caPath: string } | undefined;
  /** The oldest request not taken yet, with its response; undefined when none is left. */
  takeRequest(): Exchange | undefined;
  /** Every exchange so far. */
  readonly requests: readonly Exchange[];
  /** Runs `dsregcmd /join` against these parties; the result is checked against `expect`. */
  join(): Promise<ScenarioResult>;
  /** `dsregcmd /join /debug` of the last `join()` ([] before). */
  readonly transcript: readonly string[];
  /** Mock Entra's internal notes (which token check failed and why). */
  readonly entraLog: readonly string[];
}

export async function withSimulator<T>(
  opts: SimulatorOptions,
  fn: (sim: Simulator) => Promise<T>,
): Promise<T> {
  const loaded = await loadSource(opts.scenario, opts.dir);
  const idp = mockIdpOf(loaded.scenario, 'withSimulator');
  const world = buildWorld(loaded.scenario, loaded.dir);
  const domain = loaded.scenario.tenant.domains.find((d) => d.federation);
  let taken = 0;
  let transcript: readonly string[] = [];
  const make = (router: PartyRouter, local: Simulator['local']): Simulator => ({
    scenario: loaded.scenario,
    urls: {
      login: `https://${LOGIN_HOST}`,
      drs: `https://${DRS_HOST}`,
      idp: `https://${idp.host}`,
      mex: domain?.federation?.metadataExchangeUri,
      sts: domain?.federation?.activeSignInUri,
    },
    local,
    takeRequest: () => {
      const next = router.exchanges[taken];
      if (next) taken++;
      return next;
    },
    requests: router.exchanges,
    join: async () => {
      const started = performance.now();
      const from = router.exchanges.length;
      const trace = await runDsregJoin(world.machine);
      const result = joinResult(
        loaded,
        trace,
        world.machine,
        router.exchanges.slice(from),
        world.entraLog,
        started,
      );
      transcript = result.transcript;
      return result;
    },
    get transcript() {
      return transcript;
    },
    entraLog: world.entraLog,
  });

  if (opts.transport === 'http') {
    const server = await startLoopbackServer(() => world.parties, { tls: true });
    try {
      const sim = make(server.router, { baseUrl: server.baseUrl, caPath: TLS_CA_PATH });
      return await withFetchRoutedTo({ port: server.port, tls: true }, () => fn(sim));
    } finally {
      await server.close();
    }
  }
  const router = createRouter(world.parties);
  return withInProcessRouter(router, () => fn(make(router, undefined)));
}
