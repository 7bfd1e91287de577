/**
 * `dsregcmd /join /debug` of the older builds and of a failed sync join, against the shapes of
 * the real transcripts: [WIKI] (Windows 10 1709, a MEX answer that is not XML, then a fallback
 * whose sync join DRS refuses) and [QA687273] (Windows Server 2019). The 2025 shape is pinned
 * line for line by test/golden/seed-transcripts.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { JoinTrace, TraceStep } from '../trace.ts';
import { renderJoinDebug } from './join-debug.ts';

const CORRELATION = '7c732d89-a151-4e7b-9406-8878ec8ae00b';
const TENANT_ID = '383a3889-5bc9-47a3-846c-2b70f0b7fe0e';

const steps: TraceStep[] = [
  { k: 'cli-init' },
  { k: 'join-start', clientRequestId: CORRELATION },
  { k: 'dc-found', domain: 'contoso.com', forest: 'contoso.com', dc: 'DC01.contoso.com' },
  { k: 'pre-check', result: 'Join', resultCode: '0x0', isDcAvailable: true, isSystem: true },
  { k: 'tenant-info', tenantType: 'Federated', tenantId: TENANT_ID, tenantName: 'contoso.com' },
  {
    k: 'token-start',
    authCodeUrl: `https://login.microsoftonline.com/${TENANT_ID}/oauth2/authorize`,
    authority: 'https://login.microsoftonline.com/common',
  },
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
  { k: 'fallback', aggregate: '0xcaa1000e' },
  { k: 'join-request', registrationType: 'sync', domain: 'contoso.com' },
  {
    k: 'join-response',
    registrationType: 'sync',
    requestId: 'b2c3d4e5-0000-4000-8000-000000000001',
    responseTime: 'Wed, 09 Jul 2025 02:14:22 GMT',
    httpStatus: 400,
    body: '{}',
    errorType: 'DirectoryError',
    message: 'The device object by the given id (9b2f4c61) is not found.',
  },
  { k: 'join-failed', hresult: '0x801c03f2', registrationType: 'sync' },
  { k: 'end-status' },
];

function render(build: number): string[] {
  const trace: JoinTrace = {
    build,
    steps,
    state: { azureAdJoined: false, domainJoined: true, domainName: 'CONTOSO', deviceName: 'PC' },
    diagnostics: {
      clientTime: new Date(0),
      previousRegistration: new Date(0),
      userContext: 'SYSTEM',
      fallbackToSyncJoin: true,
      adConnectivity: 'PASS',
      adConfiguration: 'PASS',
      drsDiscovery: 'PASS',
      drsConnectivity: 'PASS',
      tokenAcquisition: 'FAIL',
    },
    outcome: {
      joined: false,
      joinType: 'none',
      aadsts: [],
      hresults: [],
      fallbackAttempted: true,
      registrations: 0,
    },
  };
  return renderJoinDebug(trace);
}

/** What every generation prints after the token failure: the fallback whose sync join fails [WIKI]. */
const SYNC_FAILURE_TAIL = [
  'AutoEnrollAsComputer: Unable to retrieve access token. GetComputerTokenForADRS failed with error 0xcaa9002c.',
  'DsrCmdJoinHelper::Join: Federated ADRS join failed with error 0xcaa1000e. Try synchronized join.',
  'Join request ID: b2c3d4e5-0000-4000-8000-000000000001',
  'Join response time: Wed, 09 Jul 2025 02:14:22 GMT',
  'Join HTTP status: 400',
  'Join error code: DirectoryError',
  'Join message: The device object by the given id (9b2f4c61) is not found.',
  'DsrDeviceAutoJoin failed 0x801c03f2.',
  'DsrCmdJoinHelper::Join: DsrCmdDeviceEnroller::AutoEnrollSync failed with error code 0x801c03f2.',
  'DSREGCMD_END_STATUS',
  '             AzureAdJoined : NO',
  '          EnterpriseJoined : NO',
];

describe('dsregcmd /join /debug before 2025', () => {
  it('Windows 10 1709 prints the wmain banner once, the DC line alone, isPrivateKeyFound [WIKI]', () => {
    expect(render(16299).slice(0, 4)).toEqual([
      'dsregcmd::wmain logging initialized.',
      'DsrCmdAccountMgr::IsDomainControllerAvailable: DsGetDcName success { domain:contoso.com forest:contoso.com domainController:\\\\DC01.contoso.com isDcAvailable:true }',
      'PreJoinChecks Complete.',
      'preCheckResult: Join',
    ]);
    expect(render(16299)).toContain('isPrivateKeyFound: undefined');
    expect(render(16299).join('\n')).not.toContain('ClientRequestId');
  });

  it('Server 2019 (17763) prints the banner twice [QA687273]', () => {
    expect(render(17763).slice(0, 3)).toEqual([
      'dsregcmd::wmain logging initialized.',
      'dsregcmd::wmain logging initialized.',
      'DsrCmdAccountMgr::IsDomainControllerAvailable: DsGetDcName success { domain:contoso.com forest:contoso.com domainController:\\\\DC01.contoso.com isDcAvailable:true }',
    ]);
  });

  it('a MEX failure prints LogFatalAuthError with the root cause, the replay, then 0xcaa1000e [WIKI]', () => {
    const out = render(17763);
    const start = out.indexOf('AdalLog:  HRESULT: 0xcaa9002c');
    expect(out.slice(start)).toEqual([
      'AdalLog:  HRESULT: 0xcaa9002c',
      'LogFatalAuthError: AdalMessage: ADALUseWindowsAuthenticationTenant failed,  unable to preform integrated auth',
      'AdalErrorCode: 0xcaa9002c',
      `AdalCorrelationId: {${CORRELATION.toUpperCase()}}`,
      'AdalLog:  HRESULT: 0xcaa9002c',
      'AdalLog:  HRESULT: 0x4aa90010',
      'AdalLog: Token is not available in the cache ; HRESULT: 0x0',
      'AdalLog:  HRESULT: 0xcaa1000e',
      ...SYNC_FAILURE_TAIL,
    ]);
    expect(out.join('\n')).not.toContain('GetStatus returned failure');
  });
});

describe('dsregcmd /join /debug of a 2025 build', () => {
  it('prints the seed shape for the token failure and the sync failure lines after it', () => {
    const out = render(26100);
    expect(out.slice(0, 2)).toEqual([
      'DsrCLI: logging initialized.',
      'DsrCLI: logging initialized.',
    ]);
    const start = out.indexOf('GetStatus returned failure');
    expect(out.slice(start)).toEqual([
      'GetStatus returned failure',
      'AdalLog:  HRESULT: 0xcaa1000e',
      'GetComputerTokenForADRS: AdalErrorCode: 0xcaa1000e',
      `AdalCorrelationId: ${CORRELATION}`,
      'AdalLog:  HRESULT: 0xcaa1000e',
      'GetStatus returned failure',
      'AdalLog:  HRESULT: 0xcaa9002c',
      'AdalLog:  HRESULT: 0x4aa90010',
      'AdalLog: Token is not available in the cache ; HRESULT: 0x0',
      ...SYNC_FAILURE_TAIL,
    ]);
    expect(out).toContain('deviceKeysHealthy: undefined');
  });
});
