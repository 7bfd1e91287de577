/**
 * The User Device Registration Admin events a dsreg join attempt logs, derived from its trace:
 * pre-check (331, then 332–335), SCP (307, 304), discovery (100/101, 200/201, 309),
 * authentication (305 with the root cause, then 304 with the aggregate), join (102–106, 202–205,
 * 304), success (306).
 * @see [WIKI] (captured: 331 then 335 for a joined device; 305 `Exit code: … 0xcaa9002c` with
 *   `AdalMessage` / `AdalErrorCode` / `AdalCorrelationId` and the ADAL log newest-first, and 304
 *   `Exit code: … 0xcaa1000e` with an empty `Server error:` and the Debug Output block
 *   `joinMode … adalLog: … <empty line> adalResponseCode: 0xcaa1000e`, for one federated failure
 *   followed by a fallback; a sync-join 304 with `tenantType: managed`, `adalCorrelationId:
 *   undefined`, `adalLog:` / `undefined`, `adalResponseCode: 0x0` beside a 204); [QA687273] (the
 *   same 304/305 pair on Server 2019); [SUPA307] (307 then 304 with `Debug Output:\r\n undefined.`
 *   for an SCP that cannot be read)
 * modeled: which events a given outcome logs and in which order beyond those captures (no public
 *   trace of a full attempt exists): 331 before 333 and 334 as before 335; 304 after a join that
 *   could not be sent and after a user realm failure; the 1809+ 304 of an SCP failure keeps
 *   SUPA307's `undefined` debug output; after a fallback the sync join's 304 carries no ADAL
 *   data (as the captured sync-join 304) and `tenantType: fed` (the pre-1809 capture's value for a
 *   sync join in a federated tenant); 305's ADAL log stops where LogFatalAuthError ran (the
 *   captures' 305 lacks the `0xcaa1000e` entry their 304 has); the event correlation id in braces
 *   and upper case on every build (the captures are from builds up to 17763); `Server error:`
 *   of 304 always empty (every capture shows it empty, DRS errors included); 102's
 *   `JoinRequest: 6 (HybridJoin)`; 103's AuthToken shown as the bearer token's first 20
 *   characters (a sync join shows its ClientIdentity type `sha256signed`).
 */
import { UDR_CHANNEL } from '../../protocol/events/event-catalog.ts';
import type { EventRecord } from '../../protocol/events/format-event.ts';
import type { JoinTrace, TraceStep } from '../trace.ts';
import { debugGeneration } from '../windows-build.ts';
import { adalLine, preCheckLines, preCheckVerdictEvent } from './join-debug.ts';
import { HR } from '../../protocol/hresult/catalog.ts';

const JOIN_REQUEST_TYPE = ['6', 'HybridJoin'] as const;
/** The aggregate of a failed federated token acquisition (`adalResponseCode`). */
const ADAL_AGGREGATE = HR.ERROR_ADAL_HANDLE;

type TenantInfo = Extract<TraceStep, { k: 'tenant-info' }>;

function abbreviate(token: string): string {
  return token.length > 20 ? `${token.slice(0, 20)}…` : token;
}

/** `{7C732D89-A151-4E7B-9406-8878EC8AE00B}` [WIKI; QA687273]. */
function braced(guid: string): string {
  return `{${guid.toUpperCase()}}`;
}

/** What event 304's Debug Output block says about one failed attempt. */
interface DebugOutput {
  readonly registrationType?: 'fed' | 'sync';
  readonly tenant: TenantInfo | undefined;
  readonly errorPhase: string;
  /** The federated attempt's ADAL data; undefined: the attempt used no ADAL (sync join). */
  readonly adal?: { readonly correlationId: string; readonly log: readonly string[] };
}

/** 304's debug output: one `name: value` per line, ending with an empty line [WIKI]. */
function debugOutput(d: DebugOutput): string {
  const tenantType =
    d.tenant === undefined
      ? 'undefined'
      : d.registrationType === 'fed'
        ? 'Federated'
        : d.tenant.tenantType === 'Managed'
          ? 'managed'
          : 'fed';
  return [
    'joinMode: Join',
    'drsInstance: azure',
    `registrationType: ${d.registrationType ?? 'undefined'}`,
    `tenantType: ${tenantType}`,
    `tenantId: ${d.tenant?.tenantId ?? 'undefined'}`,
    'configLocation: undefined',
    `errorPhase: ${d.errorPhase}`,
    ...(d.adal === undefined
      ? ['adalCorrelationId: undefined', 'adalLog:', 'undefined', 'adalResponseCode: 0x0']
      : [
          `adalCorrelationId: ${braced(d.adal.correlationId)}`,
          'adalLog:',
          ...[...d.adal.log].reverse(),
          '',
          `adalResponseCode: ${ADAL_AGGREGATE}`,
        ]),
    '',
  ].join('\n');
}

export function dsregEvents(trace: JoinTrace): EventRecord[] {
  const time = trace.diagnostics.clientTime;
  const build = trace.build;
  const generation = debugGeneration(build);
  const out: EventRecord[] = [];
  const log = (id: number, ...params: string[]) =>
    out.push({ id, channel: UDR_CHANNEL, params, time, build });
  let tenant: TenantInfo | undefined;
  /** ADAL's entries of the current token attempt (dsreg's own notes are not ADAL's). */
  let adal: string[] = [];
  /** The ADAL log as it stood when dsreg logged the fatal auth error. */
  let adalAtFatal: string[] = [];
  let pendingRequest: Extract<TraceStep, { k: 'join-request' }> | undefined;
  let failedResponse: Extract<TraceStep, { k: 'join-response' }> | undefined;

  const tenantType = () => tenant?.tenantType ?? '';
  const authToken = () =>
    pendingRequest?.authToken === undefined ? 'sha256signed' : abbreviate(pendingRequest.authToken);

  for (const s of trace.steps) {
    switch (s.k) {
      case 'pre-check': {
        log(331, preCheckLines(s, generation).join('\n'));
        const verdict = preCheckVerdictEvent(s);
        if (verdict !== undefined) log(verdict);
        break;
      }
      case 'scp-failed':
        log(307, s.hresult);
        log(304, s.hresult, '', '', '', 'undefined');
        break;
      case 'discovery-sent':
        log(100);
        break;
      case 'discovery-ok':
        // The captured 101 shows the document with plain slashes ([DWIKI]) although DRS sends
        // them escaped ([DVRD] §4.3): dsreg logs the JSON it parsed (modeled: re-serialized as sent).
        log(101, s.body.replace(/\\\//g, '/'));
        break;
      case 'discovery-failed':
        if (s.network) log(200, s.hresult, s.domain);
        else log(201, s.hresult, String(s.httpStatus ?? ''), s.body ?? '');
        log(309, s.hresult);
        break;
      case 'realm-failed':
        log(304, s.hresult, '', '', '', debugOutput({ tenant: undefined, errorPhase: 'discover' }));
        break;
      case 'tenant-info':
        tenant = s;
        break;
      case 'token-start':
        adal = [];
        break;
      case 'adal':
        adal.push(adalLine(s));
        break;
      case 'adal-note':
        adalAtFatal = [...adal];
        break;
      case 'token-failed': {
        const serverError = [
          `AdalMessage: ${s.adalMessage}`,
          ...(s.adalError === undefined ? [] : [`AdalError: ${s.adalError}`]),
          `AdalErrorCode: ${s.first}`,
          `AdalCorrelationId: ${braced(s.correlationId)}`,
          ...[...adalAtFatal].reverse(),
        ].join('\n');
        log(305, s.first, serverError, tenantType(), tenant?.tenantName ?? '');
        log(
          304,
          s.aggregate,
          '',
          tenantType(),
          'fed',
          debugOutput({
            registrationType: 'fed',
            tenant,
            errorPhase: 'auth',
            adal: { correlationId: s.correlationId, log: adal },
          }),
        );
        break;
      }
      case 'join-request':
        pendingRequest = s;
        failedResponse = undefined;
        log(102, ...JOIN_REQUEST_TYPE, s.domain);
        break;
      case 'join-response':
        log(103, authToken());
        if (s.errorType === undefined && (s.httpStatus === 200 || s.httpStatus === 201))
          log(104, s.body, s.requestId);
        else failedResponse = s;
        break;
      case 'join-failed':
        if (s.network) log(203, s.hresult, authToken());
        else if (failedResponse)
          log(
            204,
            s.hresult,
            failedResponse.requestId,
            String(failedResponse.httpStatus),
            failedResponse.body,
          );
        log(
          304,
          s.hresult,
          '',
          tenantType(),
          s.registrationType,
          debugOutput({ registrationType: s.registrationType, tenant, errorPhase: 'join' }),
        );
        break;
      case 'join-done':
        log(105);
        log(106);
        log(306);
        break;
      default:
        break;
    }
  }
  return out;
}
