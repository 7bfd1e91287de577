/**
 * Renders `dsregcmd /join /debug` from a join trace, line for line as Windows prints it (the
 * missing newline after the ClientRequestId, the `TenandID` spelling, the ADAL log replayed
 * newest-first after a token failure).
 * @see ../shared/seeds/004_cfe8f5bb4b6ae74c.txt (both transcripts)
 * modeled: lines for outcomes the seeds do not show (no DC, not SYSTEM, already joined, SCP,
 *   discovery, user realm, join errors, fallback off); they reuse line shapes from the CSS wiki
 *   quoted in research §1.9 ("Join error code", "Join message", "DsrDeviceAutoJoin failed 0x…"),
 *   the event texts of research §3d (pre-check verdicts, discovery failures), and the seed's
 *   `TenantInfo::Discover:` prefix.
 */
import type { JoinTrace, TraceStep } from '../trace.ts';

type PreCheckStep = Extract<TraceStep, { k: 'pre-check' }>;

function debugValue(v: boolean | string | undefined): string {
  return v === undefined ? 'undefined' : typeof v === 'boolean' ? yesNo(v) : v;
}

/** The pre-check block of the debug output; event 331 carries the same lines. Seed 004. */
export function preCheckLines(s: PreCheckStep): string[] {
  return [
    `preCheckResult: ${s.result}`,
    `deviceKeysHealthy: ${debugValue(s.deviceKeysHealthy)}`,
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

/** The pre-check's last line: the text of the event it logs (331–335, research §3d). */
export function preCheckVerdict(s: PreCheckStep): string {
  const done = 'Automatic device join pre-check tasks completed.';
  if (!s.isSystem)
    return `${done} The device can NOT be joined. The process MUST run as NT AUTHORITY\\SYSTEM.`;
  if (!s.isDcAvailable)
    return `${done} The device can NOT be joined because a domain controller could not be located.`;
  if (s.result === 'UnJoin')
    return `${done} The device is joined, however, it is missing some required state. The device will be removed and then joined again.`;
  if (s.isJoined) return `${done} The device is already joined.`;
  return done;
}
import { deviceDetailLines, tenantDetailLines } from './device-fields.ts';
import { field, yesNo } from './format.ts';

export function adalLine(s: Extract<TraceStep, { k: 'adal' | 'adal-note' }>): string {
  if (s.k === 'adal-note') return s.text;
  return s.message === undefined
    ? `AdalLog:  HRESULT: ${s.hresult}`
    : `AdalLog: ${s.message} ; HRESULT: ${s.hresult}`;
}

export function renderJoinDebug(trace: JoinTrace): string[] {
  const out: string[] = [];
  let adalBuffer: string[] = [];
  const steps = trace.steps;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    switch (s.k) {
      case 'cli-init':
        out.push('DsrCLI: logging initialized.', 'DsrCLI: logging initialized.');
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
        out.push(`DsrCmdJoinHelper::Join: ClientRequestId: ${s.clientRequestId}${dcPart}`);
        break;
      }
      case 'dc-found':
      case 'dc-missing':
        break;
      case 'pre-check':
        out.push('PreJoinChecks Complete.', ...preCheckLines(s), preCheckVerdict(s));
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
      case 'adal':
      case 'adal-note': {
        const line = adalLine(s);
        adalBuffer.push(line);
        out.push(line);
        break;
      }
      case 'token-failed':
        out.push(
          `GetComputerTokenForADRS: AdalErrorCode: ${s.aggregate}`,
          `AdalCorrelationId: ${s.correlationId}`,
        );
        out.push(...[...adalBuffer].reverse());
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
        break;
      case 'end-status':
        out.push('DSREGCMD_END_STATUS');
        out.push(
          field('AzureAdJoined', yesNo(trace.state.azureAdJoined)),
          field('EnterpriseJoined', 'NO'),
        );
        out.push(...deviceDetailLines(trace.state), ...tenantDetailLines(trace.state));
        break;
    }
  }
  return out;
}
