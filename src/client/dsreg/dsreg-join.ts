/**
 * `dsregcmd /join /debug` on Windows 10+: pre-check, SCP, DRS discovery and user realm, federated
 * token and join, and the fallback to sync join (or a managed domain's sync join) — recording a
 * structured trace every output is rendered from.
 * @see [TSC] [DSR] [WIKI] (phases and failure codes), [DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC] (FallbackToSyncJoin,
 *   default enabled); [PING]
 * @see [DSR] ("Fallback to Sync-Join … This option is available from Windows 10 1803 and later"):
 *   builds before 1803 end a failed federated attempt in the auth phase
 * @see [DSR], [TSC]: an SCP that cannot be read is a discover-phase failure (`AD Configuration
 *   Test : FAIL`, `Error Phase : discover`, 0x801c001d); [RCMLAB] (the same, captured)
 * modeled: after a fallback, the Diagnostic Data shows the sync join's result, not the federated
 *   failure (the join phase is what failed last); the ADAL message dsreg reports (LogFatalAuthError,
 *   event 305) is the CSS wiki's integrated-auth text for every realm, MEX and WS-Trust failure and
 *   the seed's `GetStatus returned failure` for a token-endpoint error.
 */
import { X509Certificate } from 'node:crypto';
import { SimError } from '../../core/errors.ts';
import { DRS_HOST, LOGIN_HOST } from '../../protocol/entra-names.ts';
import { buildDiscoveryDocument, type ClientDiscovery } from '../../protocol/drs/discovery.ts';
import { buildFederatedJoinRequest } from '../../protocol/drs/join-request.ts';
import type { MachineEnvironment } from '../../onprem/machine.ts';
import { TraceRecorder } from '../trace-recorder.ts';
import type { DeviceState, Diagnostics, ErrorPhase, JoinTrace } from '../trace.ts';
import { acquireComputerToken, GET_STATUS_FAILED } from './acquire-token.ts';
import { discoverDrs, discoverRealm, DSREG_CLIENT_HEADERS } from './discover-tenant.ts';
import { KEY_PROVIDER } from './key-provider.ts';
import { deviceCsr, sendJoin, syncJoin, type JoinContext } from './join-request.ts';
import { runPreCheck } from './pre-check.ts';
import { provisionDeviceKey } from './device-key.ts';
import { networkOf } from '../network.ts';
import { readScp } from './read-scp.ts';
import { OLDEST_MODELED_BUILD, windowsBuild } from '../windows-build.ts';
import { HR } from '../../protocol/hresult/catalog.ts';

/** [WIKI] (event 305, LogFatalAuthError): ADAL's message when Windows integrated auth fails. */
export const ADAL_INTEGRATED_AUTH_FAILED =
  'ADALUseWindowsAuthenticationTenant failed,  unable to preform integrated auth';

type MutableDiagnostics = { -readonly [K in keyof Diagnostics]: Diagnostics[K] };

function tenantDetails(d: ClientDiscovery): NonNullable<DeviceState['tenant']> {
  return {
    // The seed's /status prints an empty TenantName after a hybrid join.
    tenantName: '',
    tenantId: d.TenantInfo.TenantId,
    authCodeUrl: d.AuthenticationService.OAuth2.AuthCodeEndpoint,
    accessTokenUrl: d.AuthenticationService.OAuth2.TokenEndpoint,
    joinSrvVersion: d.DeviceJoinService.ServiceVersion,
    joinSrvUrl: d.DeviceJoinService.JoinEndpoint,
    joinSrvId: d.DeviceJoinService.JoinResourceId,
    keySrvVersion: d.KeyProvisioningService.ServiceVersion,
    keySrvUrl: d.KeyProvisioningService.KeyProvisionEndpoint,
    keySrvId: d.KeyProvisioningService.KeyProvisionResourceId,
    webAuthNSrvVersion: d.WebAuthNService.ServiceVersion,
    webAuthNSrvUrl: d.WebAuthNService.WebAuthNEndpoint,
    webAuthNSrvId: d.WebAuthNService.WebAuthNResourceId,
    deviceManagementSrvVer: d.DeviceManagementService.ServiceVersion,
    deviceManagementSrvUrl: d.DeviceManagementService.DeviceManagementEndpoint,
    deviceManagementSrvId: d.DeviceManagementService.DeviceManagementResourceId,
  };
}

function deviceDetails(
  deviceId: string,
  certificate: X509Certificate,
  keyContainerId: string,
  key: { provider: string; tpmProtected: boolean } = {
    provider: KEY_PROVIDER,
    tpmProtected: false,
  },
): NonNullable<DeviceState['device']> {
  return {
    deviceId,
    thumbprint: certificate.fingerprint.replace(/:/g, '').toUpperCase(),
    validFrom: new Date(certificate.validFrom),
    validTo: new Date(certificate.validTo),
    keyContainerId,
    keyProvider: key.provider,
    tpmProtected: key.tpmProtected,
    certificateDer: certificate.raw,
  };
}

/** The build of a Windows 10+ OSVersion, or a clear error for one hjsim does not model. */
function buildOf(env: MachineEnvironment): number {
  const build = windowsBuild(env.osVersion);
  if (build === undefined || build < OLDEST_MODELED_BUILD)
    throw new SimError(
      'ERR_SCENARIO_INVALID',
      `device.osVersion '${env.osVersion}' is not a Windows 10+ version hjsim models: write 10.0.<build>[.<revision>] with a build of ${OLDEST_MODELED_BUILD} (1607 / Server 2016) or later`,
    );
  return build;
}

/** Windows 10 1803: the first build that falls back to sync join after an auth failure. [DSR] */
export const BUILD_1803 = 17134;

export async function runDsregJoin(env: MachineEnvironment): Promise<JoinTrace> {
  const build = buildOf(env);
  const t = new TraceRecorder();
  const clientRequestId = env.ids.uuid();
  const fallbackEnabled = env.registry.fallbackToSyncJoin !== 0;
  const notJoined: DeviceState = {
    azureAdJoined: false,
    domainJoined: true,
    domainName: env.domain.netbiosName,
    deviceName: `${env.computerName}.${env.domain.name}`,
  };
  const started = env.clock.now();
  const diag: MutableDiagnostics = {
    clientTime: started,
    previousRegistration: started,
    userContext: env.runningAsSystem ? 'SYSTEM' : 'ELEVATED User',
    fallbackToSyncJoin: fallbackEnabled,
    adConnectivity: 'PASS',
    adConfiguration: 'PASS',
    drsDiscovery: 'PASS',
    drsConnectivity: 'SKIPPED',
    tokenAcquisition: 'SKIPPED',
  };
  let fallbackAttempted = false;
  let registrations = 0;

  const finish = (
    state: DeviceState,
    joinType: 'federated' | 'sync' | 'none',
    errorPhase?: ErrorPhase,
  ): JoinTrace => {
    t.push({ k: 'end-status' });
    if (errorPhase) diag.errorPhase = errorPhase;
    return {
      build,
      steps: t.steps,
      state,
      diagnostics: diag,
      outcome: {
        joined: state.azureAdJoined,
        joinType,
        aadsts: t.aadsts,
        hresults: t.hresults,
        fallbackAttempted,
        ...(errorPhase ? { errorPhase } : {}),
        registrations,
      },
    };
  };
  const failPhase = (phase: ErrorPhase, hresult: string, httpStatus?: number) => {
    t.failure(hresult);
    diag.clientErrorCode = hresult;
    if (httpStatus !== undefined) diag.httpsStatus = httpStatus;
    return finish(notJoined, 'none', phase);
  };

  t.push({ k: 'cli-init' });
  t.push({ k: 'join-start', clientRequestId });

  // Pre-check [WIKI] [MAN] [DSR]
  const pre = runPreCheck(env, t);
  if (!pre.go) {
    if (pre.reason === 'already-joined')
      return finish(
        existingState(env, notJoined),
        env.registration?.registrationType === 'sync' ? 'sync' : 'federated',
      );
    diag.adConnectivity = pre.reason === 'no-dc' ? 'FAIL' : 'PASS';
    diag.adConfiguration = 'SKIPPED';
    diag.drsDiscovery = 'SKIPPED';
    const hr = pre.reason === 'no-dc' ? HR.ERROR_NO_SUCH_DOMAIN : HR.E_ACCESSDENIED;
    return failPhase('pre-check', hr);
  }

  // SCP [HJM] [WIKI] [TSC]
  const scp = readScp(env);
  if ('error' in scp) {
    t.push({
      k: 'scp-failed',
      hresult: HR.DSREG_AUTOJOIN_ADCONFIG_READ_FAILED,
      reason: scp.error,
      ...(scp.subcode ? { subcode: scp.subcode } : {}),
    });
    diag.adConfiguration = 'FAIL';
    if (scp.subcode) diag.adConfigurationError = scp.subcode;
    diag.drsDiscovery = 'SKIPPED';
    // The discover phase reads the SCP: its failure is a discover-phase error. [DSR; TSC; RCMLAB]
    return failPhase('discover', HR.DSREG_AUTOJOIN_ADCONFIG_READ_FAILED);
  }
  t.push({
    k: 'scp-read',
    source: scp.source,
    tenantName: scp.tenantName,
    ...(scp.tenantId ? { tenantId: scp.tenantId } : {}),
  });

  // DRS discovery and user realm [DSRT] [HBS] [DVRD] [TSC] [MSALPY] [ADALN] [AADI]
  const disc = await discoverDrs(t, scp, clientRequestId, networkOf(env));
  if (!disc.ok) {
    diag.drsDiscovery = 'FAIL';
    // `[aggregate/sub-error]` [DSR; TSC]; modeled: an unanswered request's sub-error is
    // WININET_E_CANNOT_CONNECT.
    diag.drsDiscoveryError = `${HR.DSREG_AUTOJOIN_DISC_FAILED}/${
      disc.subError ??
      (disc.hresult === HR.DSREG_AUTOJOIN_DISC_FAILED ? HR.WININET_E_CANNOT_CONNECT : disc.hresult)
    }`;
    if (disc.server) {
      diag.serverErrorCode = disc.server.errorType;
      diag.serverMessage = disc.server.message;
    }
    return failPhase('discover', disc.hresult, disc.httpStatus);
  }
  const discovery = disc.discovery;
  const tenantId = discovery.TenantInfo.TenantId;
  const realm = await discoverRealm(t, scp.tenantName, clientRequestId, networkOf(env));
  if (!realm.ok) {
    // User realm is part of the DRS Discovery Test [DSR]; modeled: its code alone in brackets.
    diag.drsDiscovery = 'FAIL';
    diag.drsDiscoveryError = realm.hresult;
    return failPhase('discover', realm.hresult, realm.httpStatus);
  }
  t.push({
    k: 'tenant-info',
    tenantType: realm.federated ? 'Federated' : 'Managed',
    tenantId,
    tenantName: scp.tenantName,
  });

  const jc: JoinContext = { env, t, diag, discovery, tenantName: scp.tenantName, tenantId };
  const joined = (certificateB64: string): DeviceState => {
    registrations++;
    return {
      ...notJoined,
      azureAdJoined: true,
      device: deviceDetails(
        env.computer.objectGuid,
        new X509Certificate(Buffer.from(certificateB64, 'base64')),
        env.ids.uuid(),
        keyOk,
      ),
      tenant: tenantDetails(discovery),
    };
  };

  // The device key, created in the join phase before the first join request (device-key.ts).
  let keyOk = { provider: KEY_PROVIDER, tpmProtected: false };
  const keyFailed = (registrationType: 'fed' | 'sync'): JoinTrace | undefined => {
    const key = provisionDeviceKey(env, build);
    if (key.ok) {
      keyOk = key;
      return undefined;
    }
    diag.registrationType = registrationType;
    t.push({ k: 'join-failed', hresult: key.hresult, registrationType });
    return failPhase('join', key.hresult);
  };

  if (!realm.federated) {
    // Managed domain: no federated token to get (modeled: the test then reports PASS, as the
    // [DSR] sample of a sync join shows every test PASS); sync join directly.
    diag.tokenAcquisition = 'PASS';
    const stop = keyFailed('sync');
    if (stop) return stop;
    const r = await syncJoin(jc);
    return r.ok ? finish(joined(r.certificate), 'sync') : finish(notJoined, 'none', 'join');
  }

  // Federated: computer token for DRS via WS-Trust, then the join. [HJM] [MSALPY] [ADALN] [DSRT] [WINRT] [ROAD] [AADI] [WIKI] [HBS] [DVRJ] [TSC]
  t.push({
    k: 'token-start',
    authCodeUrl: `https://${LOGIN_HOST}/${tenantId}/oauth2/authorize`,
    authority: `https://${LOGIN_HOST}/common`,
  });
  const token = await acquireComputerToken(env, t, { tenantName: scp.tenantName, clientRequestId });
  diag.tokenAcquisition = token.ok ? 'PASS' : 'FAIL';
  if (token.ok) {
    const stop = keyFailed('fed');
    if (stop) return stop;
    const body = buildFederatedJoinRequest({
      csrDer: deviceCsr(env),
      transportKey: env.keys.transportKey,
      targetDomain: scp.tenantName,
      osVersion: env.osVersion,
      displayName: env.computerName,
    });
    t.push({
      k: 'join-request',
      registrationType: 'fed',
      domain: scp.tenantName,
      authToken: token.accessToken,
    });
    const r = await sendJoin(jc, 'fed', clientRequestId, {
      url: `${discovery.DeviceJoinService.JoinEndpoint}?api-version=${discovery.DeviceJoinService.ServiceVersion}`,
      method: 'POST',
      headers: {
        authorization: `Bearer ${token.accessToken}`,
        'content-type': 'application/json',
        accept: 'application/json',
        'client-request-id': clientRequestId,
        ...DSREG_CLIENT_HEADERS,
      },
      body: JSON.stringify(body),
    });
    return r.ok ? finish(joined(r.certificate), 'federated') : finish(notJoined, 'none', 'join');
  }

  t.push({
    k: 'token-failed',
    aggregate: HR.ERROR_ADAL_HANDLE,
    first: token.first,
    correlationId: clientRequestId,
    adalMessage: token.serverError === undefined ? ADAL_INTEGRATED_AUTH_FAILED : GET_STATUS_FAILED,
    ...(token.serverError === undefined ? {} : { adalError: token.serverError }),
  });
  diag.registrationType = 'fed';
  diag.clientErrorCode = token.first;
  if (token.httpStatus !== undefined) diag.httpsStatus = token.httpStatus;
  if (token.serverError !== undefined) diag.serverErrorCode = token.serverError;
  if (token.serverMessage !== undefined) diag.serverMessage = token.serverMessage;
  // Windows 10 1803 brought the fallback to sync join [DSR]: earlier builds stop here.
  if (!fallbackEnabled || build < BUILD_1803) {
    t.push({ k: 'no-fallback', aggregate: HR.ERROR_ADAL_HANDLE });
    return finish(notJoined, 'none', 'auth');
  }
  // Fallback to sync join (Windows 10 1803+, unless FallbackToSyncJoin = 0). [DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC]
  t.push({ k: 'fallback', aggregate: HR.ERROR_ADAL_HANDLE });
  fallbackAttempted = true;
  for (const key of [
    'errorPhase',
    'clientErrorCode',
    'serverErrorCode',
    'serverMessage',
    'httpsStatus',
  ] as const)
    delete diag[key];
  const stop = keyFailed('sync');
  if (stop) return stop;
  const r = await syncJoin(jc);
  return r.ok ? finish(joined(r.certificate), 'sync') : finish(notJoined, 'none', 'join');
}

/** `/status` of a machine an earlier join registered: what its registry and certificate say. */
function existingState(env: MachineEnvironment, notJoined: DeviceState): DeviceState {
  const reg = env.registration!;
  return {
    ...notJoined,
    azureAdJoined: true,
    device: deviceDetails(
      reg.deviceId,
      new X509Certificate(reg.certificatePem),
      reg.keyContainerId,
    ),
    // The endpoints the earlier join stored are the discovery document's.
    tenant: tenantDetails(
      buildDiscoveryDocument({
        tenantId: reg.tenantId,
        tenantName: reg.tenantName,
        displayName: reg.tenantName,
        federated: reg.registrationType === 'fed',
        drsHost: DRS_HOST,
        loginHost: LOGIN_HOST,
      }),
    ),
  };
}
