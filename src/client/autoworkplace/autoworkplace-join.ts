/**
 * autoworkplace.exe, the Workplace Join task of a down-level Windows machine: for each user who
 * signs in, in that user's context — domain user and DC checks, the SCP's `azureADName`, DRS
 * discovery, a silent sign-in to Entra for the DRS resource through Internet Explorer (the
 * federated IdP with Windows auth, or Seamless SSO for a managed domain), then the device
 * registration for that user.
 * @see [DL] [TSL] (user context, per-user registrations, AD FS or Seamless
 *   SSO, intranet zone, WIAORMULTIAUTHN, SCP on onmicrosoft.com); [DSRT] [HBS] [DVRD] [TSC] (legacy contract discovery
 *   `…/EnrollmentServer/contract?api-version=1.2`); [TSL] (the
 *   four dialog results and their causes); azure-content "automatic device registration for
 *   Windows 7" (the task "registers silently… the user authenticates silently with AD FS using
 *   Windows Integrated Authentication"; one device object per user@device); jairocadena.com
 *   2017-10-04 (AutoWorkplaceJoin.exe first queries the SCP's AzureAdName)
 * modeled: the mapping of causes to dialogs where the seed does not pair them (SCP missing or
 *   unreadable → account verification; discovery unreachable → server didn't respond; any
 *   sign-in failure → account authentication; DRS 503 → server didn't respond); the order of the
 *   checks; that the path (federated or managed) follows discovery's `IdentityProviderService`
 *   for the SCP's domain through `domain_hint`; the HRESULTs of the event-log entries.
 */
import { X509Certificate } from 'node:crypto';
import { DRS_HOST, LOGIN_HOST } from '../../protocol/entra-names.ts';
import {
  ACR_WIAORMULTIAUTHN,
  aadstsCodesIn,
  buildAuthorizeUrl,
  readAuthorizeRedirect,
  WORKPLACE_JOIN_REDIRECT_URI,
} from '../../protocol/downlevel/authorize-request.ts';
import {
  buildEnrollmentRequest,
  readEnrollmentCertificate,
} from '../../protocol/downlevel/enrollment-message.ts';
import { parseSoapFault } from '../../protocol/wstrust/soap-fault.ts';
import { buildCsr } from '../../protocol/x509/build-certificate.ts';
import { parseJson, send } from '../http-client.ts';
import type { ErrorPhase } from '../trace.ts';
import { SCP_NAME_KEYWORD } from '../dsreg/read-scp.ts';
import type { DownlevelMachine, SignedInUser } from '../../onprem/downlevel-machine.ts';
import type {
  DialogResult,
  DownlevelStep,
  DownlevelTrace,
  UserAttempt,
} from './downlevel-trace.ts';
import { browse, zoneOf, type Hop } from './internet-explorer.ts';
import { HR } from '../../protocol/hresult/catalog.ts';

interface Contract {
  readonly federated: boolean;
  readonly registrationEndpoint: string;
}

function readContract(body: unknown): Contract | undefined {
  const o = body as Record<string, Record<string, unknown> | undefined> | undefined;
  const idp = o?.['IdentityProviderService'];
  const drs = o?.['DeviceRegistrationService'];
  if (typeof idp?.['Federated'] !== 'boolean' || typeof drs?.['RegistrationEndpoint'] !== 'string')
    return undefined;
  return { federated: idp['Federated'], registrationEndpoint: drs['RegistrationEndpoint'] };
}

function scpName(m: DownlevelMachine): string | 'unreadable' | undefined {
  if (m.scp === 'unreadable') return 'unreadable';
  const hit = m.scp?.keywords.find((k) => k.startsWith(SCP_NAME_KEYWORD));
  return hit?.slice(SCP_NAME_KEYWORD.length).trim() || undefined;
}

async function attempt(
  m: DownlevelMachine,
  user: SignedInUser,
  index: number,
): Promise<UserAttempt> {
  const steps: DownlevelStep[] = [];
  const hops: Hop[] = [];
  const aadsts: number[] = [];
  const base = {
    account: user.account,
    loginHint: user.loginHint,
    sid: user.sid,
    steps,
    hops,
    aadsts,
  };
  const end = (result: DialogResult, why: string, errorPhase?: ErrorPhase): UserAttempt => ({
    ...base,
    result,
    why,
    ...(errorPhase ? { errorPhase } : {}),
  });

  // Account verification: a domain user, with a DC in line of sight. [seed 000]
  if (!user.domainUser)
    return end(
      'account-verification',
      `${user.account} is a local account, not a domain user`,
      'pre-check',
    );
  if (!m.domainController)
    return end(
      'account-verification',
      `no domain controller of ${m.domain.name} can be reached`,
      'pre-check',
    );
  const tenantName = scpName(m);
  if (tenantName === 'unreadable')
    return end('account-verification', 'the SCP object could not be read over LDAP', 'discover');
  if (!tenantName)
    return end(
      'account-verification',
      `the forest has no SCP with ${SCP_NAME_KEYWORD} naming a verified domain`,
      'discover',
    );

  // Discovery (legacy contract form). [DSRT] [HBS] [DVRD] [TSC]
  const contractUrl = `https://${DRS_HOST}/${encodeURIComponent(tenantName)}/EnrollmentServer/contract?api-version=1.2`;
  const drsBlocked = m.unreachableHosts.some((h) => h.toLowerCase() === DRS_HOST);
  const disc = drsBlocked
    ? ({ ok: false, error: `cannot connect to ${DRS_HOST}` } as const)
    : await send(contractUrl, { headers: { accept: 'application/json' } });
  if (!disc.ok) {
    steps.push({
      k: 'discovery-failed',
      url: contractUrl,
      hresult: HR.WININET_E_CANNOT_CONNECT,
      error: disc.error,
    });
    return end('no-response', `discovery: ${disc.error}`, 'discover');
  }
  const contract = disc.status === 200 ? readContract(parseJson(disc.body)) : undefined;
  if (!contract) {
    steps.push({
      k: 'discovery-failed',
      url: contractUrl,
      hresult: HR.DSREG_AUTOJOIN_DISC_FAILED,
      httpStatus: disc.status,
    });
    return end(
      disc.status >= 500 ? 'no-response' : 'account-authentication',
      `discovery answered HTTP ${disc.status}`,
      'discover',
    );
  }
  steps.push({ k: 'discovery-ok', url: contractUrl, federated: contract.federated });

  // Silent sign-in for the DRS resource. [DL] [TSL]
  const clientRequestId = m.ids.uuid();
  const authorize = buildAuthorizeUrl({
    loginHost: LOGIN_HOST,
    tenant: tenantName,
    loginHint: user.loginHint,
    domainHint: tenantName,
    clientRequestId,
    acr: ACR_WIAORMULTIAUTHN,
  });
  const signIn = await browse(m, user, authorize, WORKPLACE_JOIN_REDIRECT_URI, hops);
  for (const h of hops) {
    const url = new URL(h.url);
    const zone = zoneOf(m, url);
    if (h.status === 401 && zone === 'Trusted sites' && !steps.some((s) => s.k === 'zone-conflict'))
      steps.push({
        k: 'zone-conflict',
        uri: url.origin,
        existsIn: zone,
        hresult: HR.ERROR_FILE_EXISTS,
      });
  }
  if (signIn.kind !== 'arrived') {
    const why =
      signIn.kind === 'network'
        ? `${signIn.url}: ${signIn.error}`
        : `${new URL(signIn.url).origin}: ${signIn.why}`;
    return end('account-authentication', `sign-in: ${why}`, 'auth');
  }
  const answer = readAuthorizeRedirect(signIn.location);
  if (!answer)
    return end(
      'account-authentication',
      'sign-in: the redirect carried neither a token nor an error',
      'auth',
    );
  if (!answer.ok) {
    aadsts.push(...aadstsCodesIn(answer.description));
    return end(
      'account-authentication',
      `sign-in: ${answer.error}: ${answer.description.split(/\r\n/)[0]}`,
      'auth',
    );
  }

  // Device registration for this user. [DL] [TSL]; enrollment-message.ts
  const key = m.registrationKey(index);
  const request = buildEnrollmentRequest({
    to: contract.registrationEndpoint,
    messageId: `urn:uuid:${m.ids.uuid()}`,
    accessToken: answer.accessToken,
    // The fixed CSR subject Windows' join requests use ([HBS] [ROAD] [AADI] [DVRJ] [TSC] [HBS]); DRS names the device.
    csrDer: buildCsr({
      subject: [{ name: 'commonName', value: '7E980AD9-B86D-4306-9425-9AC066FB014A' }],
      publicKey: key,
      privateKey: key,
    }),
    context: {
      DeviceType: 'Windows',
      ApplicationVersion: m.osVersion,
      OSVersion: m.osVersion,
      DeviceDisplayName: m.computerName,
    },
  });
  const reg = await send(contract.registrationEndpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/soap+xml; charset=utf-8',
      'client-request-id': clientRequestId,
    },
    body: request,
  });
  hops.push({
    method: 'POST',
    url: contract.registrationEndpoint,
    status: reg.ok ? reg.status : 'no answer',
    negotiate: false,
  });
  if (!reg.ok) return end('no-response', `registration: ${reg.error}`, 'join');
  if (reg.status === 503 || reg.status === 504)
    return end('no-response', `registration: DRS answered HTTP ${reg.status}`, 'join');
  const certificate = reg.status === 200 ? readEnrollmentCertificate(reg.body) : undefined;
  if (!certificate) {
    const fault = parseSoapFault(reg.body);
    const quota = /DeviceCapReached/.test(fault?.subcode ?? '');
    return end(
      quota ? 'device-quota' : 'account-authentication',
      `registration: ${fault?.subcode ?? `HTTP ${reg.status}`}: ${fault?.reason ?? ''}`.trim(),
      'join',
    );
  }
  const cert = new X509Certificate(certificate);
  steps.push({ k: 'registered', registrationServiceUri: contract.registrationEndpoint });
  return {
    ...base,
    result: 'joined',
    why: `registered for ${user.loginHint}`,
    device: {
      deviceId: cert.subject.replace(/^CN=/, ''),
      thumbprint: cert.fingerprint.replace(/:/g, ''),
    },
  };
}

export async function runAutoworkplace(m: DownlevelMachine): Promise<DownlevelTrace> {
  const attempts: UserAttempt[] = [];
  for (const [i, user] of m.users.entries()) attempts.push(await attempt(m, user, i));
  const joined = attempts.filter((a) => a.result === 'joined');
  const failed = attempts.find((a) => a.result !== 'joined');
  const federated = attempts.some((a) =>
    a.steps.some((s) => s.k === 'discovery-ok' && s.federated),
  );
  const aadsts = [...new Set(attempts.flatMap((a) => a.aadsts))];
  const hresults = [
    ...new Set(
      attempts.flatMap((a) =>
        a.steps.flatMap((s) =>
          s.k === 'discovery-failed' || s.k === 'zone-conflict' ? [s.hresult] : [],
        ),
      ),
    ),
  ];
  const allJoined = attempts.length > 0 && joined.length === attempts.length;
  return {
    computer: `${m.computerName}.${m.domain.name}`,
    os: m.os,
    attempts,
    time: m.clock.now(),
    outcome: {
      joined: allJoined,
      joinType: allJoined ? (federated ? 'federated' : 'managed') : 'none',
      aadsts,
      hresults,
      fallbackAttempted: false,
      ...(failed?.errorPhase ? { errorPhase: failed.errorPhase } : {}),
      registrations: joined.length,
    },
  };
}
