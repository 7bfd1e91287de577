/**
 * Runs one scenario: builds its world, replays `dsregcmd /join` (Windows 10+) or the down-level
 * autoworkplace task (Windows 7 / 8.1) against the parties over HTTP (in-process through msw, or
 * over loopback sockets), renders what Windows prints and logs, and checks `expect`.
 */
import { isSimError } from '../../core/errors.ts';
import { runAutoworkplace } from '../../client/autoworkplace/autoworkplace-join.ts';
import { runDsregJoin } from '../../client/dsreg/dsreg-join.ts';
import type { MachineEnvironment } from '../../onprem/machine.ts';
import {
  renderAutoworkplaceStatus,
  renderAutoworkplaceTranscript,
} from '../../client/render/autoworkplace-dialog.ts';
import { dsregEvents } from '../../client/render/dsreg-events.ts';
import { renderEventLog, SYSTEM_ACCOUNT } from '../../client/render/event-log.ts';
import { renderJoinDebug } from '../../client/render/join-debug.ts';
import { renderStatus, statusConsoleOf } from '../../client/render/status.ts';
import { workplaceJoinEvents } from '../../client/render/workplace-join-events.ts';
import type { JoinOutcome, JoinTrace } from '../../client/trace.ts';
import type { EventRecord } from '../../protocol/events/format-event.ts';
import type { Exchange } from '../../transport/dispatch.ts';
import { withLoopbackParties } from '../../transport/loopback-transport.ts';
import { withInProcessClient } from '../../transport/msw-transport.ts';
import { withExternalOrigins } from '../../transport/route-fetch.ts';
import { buildWorld, type World } from '../world/build-world.ts';
import { runPostJoin } from '../../client/dsreg/post-join.ts';
import { checkExpectations } from './expectations.ts';
import { loadScenario, type LoadedScenario } from '../language/load-scenario.ts';
import { DOWNLEVEL_OS, type Scenario } from '../language/schema.ts';

export interface ScenarioResult {
  readonly file: string;
  readonly name: string;
  readonly tags: readonly string[];
  readonly status: 'passed' | 'failed' | 'error';
  /** Which Windows join client ran: dsregcmd (Windows 10+) or autoworkplace (down-level). */
  readonly client: 'dsreg' | 'autoworkplace';
  readonly outcome?: JoinOutcome;
  readonly failures: readonly string[];
  /** `dsregcmd /join /debug` */
  readonly transcript: readonly string[];
  /** `dsregcmd /status` (down-level: `autoworkplace.exe /i`) */
  readonly statusOutput: readonly string[];
  /** The Event Viewer entries the attempt logged, in order. */
  readonly events: readonly EventRecord[];
  /** The same, as Event Viewer's "Copy details" shows them. */
  readonly eventLog: readonly string[];
  readonly exchanges: readonly Exchange[];
  /** Mock Entra's internal notes (which check failed and why). */
  readonly entraLog: readonly string[];
  readonly durationMs: number;
  readonly error?: { readonly code: string; readonly message: string };
  /** The scenario's `timeline`, one line per step: `2025-07-10 17:22:13 UTC  join  not joined …`. */
  readonly timeline?: readonly string[];
}

function timelineLine(e: TimelineEntry): string {
  return `${e.at.toISOString().replace('T', ' ').slice(0, 19)} UTC  ${e.event.padEnd(4)}  ${e.result}`;
}

export type TransportKind = 'inprocess' | 'http';

export interface RunOptions {
  /** `inprocess` (default): msw, no sockets; `http`: real HTTPS over 127.0.0.1. */
  readonly transport?: TransportKind;
}

/** What a client's run printed and logged. */
interface Rendered {
  readonly outcome: JoinOutcome;
  readonly transcript: readonly string[];
  readonly statusOutput: readonly string[];
  readonly events: readonly EventRecord[];
  readonly eventLog: readonly string[];
}

const clientOf = (loaded: LoadedScenario) =>
  (DOWNLEVEL_OS as readonly string[]).includes(loaded.scenario.device.os)
    ? ('autoworkplace' as const)
    : ('dsreg' as const);

/** Renders an `autoworkplace.exe /i` trace: its dialogs, the registration state and its events. */
function renderAutoworkplace(trace: Awaited<ReturnType<typeof runAutoworkplace>>): Rendered {
  const events = workplaceJoinEvents(trace);
  return {
    outcome: trace.outcome,
    transcript: renderAutoworkplaceTranscript(trace),
    statusOutput: renderAutoworkplaceStatus(trace),
    events,
    eventLog: renderEventLog(events, { computer: trace.computer, user: SYSTEM_ACCOUNT }),
  };
}

/** Renders a `dsregcmd /join` trace: debug transcript, `/status`, and the events it logged. */
export function renderDsreg(trace: JoinTrace, m: MachineEnvironment): Rendered {
  const events = dsregEvents(trace);
  return {
    outcome: trace.outcome,
    transcript: renderJoinDebug(trace),
    statusOutput: renderStatus(trace, statusConsoleOf(m)),
    events,
    eventLog: renderEventLog(events, {
      computer: `${m.computerName}.${m.domain.name}`,
      user: m.runningAsSystem
        ? SYSTEM_ACCOUNT
        : {
            // modeled: the elevated administrator is the domain's built-in Administrator (RID 500).
            sid: m.computer.objectSid.replace(/-\d+$/, '-500'),
            name: `${m.domain.netbiosName}\\Administrator`,
          },
    }),
  };
}

function finish(
  loaded: LoadedScenario,
  r: Rendered,
  exchanges: readonly Exchange[],
  entraLog: readonly string[],
  started: number,
): ScenarioResult {
  const s = loaded.scenario;
  const internal = exchanges
    .filter((e) => e.internalError)
    .map((e) => `internal error in ${e.party} (${e.method} ${e.url}): ${e.internalError}`);
  const failures = [
    ...internal,
    ...checkExpectations(s.expect, r.outcome, r.transcript, r.events, r.statusOutput),
  ];
  return {
    file: loaded.file,
    name: s.name,
    tags: s.tags,
    client: clientOf(loaded),
    status: failures.length ? 'failed' : 'passed',
    ...r,
    failures,
    exchanges: [...exchanges],
    entraLog: [...entraLog],
    durationMs: performance.now() - started,
  };
}

/** What one `dsregcmd /join` produced, checked against the scenario's `expect`. */
export function joinResult(
  loaded: LoadedScenario,
  trace: JoinTrace,
  machine: MachineEnvironment,
  exchanges: readonly Exchange[],
  entraLog: readonly string[],
  started: number,
): ScenarioResult {
  return finish(loaded, renderDsreg(trace, machine), exchanges, entraLog, started);
}

/** A scenario that could not run: a SimError is the scenario's fault, anything else ours. */
export function errorResult(loaded: LoadedScenario, e: unknown, started: number): ScenarioResult {
  return {
    file: loaded.file,
    name: loaded.scenario.name,
    tags: loaded.scenario.tags,
    client: clientOf(loaded),
    status: 'error',
    failures: [],
    transcript: [],
    statusOutput: [],
    events: [],
    eventLog: [],
    exchanges: [],
    entraLog: [],
    durationMs: performance.now() - started,
    error: isSimError(e)
      ? { code: e.code, message: e.message }
      : { code: 'ERR_INTERNAL', message: e instanceof Error ? (e.stack ?? e.message) : String(e) },
  };
}

/** One step of a scenario's `timeline`, as the report lists it. */
export interface TimelineEntry {
  readonly at: Date;
  readonly event: 'join' | 'sync';
  /** What came of it: `joined (federated)`, `failed 0x801c03f2 (join phase)`, `skipped: joined`. */
  readonly result: string;
}

function attemptResult(trace: JoinTrace): string {
  const o = trace.outcome;
  if (o.joined) return `joined (${o.joinType})`;
  const code = trace.diagnostics.clientErrorCode ?? o.hresults[o.hresults.length - 1] ?? '';
  return `not joined ${code}${o.errorPhase ? ` (${o.errorPhase} phase)` : ''}`.replace(/ +/g, ' ');
}

/**
 * `dsregcmd /join` (or the scenario's `timeline` of join attempts and sync cycles on the
 * simulated clock), the tenant's changes after it, then the post-join checks and sign-in.
 * modeled: the timeline's join attempts stand for the Automatic-Device-Join task (at sign-in and
 *   on its schedule) and are skipped once the device joined; each is printed as the last
 *   attempt's /join /debug would be. [TSC] ("Wait for the Microsoft Entra Connect Sync to finish,
 *   and the next join attempt after sync completion will resolve the issue")
 */
export async function joinAndSignIn(
  world: World,
  timeline?: Scenario['timeline'],
  log: TimelineEntry[] = [],
): Promise<JoinTrace> {
  let trace: JoinTrace | undefined;
  if (!timeline) trace = await runDsregJoin(world.machine);
  else {
    const start = world.clock.now().getTime();
    for (const step of timeline) {
      const target = start + step.afterMinutes * 60_000;
      const now = world.clock.now().getTime();
      if (target > now) world.clock.advance(target - now);
      const at = world.clock.now();
      if (step.event === 'sync') {
        world.syncComputer();
        log.push({ at, event: 'sync', result: 'the computer is exported to Entra' });
      } else if (trace?.outcome.joined) {
        log.push({ at, event: 'join', result: 'skipped: the device is joined' });
      } else {
        trace = await runDsregJoin(world.machine);
        log.push({ at, event: 'join', result: attemptResult(trace) });
      }
    }
  }
  world.afterJoin();
  return runPostJoin(world.machine, trace!);
}

export async function runLoadedScenario(
  loaded: LoadedScenario,
  opts: RunOptions = {},
): Promise<ScenarioResult> {
  const started = performance.now();
  try {
    const world = buildWorld(loaded.scenario, loaded.dir);
    const timeline: TimelineEntry[] = [];
    const withParties = opts.transport === 'http' ? withLoopbackParties : withInProcessClient;
    const downlevel = world.downlevel;
    const run = () =>
      withParties(world.parties, async (): Promise<Rendered> => {
        return downlevel
          ? renderAutoworkplace(await runAutoworkplace(downlevel))
          : renderDsreg(
              await joinAndSignIn(world, loaded.scenario.timeline, timeline),
              world.machine,
            );
      });
    // An external IdP is reached over the network, exactly its origins (docs/decisions/0011).
    const { result, exchanges } = world.external
      ? await withExternalOrigins(world.external, run)
      : await run();
    const done = finish(loaded, result, exchanges, world.entraLog, started);
    return timeline.length ? { ...done, timeline: timeline.map(timelineLine) } : done;
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
