/**
 * `dsregcmd /join /debug` on Windows 10+: pre-check, SCP, DRS discovery and user realm, federated
 * token and join, and the fallback to sync join — recording a structured trace every output is
 * rendered from.
 * @see ../shared/research/protocol.md §1 (phases and failure codes); ../shared/seeds/004_cfe8f5bb4b6ae74c.txt
 */
import { X509Certificate } from 'node:crypto';
import { DRS_HOST, LOGIN_HOST } from '../../core/defaults.ts';
import { buildCsr } from '../../protocol/x509/build-certificate.ts';
import { readDiscoveryDocument, type ClientDiscovery } from '../../protocol/drs/discovery.ts';
import {
  formatHresult,
  hresultForDiscoveryError,
  hresultForDrsError,
  readDrsError,
} from '../../protocol/drs/drs-error.ts';
import {
  buildFederatedJoinRequest,
  buildSyncJoinRequest,
} from '../../protocol/drs/join-request.ts';
import { readJoinResponse } from '../../protocol/drs/join-response.ts';
import { parseJson, send } from '../http-client.ts';
import type { MachineEnvironment } from '../machine.ts';
import { TraceRecorder } from '../trace-recorder.ts';
import type { DeviceState, Diagnostics, ErrorPhase, JoinTrace } from '../trace.ts';
import { acquireComputerToken, HR } from './acquire-token.ts';

export const DSREG_HR = {
  adConfigReadFailed: '0x801c001d',
  discoveryFailed: '0x801c0021',
  tenantNotFound: '0x801c003a',
  realmDiscoveryFailed: '0x801c003d',
  invalidData: '0x8007000d',
  noDomainController: '0x8007054b',
} as const;

const KEY_PROVIDER = 'Microsoft Software Key Storage Provider';

interface TenantFromScp {
  readonly tenantName: string;
  readonly tenantId: string | undefined;
}

/** SCP keywords (or the CDJ\AAD registry override) → tenant name and id. [research §1.1] */
export function readScp(env: MachineEnvironment): TenantFromScp | { error: string } {
  if (env.registry.cdjAadTenantName || env.registry.cdjAadTenantId) {
    return {
      tenantName: env.registry.cdjAadTenantName ?? env.registry.cdjAadTenantId ?? '',
      tenantId: env.registry.cdjAadTenantId,
    };
  }
  if (env.scp === 'unreadable') return { error: 'the SCP object could not be read over LDAP' };
  if (!env.scp) return { error: 'no Service Connection Point object in the forest' };
  // Field names are case-sensitive: exactly `azureADName:` and `azureADId:`. [WIKI]
  const name = env.scp.keywords
    .find((k) => k.startsWith('azureADName:'))
    ?.slice('azureADName:'.length);
  const id = env.scp.keywords.find((k) => k.startsWith('azureADId:'))?.slice('azureADId:'.length);
  if (!name) return { error: 'the SCP keywords have no azureADName: value' };
  return { tenantName: name, tenantId: id };
}

function httpDate(d: Date): string {
  return d.toUTCString();
}

export async function runDsregJoin(env: MachineEnvironment): Promise<JoinTrace> {
  const t = new TraceRecorder();
  const clientRequestId = env.ids.uuid();
  const fallbackEnabled = env.registry.fallbackToSyncJoin !== 0;
  const domainName = env.domain.netbiosName;
  const deviceName = `${env.computerName}.${env.domain.name}`;
  const notJoined: DeviceState = {
    azureAdJoined: false,
    domainJoined: true,
    domainName,
    deviceName,
  };
  const diag: {
    -readonly [K in keyof Diagnostics]: Diagnostics[K];
  } = {
    clientTime: env.clock.now(),
    fallbackToSyncJoin: fallbackEnabled,
    adConnectivity: 'PASS',
    adConfiguration: 'PASS',
    drsDiscovery: 'PASS',
  };
  let fallbackAttempted = false;

  const finish = (
    state: DeviceState,
    joinType: 'federated' | 'sync' | 'none',
    errorPhase?: ErrorPhase,
  ): JoinTrace => {
    t.push({ k: 'end-status' });
    if (errorPhase) diag.errorPhase = errorPhase;
    return {
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
      },
    };
  };
  const failPhase = (phase: ErrorPhase, hresult: string) => {
    t.failure(hresult);
    diag.clientErrorCode = hresult;
    return finish(notJoined, 'none', phase);
  };

  t.push({ k: 'cli-init' });
  t.push({ k: 'join-start', clientRequestId });

  // Pre-check: DC line of sight, SYSTEM context. [research §1.0]
  if (!env.domainController) {
    t.push({ k: 'dc-missing', domain: env.domain.name });
    t.push({
      k: 'pre-check',
      isDcAvailable: false,
      isSystem: env.runningAsSystem,
      resultCode: DSREG_HR.noDomainController,
    });
    diag.adConnectivity = 'FAIL';
    diag.adConfiguration = 'SKIPPED';
    diag.drsDiscovery = 'SKIPPED';
    return failPhase('pre-check', DSREG_HR.noDomainController);
  }
  t.push({
    k: 'dc-found',
    domain: env.domain.name,
    forest: env.domain.forest,
    dc: `${env.domainController.name}.${env.domain.name}`,
  });
  t.push({ k: 'pre-check', isDcAvailable: true, isSystem: env.runningAsSystem, resultCode: '0x0' });

  // SCP
  const scp = readScp(env);
  if ('error' in scp) {
    t.push({ k: 'scp-failed', hresult: DSREG_HR.adConfigReadFailed, reason: scp.error });
    diag.adConfiguration = 'FAIL';
    diag.drsDiscovery = 'SKIPPED';
    return failPhase('pre-check', DSREG_HR.adConfigReadFailed);
  }

  // DRS discovery [research §1.2]
  const discoverRes = await send(
    `https://${DRS_HOST}/${encodeURIComponent(scp.tenantId ?? scp.tenantName)}/discover?api-version=1.7`,
    {
      headers: {
        accept: 'application/json',
        'ocp-adrs-client-name': 'dsreg',
        'ocp-adrs-client-version': '10',
        'client-request-id': clientRequestId,
      },
    },
  );
  let discovery: ClientDiscovery;
  {
    let hr: string | undefined;
    if (!discoverRes.ok) hr = DSREG_HR.discoveryFailed;
    else if (discoverRes.status !== 200)
      hr = formatHresult(hresultForDiscoveryError(discoverRes.status));
    const doc =
      hr === undefined && discoverRes.ok
        ? readDiscoveryDocument(parseJson(discoverRes.body))
        : undefined;
    if (hr === undefined && (!doc || !doc.ok)) hr = DSREG_HR.invalidData;
    if (hr !== undefined || !doc || !doc.ok) {
      const code = hr ?? DSREG_HR.discoveryFailed;
      t.push({
        k: 'discovery-failed',
        hresult: code,
        ...(discoverRes.ok ? { httpStatus: discoverRes.status, body: discoverRes.body } : {}),
      });
      diag.drsDiscovery = 'FAIL';
      if (discoverRes.ok) diag.httpsStatus = discoverRes.status;
      return failPhase('discover', code);
    }
    discovery = doc.value;
  }
  const tenantId = discovery.TenantInfo.TenantId;

  // User realm for the verified domain (Windows 10 1809+). [research §1.3]
  const realmRes = await send(
    `https://${LOGIN_HOST}/common/userrealm/${encodeURIComponent(scp.tenantName)}?api-version=1.0`,
    {
      headers: { accept: 'application/json', 'client-request-id': clientRequestId },
    },
  );
  const realm =
    realmRes.ok && realmRes.status === 200
      ? (parseJson(realmRes.body) as Record<string, unknown> | undefined)
      : undefined;
  if (!realm || typeof realm['account_type'] !== 'string')
    return failPhase('discover', DSREG_HR.realmDiscoveryFailed);
  const federated = String(realm['account_type']).toLowerCase() === 'federated';
  t.push({
    k: 'tenant-info',
    tenantType: federated ? 'Federated' : 'Managed',
    tenantId,
    tenantName: scp.tenantName,
  });

  const tenantState: NonNullable<DeviceState['tenant']> = {
    tenantName: '',
    tenantId,
    authCodeUrl: discovery.AuthenticationService.OAuth2.AuthCodeEndpoint,
    accessTokenUrl: discovery.AuthenticationService.OAuth2.TokenEndpoint,
    joinSrvVersion: discovery.DeviceJoinService.ServiceVersion,
    joinSrvUrl: discovery.DeviceJoinService.JoinEndpoint,
    joinSrvId: discovery.DeviceJoinService.JoinResourceId,
    keySrvVersion: discovery.KeyProvisioningService.ServiceVersion,
    keySrvUrl: discovery.KeyProvisioningService.KeyProvisionEndpoint,
    keySrvId: discovery.KeyProvisioningService.KeyProvisionResourceId,
    webAuthNSrvVersion: discovery.WebAuthNService.ServiceVersion,
    webAuthNSrvUrl: discovery.WebAuthNService.WebAuthNEndpoint,
    webAuthNSrvId: discovery.WebAuthNService.WebAuthNResourceId,
    deviceManagementSrvVer: discovery.DeviceManagementService.ServiceVersion,
    deviceManagementSrvUrl: discovery.DeviceManagementService.DeviceManagementEndpoint,
    deviceManagementSrvId: discovery.DeviceManagementService.DeviceManagementResourceId,
  };
  const joinUrl = `${discovery.DeviceJoinService.JoinEndpoint}?api-version=${discovery.DeviceJoinService.ServiceVersion}`;
  const csr = () =>
    buildCsr({
      subject: [{ name: 'commonName', value: env.computer.objectGuid }],
      publicKey: env.keys.deviceKey,
      privateKey: env.keys.deviceKey,
    });

  const joinedState = (certificateB64: string): DeviceState => {
    const cert = new X509Certificate(Buffer.from(certificateB64, 'base64'));
    return {
      ...notJoined,
      azureAdJoined: true,
      device: {
        deviceId: env.computer.objectGuid,
        thumbprint: cert.fingerprint.replace(/:/g, '').toUpperCase(),
        validFrom: new Date(cert.validFrom),
        validTo: new Date(cert.validTo),
        keyContainerId: env.ids.uuid(),
        keyProvider: KEY_PROVIDER,
        tpmProtected: false,
      },
      tenant: tenantState,
    };
  };

  /** Sends a join request and records its response lines; returns the certificate on success. */
  const join = async (
    registrationType: 'fed' | 'sync',
    requestId: string,
    url: string,
    init: { method: string; headers: Record<string, string>; body: string },
  ) => {
    diag.registrationType = registrationType;
    diag.requestId = requestId;
    const res = await send(url, init);
    if (!res.ok) {
      t.push({ k: 'join-failed', hresult: DSREG_HR.discoveryFailed });
      return { ok: false as const, hresult: DSREG_HR.discoveryFailed };
    }
    const body = parseJson(res.body);
    const responseTime = res.headers['date'] ?? httpDate(env.clock.now());
    diag.httpsStatus = res.status;
    if (res.status === 200 || res.status === 201) {
      const r = readJoinResponse(body);
      if (r.ok) {
        t.push({
          k: 'join-response',
          registrationType,
          requestId,
          responseTime,
          httpStatus: res.status,
        });
        t.push({ k: 'join-done', registrationType });
        return { ok: true as const, certificate: r.value.Certificate.RawBody };
      }
    }
    const err = readDrsError(body);
    const hresult = formatHresult(hresultForDrsError(err, res.status));
    t.push({
      k: 'join-response',
      registrationType,
      requestId,
      responseTime,
      httpStatus: res.status,
      ...(err ? { errorType: err.ErrorType, message: err.Message } : {}),
    });
    t.push({ k: 'join-failed', hresult });
    t.failure(hresult);
    diag.clientErrorCode = hresult;
    if (err) {
      diag.serverErrorCode = err.ErrorType;
      diag.serverMessage = err.Message;
    }
    return { ok: false as const, hresult };
  };

  const syncJoin = async () => {
    const requestId = env.ids.uuid();
    const userCert = env.computer.userCertificate;
    if (!userCert) {
      // modeled: without a userCertificate on the computer object the sync join cannot sign its
      // ClientIdentity; Windows would create one and wait for Entra Connect to sync it.
      t.push({ k: 'join-failed', hresult: '0x801c03f2' });
      t.failure('0x801c03f2');
      diag.clientErrorCode = '0x801c03f2';
      return { ok: false as const };
    }
    const body = buildSyncJoinRequest({
      csrDer: csr(),
      transportKey: env.keys.transportKey,
      targetDomain: scp.tenantName,
      targetDomainId: tenantId,
      osVersion: env.osVersion,
      displayName: env.computerName,
      sid: env.computer.objectSid,
      signedAt: env.clock.now(),
      userCertificateKey: userCert.key,
    });
    return join(
      'sync',
      requestId,
      `${discovery.DeviceJoinService.JoinEndpoint}${env.computer.objectGuid}?api-version=${discovery.DeviceJoinService.ServiceVersion}`,
      {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'client-request-id': requestId,
          'ocp-adrs-client-name': 'dsreg',
          'ocp-adrs-client-version': '10',
        },
        body: JSON.stringify(body),
      },
    );
  };

  if (!federated) {
    // Managed domain: sync join directly. [research §1.1]
    const r = await syncJoin();
    return r.ok ? finish(joinedState(r.certificate), 'sync') : finish(notJoined, 'none', 'join');
  }

  t.push({
    k: 'token-start',
    authCodeUrl: `https://${LOGIN_HOST}/${tenantId}/oauth2/authorize`,
    authority: `https://${LOGIN_HOST}/common`,
  });
  const token = await acquireComputerToken(env, t, { tenantName: scp.tenantName, clientRequestId });
  if (token.ok) {
    const body = buildFederatedJoinRequest({
      csrDer: csr(),
      transportKey: env.keys.transportKey,
      targetDomain: scp.tenantName,
      osVersion: env.osVersion,
      displayName: env.computerName,
    });
    const r = await join('fed', clientRequestId, joinUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token.accessToken}`,
        'content-type': 'application/json',
        accept: 'application/json',
        'client-request-id': clientRequestId,
        'ocp-adrs-client-name': 'dsreg',
        'ocp-adrs-client-version': '10',
      },
      body: JSON.stringify(body),
    });
    return r.ok
      ? finish(joinedState(r.certificate), 'federated')
      : finish(notJoined, 'none', 'join');
  }

  t.push({
    k: 'token-failed',
    aggregate: HR.aggregate,
    first: token.first,
    correlationId: clientRequestId,
  });
  diag.registrationType = 'fed';
  diag.clientErrorCode = token.first;
  if (token.httpStatus !== undefined) diag.httpsStatus = token.httpStatus;
  if (token.serverError !== undefined) diag.serverErrorCode = token.serverError;
  if (token.serverMessage !== undefined) diag.serverMessage = token.serverMessage;
  if (!fallbackEnabled) {
    t.push({ k: 'no-fallback', aggregate: HR.aggregate });
    return finish(notJoined, 'none', 'auth');
  }
  t.push({ k: 'fallback', aggregate: HR.aggregate });
  fallbackAttempted = true;
  for (const key of [
    'errorPhase',
    'clientErrorCode',
    'serverErrorCode',
    'serverMessage',
    'httpsStatus',
  ] as const)
    delete diag[key];
  const r = await syncJoin();
  return r.ok ? finish(joinedState(r.certificate), 'sync') : finish(notJoined, 'none', 'join');
}
