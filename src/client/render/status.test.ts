/**
 * `dsregcmd /status` of a device that is not joined, against the real shapes: [RCMLAB] (a forest
 * without SCP, 2022: the sections, `AD Configuration Test : FAIL [0x80070002]`, the empty line,
 * `Previous Registration`, `Error Phase : discover`) and the [DSR]/[TSC] samples (`DRS Discovery
 * Test : FAIL [0x801c0021/0x80072ee2]`, the later tests SKIPPED after it; all tests PASS before a
 * sync-join failure). The joined device is pinned line for line against the PingOne seed by
 * test/golden/seed-status.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostics, JoinTrace } from '../trace.ts';
import { renderStatus, type StatusConsole } from './status.ts';

const when = new Date('2022-11-07T15:51:42Z');
const who: StatusConsole = {
  computer: 'RCMLAB\\RCMLAB-WS2022-S$, RCMLAB-WS2022-S$@rcmlab.local',
  administrator: 'RCMLAB\\Administrator, Administrator@rcmlab.local',
};

function status(d: Partial<Diagnostics>): string[] {
  const trace: JoinTrace = {
    build: 20348,
    steps: [],
    state: {
      azureAdJoined: false,
      domainJoined: true,
      domainName: 'RCMLAB',
      deviceName: 'rcmlab-ws2022-s.rcmlab.local',
    },
    diagnostics: {
      clientTime: when,
      previousRegistration: new Date('2022-11-07T15:50:24Z'),
      userContext: 'SYSTEM',
      fallbackToSyncJoin: true,
      adConnectivity: 'PASS',
      adConfiguration: 'PASS',
      drsDiscovery: 'PASS',
      drsConnectivity: 'SKIPPED',
      tokenAcquisition: 'SKIPPED',
      ...d,
    },
    outcome: {
      joined: false,
      joinType: 'none',
      aadsts: [],
      hresults: [],
      fallbackAttempted: false,
      registrations: 0,
    },
  };
  return renderStatus(trace, who);
}

/** The lines of one boxed section, without its box. */
function section(lines: readonly string[], title: string): string[] {
  const start = lines.findIndex((l) => l.startsWith(`| ${title} `));
  const out: string[] = [];
  for (let i = start + 2; i < lines.length && !lines[i]!.startsWith('+-'); i++) out.push(lines[i]!);
  return out;
}

describe('dsregcmd /status of a device that is not joined', () => {
  const scp = status({
    adConfiguration: 'FAIL',
    adConfigurationError: '0x80070002',
    drsDiscovery: 'SKIPPED',
    errorPhase: 'discover',
    clientErrorCode: '0x801c001d',
  });

  it('has the sections of the RCMLAB capture, in its order', () => {
    expect(
      scp.filter((l) => l.startsWith('| ')).map((l) => l.slice(2).trim().replace(/\|$/, '').trim()),
    ).toEqual([
      'Device State',
      'User State',
      'SSO State',
      'Diagnostic Data',
      'IE Proxy Config for Current User',
      'WinHttp Default Proxy Config',
      'Ngc Prerequisite Check',
    ]);
    expect(section(scp, 'User State')).toEqual([
      '',
      '                    NgcSet : NO',
      '           WorkplaceJoined : NO',
      '             WamDefaultSet : NO',
      '',
    ]);
    expect(section(scp, 'SSO State')).toEqual([
      '',
      '                AzureAdPrt : NO',
      '       AzureAdPrtAuthority : NO',
      '             EnterprisePrt : NO',
      '    EnterprisePrtAuthority : NO',
      '',
    ]);
    expect(section(scp, 'Ngc Prerequisite Check').slice(0, 3)).toEqual([
      '',
      '            IsDeviceJoined : NO',
      '             IsUserAzureAD : NO',
    ]);
  });

  it('an SCP that cannot be read fails in the discover phase, with Previous Registration [RCMLAB]', () => {
    expect(section(scp, 'Diagnostic Data')).toEqual([
      '',
      '     Diagnostics Reference : www.microsoft.com/aadjerrors',
      '              User Context : SYSTEM',
      '               Client Time : 2022-11-07 15:51:42.000 UTC',
      '      AD Connectivity Test : PASS',
      '     AD Configuration Test : FAIL [0x80070002]',
      '        DRS Discovery Test : SKIPPED',
      '     DRS Connectivity Test : SKIPPED',
      '    Token acquisition Test : SKIPPED',
      '     Fallback to Sync-Join : ENABLED',
      '',
      '     Previous Registration : 2022-11-07 15:50:24.000 UTC',
      '               Error Phase : discover',
      '          Client ErrorCode : 0x801c001d',
      // The SYSTEM diagnostics' account, as RCMLAB prints it.
      '    Executing Account Name : RCMLAB\\RCMLAB-WS2022-S$, RCMLAB-WS2022-S$@rcmlab.local',
      '',
    ]);
  });

  it('a discovery failure prints aggregate/sub-error; the later tests are SKIPPED [TSC]', () => {
    const d = section(
      status({
        drsDiscovery: 'FAIL',
        drsDiscoveryError: '0x801c0021/0x80072ee2',
        errorPhase: 'discover',
        clientErrorCode: '0x801c0021',
      }),
      'Diagnostic Data',
    );
    expect(d.slice(5, 10)).toEqual([
      '     AD Configuration Test : PASS',
      '        DRS Discovery Test : FAIL [0x801c0021/0x80072ee2]',
      '     DRS Connectivity Test : SKIPPED',
      '    Token acquisition Test : SKIPPED',
      '     Fallback to Sync-Join : ENABLED',
    ]);
  });

  it('the Token acquisition Test reports the federated token once discovery passed [DSR]', () => {
    const failed = status({
      tokenAcquisition: 'FAIL',
      drsConnectivity: 'PASS',
      registrationType: 'sync',
      errorPhase: 'join',
    });
    expect(failed).toContain('    Token acquisition Test : FAIL');
    expect(failed).toContain('         Registration Type : sync');
  });

  it('an elevated prompt that is not SYSTEM names its user', () => {
    expect(status({ userContext: 'ELEVATED User' })).toContain(
      '    Executing Account Name : RCMLAB\\Administrator, Administrator@rcmlab.local',
    );
  });
});
