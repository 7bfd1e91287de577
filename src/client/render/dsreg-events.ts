/**
 * The User Device Registration Admin events a dsreg join attempt logs, derived from its trace:
 * pre-check (331–335), SCP (307), discovery (100/101, 200/201, 309), authentication (305), join
 * (102–106, 202–205), the final verdict (306 or 304 with its debug output).
 * @see ../shared/research/protocol.md §3d (templates; the 304 "Debug Output" block with joinMode,
 *   drsInstance, registrationType, tenantType, tenantId, configLocation, errorPhase,
 *   adalCorrelationId, the adalLog newest-first and adalResponseCode; the 305 server-error lines
 *   AdalMessage / AdalError / AdalErrorCode / AdalCorrelationId; 204's body verbatim)
 * modeled: which events a given outcome logs and in which order (no public trace of a full attempt
 *   exists); 102's `JoinRequest: 6 (HybridJoin)` values; 103's AuthToken shown as the bearer
 *   token's first 20 characters (a sync join shows its ClientIdentity type `sha256signed`); 304 is
 *   logged for failures after discovery (user realm, authentication, join), 309 after 200/201.
 */
import { UDR_CHANNEL } from '../../protocol/events/event-catalog.ts';
import type { EventRecord } from '../../protocol/events/format-event.ts';
import type { JoinTrace, TraceStep } from '../trace.ts';
import { adalLine, preCheckLines } from './join-debug.ts';

const JOIN_REQUEST_TYPE = ['6', 'HybridJoin'] as const;

function abbreviate(token: string): string {
  return token.length > 20 ? `${token.slice(0, 20)}…` : token;
}

export function dsregEvents(trace: JoinTrace): EventRecord[] {
  const time = trace.diagnostics.clientTime;
  const out: EventRecord[] = [];
  const log = (id: number, ...params: string[]) =>
    out.push({ id, channel: UDR_CHANNEL, params, time });
  let tenant: Extract<TraceStep, { k: 'tenant-info' }> | undefined;
  let adal: string[] = [];
  let adalCorrelationId: string | undefined;
  let adalMessage: string | undefined;
  let pendingRequest: Extract<TraceStep, { k: 'join-request' }> | undefined;

  for (const s of trace.steps) {
    switch (s.k) {
      case 'pre-check':
        if (!s.isSystem) log(333);
        else if (!s.isDcAvailable) log(334);
        else if (s.result === 'UnJoin') log(332);
        else if (s.isJoined) log(335);
        else log(331, preCheckLines(s).join('\r\n'));
        break;
      case 'scp-failed':
        log(307, s.hresult);
        break;
      case 'discovery-sent':
        log(100);
        break;
      case 'discovery-ok':
        log(101, s.body);
        break;
      case 'discovery-failed':
        if (s.network) log(200, s.hresult, s.domain);
        else log(201, s.hresult, String(s.httpStatus ?? ''), s.body ?? '');
        log(309, s.hresult);
        break;
      case 'tenant-info':
        tenant = s;
        break;
      case 'token-start':
        adal = [];
        break;
      case 'adal':
        // The debug output's adalLog holds ADAL's entries only (dsreg's own "GetStatus returned
        // failure" notes are not ADAL's): research §3d sample.
        adal.push(adalLine(s));
        break;
      case 'token-failed': {
        adalCorrelationId = s.correlationId;
        adalMessage = s.adalMessage;
        const serverError = [
          `AdalMessage: ${s.adalMessage}`,
          ...(s.adalError === undefined ? [] : [`AdalError: ${s.adalError}`]),
          `AdalErrorCode: ${s.first}`,
          `AdalCorrelationId: {${s.correlationId}}`,
        ].join('\r\n');
        log(305, s.aggregate, serverError, tenant?.tenantType ?? '', tenant?.tenantName ?? '');
        break;
      }
      case 'join-request':
        pendingRequest = s;
        log(102, ...JOIN_REQUEST_TYPE, s.domain);
        break;
      case 'join-response': {
        const token =
          pendingRequest?.authToken === undefined
            ? 'sha256signed'
            : abbreviate(pendingRequest.authToken);
        log(103, token);
        if (s.errorType === undefined && (s.httpStatus === 200 || s.httpStatus === 201))
          log(104, s.body, s.requestId);
        else
          log(
            204,
            trace.diagnostics.clientErrorCode ?? '',
            s.requestId,
            String(s.httpStatus),
            s.body,
          );
        break;
      }
      case 'join-failed':
        if (s.network) {
          const token =
            pendingRequest?.authToken === undefined
              ? 'sha256signed'
              : abbreviate(pendingRequest.authToken);
          log(203, s.hresult, token);
        }
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

  const o = trace.outcome;
  const d = trace.diagnostics;
  if (!o.joined && (o.errorPhase === 'auth' || o.errorPhase === 'join' || realmFailed(trace))) {
    const debug = [
      'joinMode: Join',
      'drsInstance: azure',
      `registrationType: ${d.registrationType ?? 'undefined'}`,
      `tenantType: ${tenant?.tenantType ?? 'undefined'}`,
      `tenantId: ${tenant?.tenantId ?? 'undefined'}`,
      'configLocation: undefined',
      `errorPhase: ${o.errorPhase ?? 'undefined'}`,
      ...(adalCorrelationId === undefined
        ? []
        : [
            `adalCorrelationId: {${adalCorrelationId}}`,
            'adalLog:',
            ...[...adal].reverse(),
            `adalResponseCode: ${o.hresults.includes('0xcaa1000e') ? '0xcaa1000e' : (d.clientErrorCode ?? '')}`,
          ]),
    ].join('\r\n');
    log(
      304,
      d.clientErrorCode ?? '',
      d.serverMessage ?? d.serverErrorCode ?? adalMessage ?? '',
      tenant?.tenantType ?? '',
      d.registrationType ?? '',
      debug,
    );
  }
  return out;
}

function realmFailed(trace: JoinTrace): boolean {
  return trace.steps.some((s) => s.k === 'realm-failed');
}
