/**
 * Runs one scenario: builds its world, replays `dsregcmd /join` (Windows 10+) or the down-level
 * autoworkplace task (Windows 7 / 8.1) against the parties over HTTP (in-process), renders what
 * Windows prints and logs, and checks `expect`.
 */
import { isSimError } from '../core/errors.ts';
import { runDsregJoin } from '../client/dsreg/dsreg-join.ts';
import { runAutoworkplace } from '../client/autoworkplace/autoworkplace-join.ts';
import {
  renderAutoworkplaceStatus,
  renderAutoworkplaceTranscript,
} from '../client/render/autoworkplace-dialog.ts';
import { dsregEvents } from '../client/render/dsreg-events.ts';
import { renderEventLog, SYSTEM_ACCOUNT } from '../client/render/event-log.ts';
import { renderJoinDebug } from '../client/render/join-debug.ts';
import { renderStatus } from '../client/render/status.ts';
import { workplaceJoinEvents } from '../client/render/workplace-join-events.ts';
import type { JoinOutcome } from '../client/trace.ts';
import type { EventRecord } from '../protocol/events/format-event.ts';
import type { Exchange } from '../transport/dispatch.ts';
import { withInProcessParties } from '../transport/msw-transport.ts';
import { buildWorld } from './build-world.ts';
import { checkExpectations } from './expectations.ts';
import { loadScenario, type LoadedScenario } from './load-scenario.ts';
import { DOWNLEVEL_OS } from './schema.ts';

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
  /** The same, as `wevtutil qe … /f:text` prints them. */
  readonly eventLog: readonly string[];
  readonly exchanges: readonly Exchange[];
  /** Mock Entra's internal notes (which check failed and why). */
  readonly entraLog: readonly string[];
  readonly durationMs: number;
  readonly error?: { readonly code: string; readonly message: string };
}

export async function runLoadedScenario(loaded: LoadedScenario): Promise<ScenarioResult> {
  const started = performance.now();
  const s = loaded.scenario;
  const base = {
    file: loaded.file,
    name: s.name,
    tags: s.tags,
    client: (DOWNLEVEL_OS as readonly string[]).includes(s.device.os)
      ? ('autoworkplace' as const)
      : ('dsreg' as const),
  };
  try {
    const world = buildWorld(s, loaded.dir);
    const downlevel = world.downlevel;
    const run = downlevel
      ? await withInProcessParties(world.parties, async () => {
          const trace = await runAutoworkplace(downlevel);
          const events = workplaceJoinEvents(trace);
          return {
            outcome: trace.outcome,
            transcript: renderAutoworkplaceTranscript(trace),
            statusOutput: renderAutoworkplaceStatus(trace),
            events,
            eventLog: renderEventLog(events, { computer: trace.computer, user: SYSTEM_ACCOUNT }),
          };
        })
      : await withInProcessParties(world.parties, async () => {
          const trace = await runDsregJoin(world.machine);
          const events = dsregEvents(trace);
          const m = world.machine;
          return {
            outcome: trace.outcome,
            transcript: renderJoinDebug(trace),
            statusOutput: renderStatus(trace),
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
        });
    const { exchanges } = run;
    const { outcome, transcript, statusOutput, events, eventLog } = run.result;
    const internal = exchanges
      .filter((e) => e.internalError)
      .map((e) => `internal error in ${e.party} (${e.method} ${e.url}): ${e.internalError}`);
    const failures = [...internal, ...checkExpectations(s.expect, outcome, transcript, events)];
    return {
      ...base,
      status: failures.length ? 'failed' : 'passed',
      outcome,
      failures,
      transcript,
      statusOutput,
      events,
      eventLog,
      exchanges,
      entraLog: world.entraLog,
      durationMs: performance.now() - started,
    };
  } catch (e) {
    return {
      ...base,
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
        : {
            code: 'ERR_INTERNAL',
            message: e instanceof Error ? (e.stack ?? e.message) : String(e),
          },
    };
  }
}

export async function runScenarioFile(file: string): Promise<ScenarioResult> {
  return runLoadedScenario(await loadScenario(file));
}
