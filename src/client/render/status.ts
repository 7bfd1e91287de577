/**
 * Renders `dsregcmd /status`: Device State, Device Details and Tenant Details as the seed shows
 * them after a join; the Diagnostic Data block with the error fields after a failure.
 * @see ../shared/seeds/004_cfe8f5bb4b6ae74c.txt ("dsregcmd /status after hybrid join");
 *   ../shared/research/protocol.md §3a (Diagnostic Data layout, [DSR])
 * modeled: the user-session sections (User State, SSO State, proxy, Ngc) are left out: they
 *   describe a signed-in user's PRT, which the join does not produce. `DRS Discovery Test : FAIL
 *   [0x801c003a]` prints one code where research §3a shows `[code/suberror]`; `DRS Connectivity
 *   Test` is PASS once a join request got an HTTP answer; `Token acquisition Test` stays SKIPPED
 *   (it tests a user's token, which the machine join never asks for).
 */
import type { JoinTrace } from '../trace.ts';
import { deviceDetailLines, tenantDetailLines } from './device-fields.ts';
import { dsregTime, field, section, yesNo } from './format.ts';

export function renderStatus(trace: JoinTrace, opts: { executingAccount?: string } = {}): string[] {
  const { state, diagnostics: d } = trace;
  const out: string[] = [''];
  out.push(...section('Device State'));
  out.push(
    field('AzureAdJoined', yesNo(state.azureAdJoined)),
    field('EnterpriseJoined', 'NO'),
    field('DomainJoined', yesNo(state.domainJoined)),
    field('DomainName', state.domainName),
    field('Device Name', state.deviceName),
    '',
  );
  if (state.device) out.push(...section('Device Details'), ...deviceDetailLines(state), '');
  if (state.tenant) out.push(...section('Tenant Details'), ...tenantDetailLines(state), '');
  out.push(...section('Diagnostic Data'));
  if (state.azureAdJoined) {
    out.push(field('AadRecoveryEnabled', 'NO'));
    if (opts.executingAccount) out.push(field('Executing Account Name', opts.executingAccount));
    out.push(field('KeySignTest', 'PASSED'));
  } else {
    out.push(
      field('Diagnostics Reference', 'www.microsoft.com/aadjerrors'),
      field('User Context', d.userContext),
      field('Client Time', dsregTime(d.clientTime)),
      field('AD Connectivity Test', d.adConnectivity),
      field('AD Configuration Test', d.adConfiguration),
      field(
        'DRS Discovery Test',
        d.drsDiscoveryError ? `${d.drsDiscovery} [${d.drsDiscoveryError}]` : d.drsDiscovery,
      ),
      field('DRS Connectivity Test', d.drsConnectivity),
      field('Token acquisition Test', 'SKIPPED'),
      field('Fallback to Sync-Join', d.fallbackToSyncJoin ? 'ENABLED' : 'DISABLED'),
    );
    if (d.registrationType) out.push(field('Registration Type', d.registrationType));
    if (d.errorPhase) out.push(field('Error Phase', d.errorPhase));
    if (d.clientErrorCode) out.push(field('Client ErrorCode', d.clientErrorCode));
    if (d.serverErrorCode) out.push(field('Server ErrorCode', d.serverErrorCode));
    if (d.serverMessage) out.push(field('Server Message', d.serverMessage));
    if (d.httpsStatus !== undefined) out.push(field('Https Status', String(d.httpsStatus)));
    if (d.requestId) out.push(field('Request Id', d.requestId));
  }
  out.push('', 'For more information, please visit https://www.microsoft.com/aadjerrors');
  return out;
}
