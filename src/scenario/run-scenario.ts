/**
 * Runs one scenario: builds its world, replays `dsregcmd /join` against the parties over HTTP
 * (in-process through msw, or over loopback sockets), renders what Windows prints, and checks
 * `expect`.
 */
import { isSimError } from '../core/errors.ts';
import { runDsregJoin } from '../client/dsreg/dsreg-join.ts';
import { renderJoinDebug } from '../client/render/join-debug.ts';
import { renderStatus } from '../client/render/status.ts';
import type { JoinOutcome, JoinTrace } from '../client/trace.ts';
import type { Exchange } from '../transport/dispatch.ts';
import { withLoopbackParties } from '../transport/loopback-transport.ts';
import { withInProcessParties } from '../transport/msw-transport.ts';
import { buildWorld } from './build-world.ts';
import { checkExpectations } from './expectations.ts';
import { loadScenario, type LoadedScenario } from './load-scenario.ts';

export interface ScenarioResult {
  readonly file: string;
  readonly name: string;
  readonly tags: readonly string[];
  readonly status: 'passed' | 'failed' | 'error';
  readonly outcome?: JoinOutcome;
  readonly failures: readonly string[];
  /** `dsregcmd /join /debug` */
  readonly transcript: readonly string[];
  /** `dsregcmd /status` */
  readonly statusOutput: readonly string[];
  readonly exchanges: readonly Exchange[];
  /** Mock Entra's internal notes (which check failed and why). */
  readonly entraLog: readonly string[];
  readonly durationMs: number;
  readonly error?: { readonly code: string; readonly message: string };
}

export type TransportKind = 'inprocess' | 'http';

export interface RunOptions {
  /** `inprocess` (default): msw, no sockets; `http`: real HTTPS over 127.0.0.1. */
  readonly transport?: TransportKind;
}

/** What one join produced, checked against the scenario's `expect`. */
export function joinResult(
  loaded: LoadedScenario,
  trace: JoinTrace,
  exchanges: readonly Exchange[],
  entraLog: readonly string[],
  started: number,
): ScenarioResult {
  const s = loaded.scenario;
  const transcript = renderJoinDebug(trace);
  const internal = exchanges
    .filter((e) => e.internalError)
    .map((e) => `internal error in ${e.party} (${e.method} ${e.url}): ${e.internalError}`);
  const failures = [...internal, ...checkExpectations(s.expect, trace.outcome, transcript)];
  return {
    file: loaded.file,
    name: s.name,
    tags: s.tags,
    status: failures.length ? 'failed' : 'passed',
    outcome: trace.outcome,
    failures,
    transcript,
    statusOutput: renderStatus(trace),
    exchanges: [...exchanges],
    entraLog: [...entraLog],
    durationMs: performance.now() - started,
  };
}

/** A scenario that could not run: a SimError is the scenario's fault, anything else ours. */
export function errorResult(loaded: LoadedScenario, e: unknown, started: number): ScenarioResult {
  return {
    file: loaded.file,
    name: loaded.scenario.name,
    tags: loaded.scenario.tags,
    status: 'error',
    failures: [],
    transcript: [],
    statusOutput: [],
    exchanges: [],
    entraLog: [],
    durationMs: performance.now() - started,
    error: isSimError(e)
      ? { code: e.code, message: e.message }
      : {
          code: 'ERR_INTERNAL',
          message: e instanceof Error ? (e.stack ?? e.message) : String(e),
        },
  };
}

export async function runLoadedScenario(
  loaded: LoadedScenario,
  opts: RunOptions = {},
): Promise<ScenarioResult> {
  const started = performance.now();
  try {
    const world = buildWorld(loaded.scenario, loaded.dir);
    const withParties = opts.transport === 'http' ? withLoopbackParties : withInProcessParties;
    const { result: trace, exchanges } = await withParties(world.parties, () =>
      runDsregJoin(world.machine),
    );
    return joinResult(loaded, trace, exchanges, world.entraLog, started);
  } catch (e) {
    return errorResult(loaded, e, started);
  }
}

export async function runScenarioFile(
  file: string,
  opts: RunOptions = {},
): Promise<ScenarioResult> {
  return runLoadedScenario(await loadScenario(file), opts);
}
