/**
 * The User Device Registration events against the shapes of real captures: the expected lines
 * below are written from the captured events of [WIKI], [QA687273] and [SUPA307] (their layout,
 * line breaks, trailing spaces and typed exit codes), with this test's own ids and values.
 */
import { describe, expect, it } from 'vitest';
import { eventMessage, eventTime, renderEventLog, SYSTEM_ACCOUNT } from './event-log.ts';
import { dsregEvents } from './dsreg-events.ts';
import type { Diagnostics, JoinOutcome, JoinTrace, TraceStep } from '../trace.ts';
import { MSI_WPJ_CHANNEL, UDR_CHANNEL } from '../../protocol/events/event-catalog.ts';

const time = new Date('2025-07-10T17:22:13Z');
const TENANT_ID = '07ec9af2-7ce5-4ab7-8638-115736bbf990';
const CORRELATION = '7b690c51-7ff3-4900-8875-18a409e1053e';
const join: TraceStep = {
  k: 'pre-check',
  result: 'Join',
  resultCode: '0x0',
  isDcAvailable: true,
  isSystem: true,
};
const tenant: TraceStep = {
  k: 'tenant-info',
  tenantType: 'Federated',
  tenantId: TENANT_ID,
  tenantName: 'imokatdi.ping-eng.com',
};

function trace(
  steps: TraceStep[],
  outcome: Partial<JoinOutcome> = {},
  diagnostics: Partial<Diagnostics> = {},
  build = 19045,
): JoinTrace {
  return {
    build,
    steps,
    state: { azureAdJoined: false, domainJoined: true, domainName: 'IMOKATDI', deviceName: 'PC' },
    diagnostics: {
      clientTime: time,
      previousRegistration: time,
      userContext: 'SYSTEM',
      fallbackToSyncJoin: true,
      adConnectivity: 'PASS',
      adConfiguration: 'PASS',
      drsDiscovery: 'PASS',
      drsConnectivity: 'SKIPPED',
      tokenAcquisition: 'SKIPPED',
      ...diagnostics,
    },
    outcome: {
      joined: false,
      joinType: 'none',
      aadsts: [],
      hresults: [],
      fallbackAttempted: false,
      registrations: 0,
      ...outcome,
    },
  };
}

const ids = (t: JoinTrace) => dsregEvents(t).map((e) => e.id);
const lines = (t: JoinTrace, id: number) =>
  eventMessage(dsregEvents(t).find((e) => e.id === id)!).split('\n');

/** A MEX answer that is not XML, as the [WIKI] transcript of a 0xcaa9002c failure logs it. */
const mexFailure: TraceStep[] = [
  join,
  tenant,
  { k: 'token-start', authCodeUrl: 'a', authority: 'b' },
  { k: 'adal', message: 'Token is not available in the cache', hresult: '0x0' },
  { k: 'adal', hresult: '0x4aa90010' },
  { k: 'adal', hresult: '0xcaa9002c' },
  { k: 'adal-note', text: 'GetStatus returned failure' },
  { k: 'adal', hresult: '0xcaa1000e' },
  {
    k: 'token-failed',
    aggregate: '0xcaa1000e',
    first: '0xcaa9002c',
    correlationId: CORRELATION,
    adalMessage: 'ADALUseWindowsAuthenticationTenant failed,  unable to preform integrated auth',
  },
  { k: 'no-fallback', aggregate: '0xcaa1000e' },
];

describe('pre-check events', () => {
  const joined: TraceStep = {
    ...join,
    result: 'DoNotJoin',
    resultCode: '0x1',
    isJoined: true,
    deviceKeysHealthy: true,
    dsrInstance: 'AzureDrs',
  };

  it('logs 331 then the verdict: 335 for a joined device, as [WIKI] captured', () => {
    expect(ids(trace([joined]))).toEqual([331, 335]);
    expect(ids(trace([{ ...join, result: 'DoNotJoin', isDcAvailable: false }]))).toEqual([
      331, 334,
    ]);
    expect(
      ids(trace([{ ...join, result: 'DoNotJoin', isSystem: false, isDcAvailable: false }])),
    ).toEqual([331, 333]);
    expect(
      ids(trace([{ ...join, result: 'UnJoin', isJoined: true, deviceKeysHealthy: false }])),
    ).toEqual([331, 332]);
  });

  it('331 carries a literal \\r\\n before its debug output, one value per line [WIKI]', () => {
    // Captured: `Automatic device join pre-check tasks completed. Debug output:\r\n preCheckResult: DoNotJoin`
    // / `isPrivateKeyFound: NOACCESS` / … / `resultCode: 0x1` (a build before the 2025 one).
    expect(lines(trace([joined], {}, {}, 17763), 331)).toEqual([
      'Automatic device join pre-check tasks completed. Debug output:\\r\\n preCheckResult: DoNotJoin',
      'isPrivateKeyFound: YES',
      'isJoined: YES',
      'isDcAvailable: YES',
      'isSystem: YES',
      'keyProvider: undefined',
      'keyContainer: undefined',
      'dsrInstance: AzureDrs',
      'elapsedSeconds: 0',
      'resultCode: 0x1',
    ]);
    // 2025 builds name the key check as their debug output does [PING].
    expect(lines(trace([joined]), 331)[1]).toBe('deviceKeysHealthy: YES');
    expect(lines(trace([joined]), 335)).toEqual([
      'Automatic device join pre-check tasks completed. The device is already joined.',
    ]);
  });

  it('332 and 334 say what the message table says [LYWK]', () => {
    const unjoin: TraceStep = { ...join, result: 'UnJoin', isJoined: true };
    expect(lines(trace([unjoin]), 332)).toEqual([
      'Automatic device join pre-check tasks found that this device is joined, however, it is missing some required state. The device will be removed and then joined again.',
    ]);
    expect(lines(trace([{ ...join, isDcAvailable: false }]), 334)).toEqual([
      'Automatic device join pre-check tasks completed. The device can NOT be joined because a domain controller could not be located. The device must be connected to a network with connectivity to an Active Directory domain controller.',
    ]);
  });
});

describe('authentication failure: 305 with the root cause, 304 with the aggregate', () => {
  const t = trace(mexFailure, { errorPhase: 'auth', hresults: ['0xcaa9002c', '0xcaa1000e'] });

  it('logs 305 then 304', () => {
    expect(ids(t)).toEqual([331, 305, 304]);
  });

  it('305: five lines with trailing spaces, the root cause, the ADAL log newest-first [WIKI]', () => {
    expect(lines(t, 305)).toEqual([
      'Automatic registration failed at authentication phase. Unable to acquire access token. ',
      'Exit code: Unknown HResult Error code: 0xcaa9002c ',
      'Tenant Name: imokatdi.ping-eng.com ',
      'Tenant Type: Federated ',
      'Server error: ',
      'AdalMessage: ADALUseWindowsAuthenticationTenant failed,  unable to preform integrated auth',
      'AdalErrorCode: 0xcaa9002c',
      `AdalCorrelationId: {${CORRELATION.toUpperCase()}}`,
      // Logged where LogFatalAuthError ran: before the aggregate 0xcaa1000e entry.
      'AdalLog:  HRESULT: 0xcaa9002c',
      'AdalLog:  HRESULT: 0x4aa90010',
      'AdalLog: Token is not available in the cache ; HRESULT: 0x0',
    ]);
  });

  it('304: the aggregate, an empty Server error, the debug block with its empty lines [WIKI]', () => {
    expect(lines(t, 304)).toEqual([
      'Automatic registration failed at join phase. ',
      'Exit code: Unknown HResult Error code: 0xcaa1000e ',
      'Server error:  ',
      'Tenant type: Federated ',
      'Registration type: fed ',
      'Debug Output: ',
      'joinMode: Join',
      'drsInstance: azure',
      'registrationType: fed',
      'tenantType: Federated',
      `tenantId: ${TENANT_ID}`,
      'configLocation: undefined',
      'errorPhase: auth',
      `adalCorrelationId: {${CORRELATION.toUpperCase()}}`,
      'adalLog:',
      'AdalLog:  HRESULT: 0xcaa1000e',
      'AdalLog:  HRESULT: 0xcaa9002c',
      'AdalLog:  HRESULT: 0x4aa90010',
      'AdalLog: Token is not available in the cache ; HRESULT: 0x0',
      '',
      'adalResponseCode: 0xcaa1000e',
      '',
    ]);
  });

  it('builds before 1809 log the one-line 304 and 305 of their message table [LYWK]', () => {
    const old = trace(mexFailure, { errorPhase: 'auth' }, {}, 16299);
    expect(lines(old, 305)[0]).toBe(
      'Automatic registration failed at authentication phase.  Unable to acquire access token.  Exit code: Unknown HResult Error code: 0xcaa9002c. Server error: AdalMessage: ADALUseWindowsAuthenticationTenant failed,  unable to preform integrated auth',
    );
    expect(lines(old, 304)[0]).toBe(
      'Automatic registration failed at join phase.  Exit code: Unknown HResult Error code: 0xcaa1000e. Server error:. Debug Output:\\r\\n joinMode: Join',
    );
  });
});

describe('join failures', () => {
  const syncFailure: TraceStep[] = [
    join,
    { ...tenant, tenantType: 'Managed' },
    { k: 'join-request', registrationType: 'sync', domain: 'imokatdi.ping-eng.com' },
    {
      k: 'join-response',
      registrationType: 'sync',
      requestId: 'r-1',
      responseTime: 't',
      httpStatus: 400,
      body: '{"ErrorType":"DirectoryError","Message":"The device object by the given id (x) is not found."}',
      errorType: 'DirectoryError',
      message: 'The device object by the given id (x) is not found.',
    },
    { k: 'join-failed', hresult: '0x801c03f2', registrationType: 'sync' },
  ];
  const t = trace(syncFailure, { errorPhase: 'join' }, { registrationType: 'sync' });

  it('logs 102, 103, 204, then 304', () => {
    expect(ids(t)).toEqual([331, 102, 103, 204, 304]);
  });

  it('204 breaks its lines after the exit code, the activity id and the status [WIKI]', () => {
    expect(lines(t, 204)).toEqual([
      'The get join response operation callback failed with exit code: Unknown HResult Error code: 0x801c03f2. ',
      'Activity Id: r-1 ',
      'The server returned HTTP status: 400 ',
      'Server response was: {"ErrorType":"DirectoryError","Message":"The device object by the given id (x) is not found."}',
    ]);
  });

  it('a sync join 304 has no ADAL data, tenantType in lower case [WIKI]', () => {
    expect(lines(t, 304)).toEqual([
      'Automatic registration failed at join phase. ',
      'Exit code: Unknown HResult Error code: 0x801c03f2 ',
      'Server error:  ',
      'Tenant type: Managed ',
      'Registration type: sync ',
      'Debug Output: ',
      'joinMode: Join',
      'drsInstance: azure',
      'registrationType: sync',
      'tenantType: managed',
      `tenantId: ${TENANT_ID}`,
      'configLocation: undefined',
      'errorPhase: join',
      'adalCorrelationId: undefined',
      'adalLog:',
      'undefined',
      'adalResponseCode: 0x0',
      '',
    ]);
  });

  it('a join that cannot be sent logs 203 and 304', () => {
    const unsent: TraceStep[] = [
      join,
      { k: 'join-request', registrationType: 'sync', domain: 'd' },
      { k: 'join-failed', hresult: '0x80072efd', network: true, registrationType: 'sync' },
    ];
    expect(ids(trace(unsent))).toEqual([331, 102, 203, 304]);
  });

  it('logs 102, 103, 104, 105, 106, 306 for an accepted join', () => {
    const ok: TraceStep[] = [
      join,
      {
        k: 'join-request',
        registrationType: 'fed',
        domain: 'd',
        authToken: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.x.y',
      },
      {
        k: 'join-response',
        registrationType: 'fed',
        requestId: 'r',
        responseTime: 't',
        httpStatus: 200,
        body: '{}',
      },
      { k: 'join-done', registrationType: 'fed' },
    ];
    const events = dsregEvents(trace(ok, { joined: true }));
    expect(events.map((e) => e.id)).toEqual([331, 102, 103, 104, 105, 106, 306]);
    expect(eventMessage(events[2]!).split('\n')).toEqual([
      'The join request was successfully sent to server. Inputs:',
      ' AuthToken: eyJ0eXAiOiJKV1QiLCJh…',
    ]);
    expect(eventMessage(events[3]!).split('\n')).toEqual([
      'The get join response operation callback was successful. ',
      'Activity Id: r ',
      'Server response was: {}',
    ]);
  });
});

describe('SCP and discovery', () => {
  const scp: TraceStep = {
    k: 'scp-failed',
    hresult: '0x801c001d',
    reason: 'no SCP',
    subcode: '0x80070002',
  };

  it('307 then 304 with an undefined debug output; before 1809 exactly as [SUPA307] shows', () => {
    const t = trace([join, scp], { errorPhase: 'discover' }, {}, 17134);
    expect(ids(t)).toEqual([331, 307, 304]);
    expect(lines(t, 307)).toEqual([
      'Automatic registration failed. Failed to lookup the registration service information from Active Directory. Exit code: Unknown HResult Error code: 0x801c001d. See http://go.microsoft.com/fwlink/?LinkId=623042',
    ]);
    expect(lines(t, 304)).toEqual([
      'Automatic registration failed at join phase.  Exit code: Unknown HResult Error code: 0x801c001d. Server error:. Debug Output:\\r\\n undefined.',
    ]);
  });

  it('logs 200 then 309 when discovery cannot be sent, 100, 201, 309 for an HTTP error', () => {
    const network: TraceStep = {
      k: 'discovery-failed',
      hresult: '0x801c0021',
      domain: 'd',
      network: true,
    };
    expect(ids(trace([join, network]))).toEqual([331, 200, 309]);
    const http: TraceStep = {
      k: 'discovery-failed',
      hresult: '0x801c003a',
      domain: 'd',
      httpStatus: 404,
      body: '{"ErrorType":"DirectoryError"}',
    };
    const t = trace([join, { k: 'discovery-sent', domain: 'd', url: 'u' }, http]);
    expect(ids(t)).toEqual([331, 100, 201, 309]);
    expect(lines(t, 201)).toEqual([
      'The discovery operation callback failed with exit code: Unknown HResult Error code: 0x801c003a. The server returned HTTP status: 404. ',
      'Server response was:',
      '{"ErrorType":"DirectoryError"}',
    ]);
  });
});

describe('exit codes Windows has a text for', () => {
  it('prints the system text, with the template full stop after it [WIKI: "Access is denied.."]', () => {
    const t = trace([join, { k: 'scp-failed', hresult: '0x80070005', reason: 'x' }], {}, {}, 16299);
    expect(lines(t, 304)[0]).toContain('Exit code: Access is denied.. Server error:.');
  });
});

describe('event log text', () => {
  it('prints each event as Event Viewer\'s "Copy details" does [WIKI]', () => {
    const out = renderEventLog(
      [
        { id: 306, channel: UDR_CHANNEL, params: [], time },
        {
          id: 201,
          channel: MSI_WPJ_CHANNEL,
          params: [
            '00000000-0000-0000-0000-000000000000',
            'https://enterpriseregistration.windows.net/EnrollmentServer/DeviceEnrollmentWebService.svc',
          ],
          time,
          user: { sid: 'S-1-5-21-1-2-3-1200', name: 'CONTOSO\\jdoe' },
        },
      ],
      { computer: 'PC.contoso.com', user: SYSTEM_ACCOUNT },
    );
    expect(out).toEqual([
      'Log Name:      Microsoft-Windows-User Device Registration/Admin',
      'Source:        Microsoft-Windows-User Device Registration',
      'Date:          2025-07-10T17:22:13.0000000Z',
      'Event ID:      306',
      'Task Category: None',
      'Level:         Information',
      'Keywords:      ',
      'User:          SYSTEM',
      'Computer:      PC.contoso.com',
      'Description:',
      'Automatic registration Succeeded.',
      '',
      // The down-level MSI's own log and its success event [TSL; AZD80678].
      'Log Name:      Microsoft-Workplace Join',
      'Source:        Microsoft-Workplace Join',
      'Date:          2025-07-10T17:22:13.0000000Z',
      'Event ID:      201',
      'Task Category: None',
      'Level:         Information',
      'Keywords:      Classic',
      'User:          CONTOSO\\jdoe',
      'Computer:      PC.contoso.com',
      'Description:',
      'Hybrid Azure AD Join operation succeeded. Activity Id: 00000000-0000-0000-0000-000000000000',
      'Registration Service URI: https://enterpriseregistration.windows.net/EnrollmentServer/DeviceEnrollmentWebService.svc',
    ]);
  });

  it('dates carry seven fractional digits and Z, as the XML view SystemTime', () => {
    expect(eventTime(new Date('2025-07-10T17:22:13.123Z'))).toBe('2025-07-10T17:22:13.1230000Z');
  });
});
