/**
 * Renders `dsregcmd /status` in a signed-in console after the join attempt: Device State, Device
 * Details and Tenant Details once joined, User State, SSO State, Diagnostic Data, IE Proxy Config
 * for Current User, WinHttp Default Proxy Config and Ngc Prerequisite Check, then the footer.
 * @see [PING] (`dsregcmd /status after hybrid join`: every section of a joined device, in order,
 *   with `Executing Account Name : IMOKATDI\ecotton, ecotton@imokatdi.ping-eng.com`); [RCMLAB]
 *   (a device that is not joined, 2022: User State `WamDefaultSet : NO`, SSO State all `NO`, the
 *   Diagnostic Data tests, an empty line, `Previous Registration`, `Error Phase : discover` and
 *   `AD Configuration Test : FAIL [0x80070002]` for a forest without SCP, Ngc `IsDeviceJoined :
 *   NO`); [DSR] (test semantics: the AD Configuration Test fails when the SCP cannot be read and
 *   the join then errors in the discover phase; the Token acquisition Test gets a token when the
 *   tenant is federated; `DRS Discovery Test : FAIL [0x801c0021/0x801c000c]`); [TSC]
 *   (`FAIL [0x801c0021/0x80072ee2]`, Previous Registration)
 * modeled: who runs /status: the first domain user of `device.signedInUsers` (the seed's
 *   `Executing Account Name` once joined). A device that is not joined shows its diagnostics'
 *   account: the computer's when they ran as SYSTEM (`DOMAIN\NAME$, NAME$@domain`, as in RCMLAB),
 *   the domain's Administrator for a join run from an elevated prompt (the event log's elevated
 *   user); a joined device without a user, the computer's. A joined device with a user shows the
 *   seed's User State and SSO State (WAM default account, a PRT updated at the status time and
 *   valid 14 days less one second, as the seed's times are); any other console shows RCMLAB's
 *   values. The proxy sections
 *   show the seed's defaults (auto-detect on, DIRECT), which no scenario field changes; the
 *   System Account and URL Specific proxy sections and the `Waiting for Diagnostics Task…` line
 *   RCMLAB shows for an elevated console are not printed; `Executing Account Name` of a device that
 *   is not joined closes the Diagnostic Data block (RCMLAB prints it after the proxy sections it
 *   has). `Previous Registration` is the attempt's clock time, the same as `Client Time` in a run.
 *   The `Token acquisition Test` of a managed domain is PASS (the DSR sample of a sync-join
 *   failure shows every test PASS); `DRS Connectivity Test` is PASS once a join request got an
 *   HTTP answer; the sub-error of a discovery that could not connect is 0x80072efd; empty values
 *   print `Name :` without the trailing space RCMLAB keeps, as the seed prints them.
 */
import type { MachineEnvironment } from '../../onprem/machine.ts';
import type { Diagnostics, JoinTrace } from '../trace.ts';
import { deviceAuthStatusOf, deviceDetailLines, tenantDetailLines } from './device-fields.ts';
import { DEVICE_AUTH_STATUS_BUILD } from '../dsreg/post-join.ts';
import { BUILD_1803 } from '../dsreg/dsreg-join.ts';
import { dsregTime, field, section, yesNo } from './format.ts';

/** Who runs `dsregcmd /status`, and the accounts its diagnostics can run as. */
export interface StatusConsole {
  /** The signed-in domain user (`DOMAIN\name, upn`): a WAM account and, once joined, a PRT. */
  readonly user?: string;
  /** The computer account the SYSTEM diagnostics run as (`DOMAIN\NAME$, NAME$@domain`). */
  readonly computer: string;
  /** The administrator whose elevated prompt ran the join when it did not run as SYSTEM. */
  readonly administrator: string;
  /** The signed-in user Entra-registered the device before the hybrid join. */
  readonly workplaceJoined?: boolean;
}

/** The console of the machine's first domain user, and its diagnostics' accounts [PING; RCMLAB]. */
export function statusConsoleOf(m: MachineEnvironment): StatusConsole {
  const computer = `${m.computerName.toUpperCase()}$`;
  return {
    ...(m.consoleUser ? { user: `${m.consoleUser.account}, ${m.consoleUser.upn}` } : {}),
    computer: `${m.domain.netbiosName}\\${computer}, ${computer}@${m.domain.name}`,
    // modeled: the domain's built-in Administrator, as the event log's elevated user.
    administrator: `${m.domain.netbiosName}\\Administrator, Administrator@${m.domain.name}`,
    ...(m.consoleUser?.workplaceJoined ? { workplaceJoined: true } : {}),
  };
}

const WAM_DEFAULT_GUID = '{B16898C6-A148-4967-9171-64D755DA8520} (AzureAd)';
const PRT_LIFETIME_MS = 14 * 24 * 3600_000 - 1000;

function userStateLines(withPrt: boolean, workplaceJoined: boolean): string[] {
  return [
    field('NgcSet', 'NO'),
    field('WorkplaceJoined', yesNo(workplaceJoined)),
    field('WamDefaultSet', withPrt ? 'YES' : 'NO'),
    ...(withPrt
      ? [
          field('WamDefaultAuthority', 'organizations'),
          field('WamDefaultId', 'https://login.microsoft.com'),
          field('WamDefaultGUID', WAM_DEFAULT_GUID),
        ]
      : []),
  ];
}

/** A failed PRT attempt (21H1+ prints its diagnostics under AzureAdPrt : NO). [TSC] */
function failedPrtLines(trace: JoinTrace, tenantId: string): string[] {
  const a = trace.postJoin?.prt;
  const lines = [
    field('AzureAdPrt', 'NO'),
    field('AzureAdPrtAuthority', `https://login.microsoftonline.com/${tenantId}`),
  ];
  if (a && trace.build >= DEVICE_AUTH_STATUS_BUILD) {
    lines.push(
      field('AcquirePrtDiagnostics', 'PRESENT'),
      field('Previous Prt Attempt', dsregTime(a.time)),
      field('Attempt Status', a.attemptStatus ?? ''),
      field('User Identity', a.upn),
      field('Credential Type', 'Password'),
      field('Correlation ID', a.correlationId),
    );
    if (a.endpoint !== undefined)
      lines.push(
        field('Endpoint URI', a.endpoint),
        field('HTTP Method', 'POST'),
        field('HTTP Error', '0x0'),
        ...(a.httpStatus === undefined ? [] : [field('HTTP status', String(a.httpStatus))]),
        ...(a.serverErrorCode ? [field('Server Error Code', a.serverErrorCode)] : []),
        ...(a.serverErrorDescription
          ? [field('Server Error Description', a.serverErrorDescription)]
          : []),
      );
  }
  lines.push(field('EnterprisePrt', 'NO'), field('EnterprisePrtAuthority', ''));
  return lines;
}

function ssoStateLines(trace: JoinTrace, withPrt: boolean, attempted: boolean): string[] {
  const tenantId = trace.state.tenant?.tenantId;
  if (attempted && !withPrt && tenantId !== undefined) return failedPrtLines(trace, tenantId);
  if (!withPrt || tenantId === undefined)
    return [
      field('AzureAdPrt', 'NO'),
      field('AzureAdPrtAuthority', 'NO'),
      field('EnterprisePrt', 'NO'),
      field('EnterprisePrtAuthority', 'NO'),
    ];
  const updated = trace.diagnostics.clientTime;
  return [
    field('AzureAdPrt', 'YES'),
    field('AzureAdPrtUpdateTime', dsregTime(updated)),
    field('AzureAdPrtExpiryTime', dsregTime(new Date(updated.getTime() + PRT_LIFETIME_MS))),
    field('AzureAdPrtAuthority', `https://login.microsoftonline.com/${tenantId}`),
    field('EnterprisePrt', 'NO'),
    field('EnterprisePrtAuthority', ''),
  ];
}

function withCode(result: string, code: string | undefined): string {
  return code === undefined ? result : `${result} [${code}]`;
}

/** The Diagnostic Data of a device that is not joined: the tests, then the last attempt. */
function preJoinLines(d: Diagnostics, executingAccount: string): string[] {
  const attempt = [
    field('Previous Registration', dsregTime(d.previousRegistration)),
    ...(d.registrationType ? [field('Registration Type', d.registrationType)] : []),
    ...(d.errorPhase ? [field('Error Phase', d.errorPhase)] : []),
    ...(d.clientErrorCode ? [field('Client ErrorCode', d.clientErrorCode)] : []),
    ...(d.serverErrorCode ? [field('Server ErrorCode', d.serverErrorCode)] : []),
    ...(d.serverMessage ? [field('Server Message', d.serverMessage)] : []),
    ...(d.httpsStatus !== undefined ? [field('Https Status', String(d.httpsStatus))] : []),
    ...(d.requestId ? [field('Request Id', d.requestId)] : []),
  ];
  return [
    field('Diagnostics Reference', 'www.microsoft.com/aadjerrors'),
    field('User Context', d.userContext),
    field('Client Time', dsregTime(d.clientTime)),
    field('AD Connectivity Test', d.adConnectivity),
    field('AD Configuration Test', withCode(d.adConfiguration, d.adConfigurationError)),
    field('DRS Discovery Test', withCode(d.drsDiscovery, d.drsDiscoveryError)),
    field('DRS Connectivity Test', d.drsConnectivity),
    field('Token acquisition Test', d.tokenAcquisition),
    field('Fallback to Sync-Join', d.fallbackToSyncJoin ? 'ENABLED' : 'DISABLED'),
    '',
    ...attempt,
    field('Executing Account Name', executingAccount),
  ];
}

export function renderStatus(trace: JoinTrace, who: StatusConsole): string[] {
  const { state, diagnostics: d } = trace;
  // The signed-in user's PRT: the post-join attempt's result (a trace without one: granted).
  const attempted = state.azureAdJoined && who.user !== undefined;
  const withPrt = attempted && (trace.postJoin?.prt?.ok ?? true);
  const out: string[] = [''];
  out.push(
    ...section('Device State'),
    field('AzureAdJoined', yesNo(state.azureAdJoined)),
    field('EnterpriseJoined', 'NO'),
    field('DomainJoined', yesNo(state.domainJoined)),
    field('DomainName', state.domainName),
    field('Device Name', state.deviceName),
    '',
  );
  if (state.device)
    out.push(
      ...section('Device Details'),
      ...deviceDetailLines(state, deviceAuthStatusOf(trace)),
      '',
    );
  if (state.tenant) out.push(...section('Tenant Details'), ...tenantDetailLines(state), '');
  // Dual state: 1803+ removes the user's Entra registered state once the device is hybrid joined
  // and the user signs in; earlier builds keep it. [HJP]
  const workplaceJoined =
    who.workplaceJoined === true && !(state.azureAdJoined && trace.build >= BUILD_1803);
  out.push(...section('User State'), ...userStateLines(withPrt, workplaceJoined), '');
  out.push(...section('SSO State'), ...ssoStateLines(trace, withPrt, attempted), '');
  out.push(...section('Diagnostic Data'));
  if (state.azureAdJoined)
    out.push(
      field('AadRecoveryEnabled', 'NO'),
      field('Executing Account Name', who.user ?? who.computer),
      field('KeySignTest', 'PASSED'),
    );
  // The diagnostics of a device that is not joined run in the join's context [RCMLAB].
  else out.push(...preJoinLines(d, d.userContext === 'SYSTEM' ? who.computer : who.administrator));
  out.push(
    '',
    ...section('IE Proxy Config for Current User'),
    field('Auto Detect Settings', 'YES'),
    field('Auto-Configuration URL', ''),
    field('Proxy Server List', ''),
    field('Proxy Bypass List', ''),
    '',
    ...section('WinHttp Default Proxy Config'),
    field('Access Type', 'DIRECT'),
    '',
    ...section('Ngc Prerequisite Check'),
    field('IsDeviceJoined', yesNo(state.azureAdJoined)),
    field('IsUserAzureAD', yesNo(withPrt)),
    field('PolicyEnabled', 'NO'),
    field('PostLogonEnabled', 'YES'),
    field('DeviceEligible', 'NO'),
    field('SessionIsNotRemote', 'NO'),
    field('CertEnrollment', 'none'),
    field('PreReqResult', 'WillNotProvision'),
    '',
    'For more information, please visit https://www.microsoft.com/aadjerrors',
  );
  return out;
}
