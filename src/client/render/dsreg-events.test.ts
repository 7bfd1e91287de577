import { describe, expect, it } from 'vitest';
import { eventMessage, renderEventLog, SYSTEM_ACCOUNT } from './event-log.ts';
import { dsregEvents } from './dsreg-events.ts';
import type { Diagnostics, JoinOutcome, JoinTrace, TraceStep } from '../trace.ts';

const time = new Date('2025-07-10T17:22:13Z');
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
  tenantId: '07ec9af2-7ce5-4ab7-8638-115736bbf990',
  tenantName: 'imokatdi.ping-eng.com',
};

function trace(
  steps: TraceStep[],
  outcome: Partial<JoinOutcome> = {},
  diagnostics: Partial<Diagnostics> = {},
): JoinTrace {
  return {
    steps,
    state: { azureAdJoined: false, domainJoined: true, domainName: 'IMOKATDI', deviceName: 'PC' },
    diagnostics: {
      clientTime: time,
      userContext: 'SYSTEM',
      fallbackToSyncJoin: true,
      adConnectivity: 'PASS',
      adConfiguration: 'PASS',
      drsDiscovery: 'PASS',
      drsConnectivity: 'SKIPPED',
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

describe('User Device Registration events from a trace', () => {
  it('logs one pre-check verdict: 333 before 334, 332 for a rejoin, 335 when joined', () => {
    expect(
      ids(trace([{ ...join, result: 'DoNotJoin', isSystem: false, isDcAvailable: false }])),
    ).toEqual([333]);
    expect(ids(trace([{ ...join, result: 'DoNotJoin', isDcAvailable: false }]))).toEqual([334]);
    expect(
      ids(trace([{ ...join, result: 'UnJoin', isJoined: true, deviceKeysHealthy: false }])),
    ).toEqual([332]);
    expect(
      ids(trace([{ ...join, result: 'DoNotJoin', isJoined: true, deviceKeysHealthy: true }])),
    ).toEqual([335]);
  });

  it('puts the debug output in 331 as the debug transcript prints it', () => {
    const [e] = dsregEvents(trace([join]));
    expect(eventMessage(e!)).toBe(
      'Automatic device join pre-check tasks completed. Debug output:\n preCheckResult: Join\ndeviceKeysHealthy: undefined\nisJoined: undefined\nisDcAvailable: YES\nisSystem: YES\nkeyProvider: undefined\nkeyContainer: undefined\ndsrInstance: undefined\nelapsedSeconds: 0\nresultCode: 0x0',
    );
  });

  it('logs 200 then 309 when discovery cannot be sent, 201 then 309 for an HTTP error', () => {
    const network: TraceStep = {
      k: 'discovery-failed',
      hresult: '0x801c0021',
      domain: 'd',
      network: true,
    };
    expect(ids(trace([join, network], { errorPhase: 'discover' }))).toEqual([331, 200, 309]);
    const http: TraceStep = {
      k: 'discovery-failed',
      hresult: '0x801c003a',
      domain: 'd',
      httpStatus: 404,
      body: '{"ErrorType":"DirectoryError"}',
    };
    const events = dsregEvents(trace([join, { k: 'discovery-sent', domain: 'd', url: 'u' }, http]));
    expect(events.map((e) => e.id)).toEqual([331, 100, 201, 309]);
    expect(events[2]!.params).toEqual(['0x801c003a', '404', '{"ErrorType":"DirectoryError"}']);
  });

  it('writes the adalLog of 304 newest first, ADAL entries only', () => {
    const steps: TraceStep[] = [
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
        correlationId: 'c0ffee00-0000-4000-8000-000000000000',
        adalMessage:
          'ADALUseWindowsAuthenticationTenant failed,  unable to preform integrated auth',
      },
      { k: 'no-fallback', aggregate: '0xcaa1000e' },
    ];
    const events = dsregEvents(
      trace(
        steps,
        { errorPhase: 'auth', hresults: ['0xcaa9002c', '0xcaa1000e'] },
        {
          registrationType: 'fed',
          clientErrorCode: '0xcaa9002c',
        },
      ),
    );
    expect(events.map((e) => e.id)).toEqual([331, 305, 304]);
    expect(eventMessage(events[1]!)).toContain(
      'Server error: AdalMessage: ADALUseWindowsAuthenticationTenant failed,  unable to preform integrated auth\nAdalErrorCode: 0xcaa9002c\nAdalCorrelationId: {c0ffee00-0000-4000-8000-000000000000}',
    );
    const debug = events[2]!.params[4]!.split('\r\n');
    expect(debug.slice(0, 9)).toEqual([
      'joinMode: Join',
      'drsInstance: azure',
      'registrationType: fed',
      'tenantType: Federated',
      'tenantId: 07ec9af2-7ce5-4ab7-8638-115736bbf990',
      'configLocation: undefined',
      'errorPhase: auth',
      'adalCorrelationId: {c0ffee00-0000-4000-8000-000000000000}',
      'adalLog:',
    ]);
    expect(debug.slice(9)).toEqual([
      'AdalLog:  HRESULT: 0xcaa1000e',
      'AdalLog:  HRESULT: 0xcaa9002c',
      'AdalLog:  HRESULT: 0x4aa90010',
      'AdalLog: Token is not available in the cache ; HRESULT: 0x0',
      'adalResponseCode: 0xcaa1000e',
    ]);
  });

  it('logs 102, 103, 104, 105, 106, 306 for an accepted join, 203 when it cannot be sent', () => {
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
    expect(events[2]!.params).toEqual(['eyJ0eXAiOiJKV1QiLCJh…']);
    const unsent: TraceStep[] = [
      join,
      { k: 'join-request', registrationType: 'sync', domain: 'd' },
      { k: 'join-failed', hresult: '0x80072efd', network: true },
    ];
    expect(
      ids(
        trace(
          unsent,
          { errorPhase: 'join' },
          { registrationType: 'sync', clientErrorCode: '0x80072efd' },
        ),
      ),
    ).toEqual([331, 102, 203, 304]);
  });
});

describe('event log text', () => {
  it('prints each event as wevtutil /f:text does, with the record user when it has one', () => {
    const lines = renderEventLog(
      [
        { id: 306, channel: 'User Device Registration/Admin', params: [], time },
        {
          id: 100,
          channel: 'Workplace Join/Admin',
          params: [],
          time,
          user: { sid: 'S-1-5-21-1-2-3-1200', name: 'CONTOSO\\jdoe' },
        },
      ],
      { computer: 'PC.contoso.com', user: SYSTEM_ACCOUNT },
    );
    expect(lines.slice(0, 15)).toEqual([
      'Event[0]:',
      '  Log Name: Microsoft-Windows-User Device Registration/Admin',
      '  Source: Microsoft-Windows-User Device Registration',
      '  Date: 2025-07-10T17:22:13.000',
      '  Event ID: 306',
      '  Task: N/A',
      '  Level: Information',
      '  Opcode: Info',
      '  Keyword: N/A',
      '  User: S-1-5-18',
      '  User Name: NT AUTHORITY\\SYSTEM',
      '  Computer: PC.contoso.com',
      '  Description: ',
      'Automatic registration Succeeded.',
      '',
    ]);
    expect(lines).toContain('  User Name: CONTOSO\\jdoe');
    expect(lines).toContain('Workplace Join discovery succeeded.');
  });
});
