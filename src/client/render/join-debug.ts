/**
 * Renders `dsregcmd /join /debug` from a join trace, line for line as Windows prints it, in the
 * shape of the build the client ran on:
 * - 2025 builds (`DsrCLI: logging initialized.` twice, the missing newline after the
 *   ClientRequestId, `deviceKeysHealthy`, `GetStatus returned failure` then
 *   `GetComputerTokenForADRS: AdalErrorCode: <aggregate>` and the ADAL log replayed newest-first)
 *   [PING: both seed transcripts];
 * - builds up to 17763, Windows 10 1809 / Server 2019 (`dsregcmd::wmain logging initialized.`,
 *   twice from 17763 on, once before; the DC line on its own; `isPrivateKeyFound`;
 *   `LogFatalAuthError: AdalMessage: …` / `AdalErrorCode: <root cause>` / `AdalCorrelationId:
 *   {GUID}`, the ADAL log replayed newest-first, then `AdalLog:  HRESULT: 0xcaa1000e`)
 *   [WIKI: the 1709 transcript of a MEX failure 0xcaa9002c; QA687273: Server 2019];
 * - after a failed sync join, `DsrDeviceAutoJoin failed 0x801c03f2.` then
 *   `DsrCmdJoinHelper::Join: DsrCmdDeviceEnroller::AutoEnrollSync failed with error code
 *   0x801c03f2.` and DSREGCMD_END_STATUS with `AzureAdJoined : NO` [WIKI].
 * modeled: the generation boundary (src/client/windows-build.ts); on 2025 builds a realm, MEX or
 *   WS-Trust failure prints the seed's token-endpoint shape (no public 2025 capture of those
 *   failures exists), and on older builds a token-endpoint error prints `LogFatalAuthError:
 *   AdalMessage: GetStatus returned failure` (the message the 2025 seed prints for it; no older
 *   capture of it exists); lines for outcomes no capture shows (no DC, not SYSTEM, already joined,
 *   SCP, discovery, user realm, fallback off, a federated join refused, a join that could not be
 *   sent): they reuse the captured line shapes, the event texts of the catalogue (pre-check
 *   verdicts, discovery failures) and the seed's `TenantInfo::Discover:` prefix. The
 *   `DeleteFileW returned 0x00000001.` line one Server 2019 capture prints after
 *   DSREGCMD_END_STATUS is not printed (its cause is not known).
 */
import { eventEntry } from '../../protocol/events/event-catalog.ts';
import type { JoinTrace, TraceStep } from '../trace.ts';
import { BUILD_1809 } from '../../protocol/events/event-catalog.ts';
import { debugGeneration, type DebugGeneration } from '../windows-build.ts';
import { deviceDetailLines, tenantDetailLines } from './device-fields.ts';
import { DEVICE_AUTH_STATUS_BUILD } from '../dsreg/post-join.ts';
import { field, yesNo } from './format.ts';

type PreCheckStep = Extract<TraceStep, { k: 'pre-check' }>;

function debugValue(v: boolean | string | undefined): string {
  return v === undefined ? 'undefined' : typeof v === 'boolean' ? yesNo(v) : v;
}

/**
 * The pre-check block of the debug output; event 331 carries the same lines. The key check is
 * `deviceKeysHealthy` on 2025 builds [PING], `isPrivateKeyFound` before [WIKI; QA687273].
 */
export function preCheckLines(s: PreCheckStep, generation: DebugGeneration): string[] {
  const keys = generation === 'dsrcli' ? 'deviceKeysHealthy' : 'isPrivateKeyFound';
  return [
    `preCheckResult: ${s.result}`,
    `${keys}: ${debugValue(s.deviceKeysHealthy)}`,
    `isJoined: ${debugValue(s.isJoined)}`,
    `isDcAvailable: ${yesNo(s.isDcAvailable)}`,
    `isSystem: ${yesNo(s.isSystem)}`,
    `keyProvider: ${debugValue(s.keyProvider)}`,
    `keyContainer: ${debugValue(s.keyContainer)}`,
    `dsrInstance: ${debugValue(s.dsrInstance)}`,
    'elapsedSeconds: 0',
    `resultCode: ${s.resultCode}`,
  ];
}

/** The event the pre-check logs after 331, if any: 333, 334, 332 or 335 [LYWK; WIKI]. */
export function preCheckVerdictEvent(s: PreCheckStep): 332 | 333 | 334 | 335 | undefined {
  if (!s.isSystem) return 333;
  if (!s.isDcAvailable) return 334;
  if (s.result === 'UnJoin') return 332;
  if (s.isJoined) return 335;
  return undefined;
}

/** The pre-check's last line: the verdict event's text, or the seed's line for a go. */
export function preCheckVerdict(s: PreCheckStep): string {
  const id = preCheckVerdictEvent(s);
  return id === undefined
    ? 'Automatic device join pre-check tasks completed.'
    : (eventEntry(id)?.template ?? '');
}

export function adalLine(s: Extract<TraceStep, { k: 'adal' | 'adal-note' }>): string {
  if (s.k === 'adal-note') return s.text;
  return s.message === undefined
    ? `AdalLog:  HRESULT: ${s.hresult}`
    : `AdalLog: ${s.message} ; HRESULT: ${s.hresult}`;
}

export function renderJoinDebug(trace: JoinTrace): string[] {
  const generation = debugGeneration(trace.build);
  const wmain = generation === 'wmain';
  const out: string[] = [];
  /** Every line of the ADAL log so far, dsreg's notes included (the 2025 replay has them). */
  let adalBuffer: string[] = [];
  const steps = trace.steps;
  const tokenFailed = steps.find(
    (s): s is Extract<TraceStep, { k: 'token-failed' }> => s.k === 'token-failed',
  );
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    switch (s.k) {
      case 'cli-init':
        if (!wmain) out.push('DsrCLI: logging initialized.', 'DsrCLI: logging initialized.');
        else {
          out.push('dsregcmd::wmain logging initialized.');
          if (trace.build >= BUILD_1809) out.push('dsregcmd::wmain logging initialized.');
        }
        break;
      case 'join-start': {
        const next = steps[i + 1];
        let dcPart = '';
        if (next?.k === 'dc-found') {
          dcPart = `DsrCmdAccountMgr::IsDomainControllerAvailable: DsGetDcName success { domain:${next.domain} forest:${next.forest} domainController:\\\\${next.dc} isDcAvailable:true }`;
          i++;
        } else if (next?.k === 'dc-missing') {
          dcPart = `DsrCmdAccountMgr::IsDomainControllerAvailable: DsGetDcName failed { domain:${next.domain} isDcAvailable:false }`;
          i++;
        }
        // Older builds print no ClientRequestId; the 2025 one glues the DC line to it.
        if (wmain) out.push(...(dcPart ? [dcPart] : []));
        else out.push(`DsrCmdJoinHelper::Join: ClientRequestId: ${s.clientRequestId}${dcPart}`);
        break;
      }
      case 'dc-found':
      case 'dc-missing':
        break;
      case 'pre-check':
        out.push('PreJoinChecks Complete.', ...preCheckLines(s, generation), preCheckVerdict(s));
        break;
      case 'scp-failed':
        out.push(
          `TenantInfo::Discover: Failed to read the registration service information from Active Directory (${s.reason}). Exit code: ${s.hresult}`,
        );
        break;
      case 'discovery-failed':
        out.push(
          s.network
            ? `TenantInfo::Discover: The discovery request send operation failed with exit code: ${s.hresult}.`
            : `TenantInfo::Discover: The discovery operation callback failed with exit code: ${s.hresult}.${s.httpStatus === undefined ? '' : ` The server returned HTTP status: ${s.httpStatus}.`}`,
        );
        break;
      case 'realm-failed':
        out.push(
          `TenantInfo::Discover: User realm discovery failed with exit code: ${s.hresult}.${s.httpStatus === undefined ? '' : ` The server returned HTTP status: ${s.httpStatus}.`}`,
        );
        break;
      case 'scp-read':
      case 'discovery-sent':
      case 'discovery-ok':
      case 'join-request':
        // Windows prints nothing for these steps (seed 004); they feed the event log.
        break;
      case 'tenant-info':
        out.push(
          `TenantInfo::Discover: Join Info { TenantType = ${s.tenantType}; AutoJoinEnabled = 1; TenandID = ${s.tenantId}; TenantName = ${s.tenantName} }`,
        );
        break;
      case 'token-start':
        adalBuffer = [];
        out.push(
          'GetComputerTokenForADRS: Get token for ADRS',
          `GetComputerTokenForADRS: Auth code URL: "${s.authCodeUrl}"`,
          `GetComputerTokenForADRS: Token request authority: "${s.authority}"`,
        );
        break;
      case 'adal': {
        const line = adalLine(s);
        adalBuffer.push(line);
        out.push(line);
        break;
      }
      case 'adal-note':
        if (wmain && tokenFailed) {
          // LogFatalAuthError: ADAL's message, the root cause, the correlation id, then the ADAL
          // log so far replayed newest-first [WIKI; QA687273].
          out.push(
            `LogFatalAuthError: AdalMessage: ${tokenFailed.adalMessage}`,
            `AdalErrorCode: ${tokenFailed.first}`,
            `AdalCorrelationId: {${tokenFailed.correlationId.toUpperCase()}}`,
            ...[...adalBuffer].reverse(),
          );
        } else {
          const line = adalLine(s);
          adalBuffer.push(line);
          out.push(line);
        }
        break;
      case 'token-failed':
        if (!wmain)
          out.push(
            `GetComputerTokenForADRS: AdalErrorCode: ${s.aggregate}`,
            `AdalCorrelationId: ${s.correlationId}`,
            ...[...adalBuffer].reverse(),
          );
        out.push(
          `AutoEnrollAsComputer: Unable to retrieve access token. GetComputerTokenForADRS failed with error ${s.first}.`,
        );
        break;
      case 'fallback':
        out.push(
          `DsrCmdJoinHelper::Join: Federated ADRS join failed with error ${s.aggregate}. Try synchronized join.`,
        );
        break;
      case 'no-fallback':
        out.push(
          `DsrCmdJoinHelper::Join: Federated ADRS join failed with error ${s.aggregate}.`,
          `DsrDeviceAutoJoin failed ${s.aggregate}.`,
        );
        break;
      case 'join-response':
        out.push(
          `Join request ID: ${s.requestId}`,
          `Join response time: ${s.responseTime}`,
          `Join HTTP status: ${s.httpStatus}`,
        );
        if (s.errorType !== undefined) out.push(`Join error code: ${s.errorType}`);
        if (s.message !== undefined) out.push(`Join message: ${s.message}`);
        break;
      case 'join-done':
        out.push(
          s.registrationType === 'fed'
            ? 'DsrCmdJoinHelper::Join: AutoEnrollAsComputer completed successfully'
            : 'DsrCmdJoinHelper::Join: completed successfully',
        );
        break;
      case 'join-failed':
        if (s.network)
          out.push(
            `DsrCmdJoinHelper::Join: Unable to connect to the registration service. Error: ${s.hresult}.`,
          );
        out.push(`DsrDeviceAutoJoin failed ${s.hresult}.`);
        if (s.registrationType === 'sync')
          out.push(
            `DsrCmdJoinHelper::Join: DsrCmdDeviceEnroller::AutoEnrollSync failed with error code ${s.hresult}.`,
          );
        break;
      case 'end-status':
        out.push('DSREGCMD_END_STATUS');
        out.push(
          field('AzureAdJoined', yesNo(trace.state.azureAdJoined)),
          field('EnterpriseJoined', 'NO'),
        );
        // Right after the join the device exists: SUCCESS on the builds that print the line.
        out.push(
          ...deviceDetailLines(
            trace.state,
            trace.build >= DEVICE_AUTH_STATUS_BUILD ? 'SUCCESS' : undefined,
          ),
          ...tenantDetailLines(trace.state),
        );
        break;
    }
  }
  return out;
}
