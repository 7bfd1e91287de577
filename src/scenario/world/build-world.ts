/**
 * Turns a validated scenario into a simulated world: the on-prem directory, the tenant, the IdP's
 * configuration, the Windows machine's environment, and the parties that answer HTTP. Key
 * material comes from the TEST ONLY key store (read once per process, never generated here).
 */
import { createHash, type KeyObject } from 'node:crypto';
import { manualClock, systemClock, type Clock } from '../../core/clock.ts';
import { SimError } from '../../core/errors.ts';
import type { Party } from '../../core/http.ts';
import { randomIds, seededIds, type IdSource } from '../../core/ids.ts';
import {
  CERTS_DIR,
  certificatePem,
  DEVICE_KEY_POOL_SIZE,
  deviceKey,
  privateKey,
  publicKeyOf,
} from '../../core/keys.ts';
import type { MachineEnvironment } from '../../onprem/machine.ts';
import type { DownlevelMachine } from '../../onprem/downlevel-machine.ts';
import { createEntraParties } from '../../entra/create-entra.ts';
import type { FederationSettings, Tenant } from '../../entra/tenant.ts';
import { createIdpParty } from '../../idp/create-idp.ts';
import type { IdpConfig } from '../../idp/idp-config.ts';
import {
  issueServiceTicket,
  scpKeywords,
  SEAMLESS_SSO_SPN,
  serviceTicketRefusal,
  type OnPremDirectory,
} from '../../onprem/directory.ts';
import type { EntraContext } from '../../entra/tenant.ts';
import {
  buildDownlevelMachine,
  downlevelSettings,
  onpremUsers,
  withDirectoryUsers,
} from './build-downlevel.ts';
import { existingRegistration } from './build-registration.ts';
import { encodeNegotiateToken } from '../../protocol/kerberos/negotiate-token.ts';
import { uuidAsBase64Guid } from '../../protocol/encoding/guid.ts';
import { buildCertificate, derToPem } from '../../protocol/x509/build-certificate.ts';
import { buildIdpConfig } from './build-idp.ts';
import { externalOrigins, externalSignIn, withExternalFederation } from './build-external-idp.ts';
import type { ExternalOrigins } from '../../transport/route-fetch.ts';
import { DOWNLEVEL_OS, type Scenario } from '../language/schema.ts';

/** The seeds' own moment, used as the start of every seeded run without `clock:`. */
export const SEEDED_EPOCH = '2025-07-10T17:22:13.000Z';

/**
 * Windows 10+: the AD users Entra Connect syncs, for the sign-in after the join — every AD user
 * whose UPN suffix is a verified domain, unless tenant.users lists it. A UPN on a non-routable
 * suffix (contoso.local) is not a verified domain and stays unsynced. [TSC; HJP]
 * modeled: all such users are in the sync scope; the ImmutableID is the objectGUID's base64.
 */
function syncedUsers(s: Scenario, onprem: OnPremDirectory, tenant: Tenant): Tenant['users'] {
  const verified = new Set(tenant.domains.map((d) => d.name.toLowerCase()));
  return (onprem.users ?? [])
    .filter((u) => verified.has(u.upn.slice(u.upn.indexOf('@') + 1).toLowerCase()))
    .filter((u) => !tenant.users.some((t) => t.upn.toLowerCase() === u.upn.toLowerCase()))
    .map((u) => ({ upn: u.upn, immutableId: uuidAsBase64Guid(u.objectGuid) }));
}

/**
 * `tenant.afterJoin`: what happens to the device object between the join and the sign-in —
 * deleted (it left the Entra Connect sync scope, or a stale-device clean-up removed it) or
 * disabled. [DSR; TSC; HJP]
 */
function afterJoinOf(s: Scenario, tenant: Tenant, log: (m: string) => void): () => void {
  const change = s.tenant.afterJoin?.device ?? 'kept';
  return () => {
    if (change === 'kept') return;
    const id = s.device.objectGuid.toLowerCase();
    const i = tenant.registeredDevices.findIndex((d) => d.deviceId.toLowerCase() === id);
    if (i < 0) return;
    const device = tenant.registeredDevices[i]!;
    if (change === 'deleted') tenant.registeredDevices.splice(i, 1);
    else tenant.registeredDevices[i] = { ...device, accountEnabled: false };
    log(`tenant.afterJoin: device ${device.deviceId} ${change} in Entra`);
  };
}

export interface World {
  readonly parties: readonly Party[];
  /** The mock IdP's configuration (its profile, endpoints and token options); none with idp.external. */
  readonly idp: IdpConfig | undefined;
  /** idp.external: the IdP origins the client reaches over the network, and the CA it trusts. */
  readonly external?: ExternalOrigins;
  /** The machine as dsreg sees it (Windows 10+). */
  readonly machine: MachineEnvironment;
  /** Set for a down-level OS: the machine autoworkplace runs on, with its users. */
  readonly downlevel?: DownlevelMachine;
  readonly tenant: Tenant;
  readonly entraLog: string[];
  readonly clock: Clock;
  /** Applies `tenant.afterJoin` to the tenant: call after the join, before the post-join checks. */
  readonly afterJoin: () => void;
  /** An Entra Connect sync cycle (`timeline` event `sync`): the computer is exported to Entra. */
  readonly syncComputer: () => void;
}

/** A federation certificate as a scenario gives it: a PEM file, PEM text, or Graph's bare base64. */
/** `imokatdi.ping-eng.com` → `Imokatdi`: a stand-in organisation name. */
function brandOf(domain: string): string {
  const label = domain.split('.')[0] ?? domain;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export function certificateText(value: string, baseDir: string): string {
  if (/BEGIN CERTIFICATE/.test(value)) return value;
  if (/\.(crt|pem|cer)$/i.test(value.trim())) return certificatePem(value.trim(), baseDir);
  const b64 = value.replace(/\s+/g, '');
  if (/^[A-Za-z0-9+/]+=*$/.test(b64) && b64.length > 200) {
    return `-----BEGIN CERTIFICATE-----\n${b64.replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
  }
  throw new SimError(
    'ERR_SCENARIO_INVALID',
    `signingCertificate '${value.slice(0, 40)}' is neither a certificate file nor base64`,
    {
      hint: 'name a PEM file (certs/idp-signing.crt) or paste the base64 Get-MgDomainFederationConfiguration prints',
    },
  );
}

const userCertificates = new Map<string, { pem: string; key: KeyObject }>();

/**
 * The computer object's `userCertificate`: self-signed, CN = the computer's objectGuid, with a
 * key of the device pool. Windows provisions it long before a join, so it is made once per
 * computer, pool key and day of the run's clock (valid from the day before to a year on), not
 * once per run; its serial comes from the same three.
 * modeled: Windows' own serial and validity are not observable in a join; only the key and the
 * certificate's equality with the synced copy matter to DRS.
 */
function computerUserCertificate(
  objectGuid: string,
  keyIndex: number,
  now: Date,
): { pem: string; key: KeyObject } {
  const day = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const key = deviceKey(keyIndex);
  const cacheKey = `${objectGuid}|${keyIndex % DEVICE_KEY_POOL_SIZE}|${day}`;
  let cert = userCertificates.get(cacheKey);
  if (!cert) {
    const der = buildCertificate({
      subject: [{ name: 'commonName', value: objectGuid }],
      publicKey: publicKeyOf(key),
      signingKey: key,
      serialHex: createHash('sha256').update(cacheKey).digest('hex').slice(0, 16),
      notBefore: new Date(day - DAY_MS),
      notAfter: new Date(day + 365 * DAY_MS),
    });
    cert = { pem: derToPem(der), key };
    if (userCertificates.size >= 1024) userCertificates.clear();
    userCertificates.set(cacheKey, cert);
  }
  return cert;
}

const DAY_MS = 24 * 3600 * 1000;

export interface BuildOptions {
  /** The parties' and the machine's clock instead of the scenario's (`hjsim serve --clock`). */
  readonly clock?: Clock;
  /** The key the Graph-like admin API accepts besides a Graph token (`hjsim serve` prints it). */
  readonly graphAdminKey?: string;
}

export function buildWorld(scenario: Scenario, baseDir: string, opts: BuildOptions = {}): World {
  const external = scenario.idp.external;
  if (external && (DOWNLEVEL_OS as readonly string[]).includes(scenario.device.os)) {
    throw new SimError(
      'ERR_SCENARIO_INVALID',
      `idp.external runs the Windows 10+ join client (dsregcmd); ${scenario.device.os} joins through the IdP's passive sign-in, which external mode does not drive`,
      { where: 'device.os', hint: 'use windows10 or later with idp.external' },
    );
  }
  const s = external ? withExternalFederation(scenario, external) : scenario;
  const ids: IdSource = s.seed !== undefined ? seededIds(s.seed) : randomIds();
  // An external IdP stamps its tokens with the real time: a seed fixes the ids, not the clock.
  const clock: Clock =
    opts.clock ??
    (s.clock !== undefined
      ? manualClock(new Date(s.clock))
      : s.seed !== undefined && !external
        ? manualClock(new Date(SEEDED_EPOCH))
        : systemClock());
  const entraLog: string[] = [];

  // Device keys from the pool: device key, transport key, userCertificate key.
  const pick = () => deviceKey(ids.int(1 << 16));
  const devKey = pick();
  const transportKey = pick();
  const userCertIndex = ids.int(1 << 16);
  const userCertificate = s.device.userCertificate
    ? computerUserCertificate(s.device.objectGuid, userCertIndex, clock.now())
    : undefined;

  const onprem: OnPremDirectory = {
    domain: s.onprem.domain,
    forest: s.onprem.forest ?? s.onprem.domain,
    netbiosName: s.onprem.netbiosName ?? s.onprem.domain.split('.')[0]!.toUpperCase(),
    domainController: { name: s.onprem.domainController, reachable: s.onprem.dcReachable },
    scp:
      s.onprem.scp === 'missing'
        ? undefined
        : s.onprem.scp === 'unreadable'
          ? 'unreadable'
          : s.onprem.scp.keywords
            ? { keywords: s.onprem.scp.keywords }
            : { keywords: scpKeywords(s.onprem.scp.azureADName, s.onprem.scp.azureADId) },
    computer: {
      name: s.device.name,
      objectGuid: s.device.objectGuid,
      objectSid: s.device.objectSid,
      ...(userCertificate ? { userCertificate } : {}),
    },
    users: onpremUsers(s),
    serviceAccountSupportsAes: s.idp.kerberos.aes,
    ...(s.onprem.rc4Disabled ? { rc4Disabled: true } : {}),
    ...(s.tenant.downlevel?.seamlessSso ? { extraSpns: [SEAMLESS_SSO_SPN] } : {}),
  };

  const tenant: Tenant = {
    id: s.tenant.id,
    // The organisation's name (what FederationBrandName and TenantInfo.DisplayName show).
    // modeled: without tenant.displayName, the first domain's first label, capitalised.
    displayName: s.tenant.displayName ?? brandOf(s.tenant.domains[0]!.name),
    domains: s.tenant.domains.map((d) => ({
      name: d.name,
      authentication: d.authentication,
      ...(d.federation
        ? {
            federation: {
              issuerUri: d.federation.issuerUri,
              metadataExchangeUri: d.federation.metadataExchangeUri,
              activeSignInUri: d.federation.activeSignInUri,
              ...(d.federation.passiveSignInUri
                ? { passiveSignInUri: d.federation.passiveSignInUri }
                : {}),
              signingCertificate: certificateText(d.federation.signingCertificate, baseDir),
              ...(d.federation.nextSigningCertificate
                ? {
                    nextSigningCertificate: certificateText(
                      d.federation.nextSigningCertificate,
                      baseDir,
                    ),
                  }
                : {}),
              preferredAuthenticationProtocol: d.federation.preferredAuthenticationProtocol,
              ...(d.federation.signOutUri ? { signOutUri: d.federation.signOutUri } : {}),
              ...(d.federation.displayName ? { displayName: d.federation.displayName } : {}),
              ...(d.federation.federatedIdpMfaBehavior
                ? { federatedIdpMfaBehavior: d.federation.federatedIdpMfaBehavior }
                : {}),
            } satisfies FederationSettings,
          }
        : {}),
    })),
    users: s.tenant.users.map((u) => {
      // Entra Connect's sourceAnchor: base64 of the AD user's objectGUID, unless the file says.
      const ad = onprem.users?.find((o) => o.upn.toLowerCase() === u.upn.toLowerCase());
      const immutableId = u.immutableId ?? (ad ? uuidAsBase64Guid(ad.objectGuid) : undefined);
      return {
        upn: u.upn,
        ...(immutableId ? { immutableId } : {}),
        ...(u.mfaRequired === undefined ? {} : { mfaRequired: u.mfaRequired }),
        ...(u.registeredDevices === undefined ? {} : { registeredDevices: u.registeredDevices }),
        ...(u.passwordSynced === undefined ? {} : { passwordSynced: u.passwordSynced }),
      };
    }),
    syncedDevices: s.tenant.devices.map((d) => ({
      objectGuid: d.objectGuid,
      objectSid: d.objectSid,
      userCertificates:
        d.userCertificate &&
        d.objectGuid.toLowerCase() === s.device.objectGuid.toLowerCase() &&
        userCertificate
          ? [userCertificate.pem]
          : [],
    })),
    registeredDevices: [],
    ...(s.tenant.userDeviceQuota === undefined
      ? {}
      : { userDeviceQuota: s.tenant.userDeviceQuota }),
    ...drsPolicyOf(s),
  };
  if (!(DOWNLEVEL_OS as readonly string[]).includes(s.device.os))
    tenant.users.push(...syncedUsers(s, onprem, tenant));
  if (
    s.device.syncedToEntra &&
    !tenant.syncedDevices.some(
      (d) => d.objectGuid.toLowerCase() === s.device.objectGuid.toLowerCase(),
    )
  ) {
    tenant.syncedDevices.push({
      objectGuid: s.device.objectGuid,
      objectSid: s.device.objectSid,
      displayName: s.device.name,
      userCertificates: userCertificate ? [userCertificate.pem] : [],
    });
  }

  const idp = external
    ? undefined
    : withDirectoryUsers(
        buildIdpConfig(s, baseDir, { clock, ids }),
        onprem.users ?? [],
        s.idp.wiaormultiauthn,
      );
  const signIn = external ? externalSignIn(external) : undefined;

  const entra: EntraContext = {
    tenant,
    clock,
    ids,
    tokenSigningKey: privateKey(`${CERTS_DIR}/entra-token-signing.key`),
    deviceCa: {
      key: privateKey(`${CERTS_DIR}/ms-organization-access.key`),
      certificatePem: certificatePem(`${CERTS_DIR}/ms-organization-access.crt`),
    },
    log: (m) => entraLog.push(m),
    downlevel: downlevelSettings(s, onprem),
    ...(opts.graphAdminKey === undefined ? {} : { graphAdminKey: opts.graphAdminKey }),
  };
  const registration = s.device.alreadyJoined ? existingRegistration(s, entra, devKey) : undefined;
  const parties = [...(idp ? [createIdpParty(idp)] : []), ...createEntraParties(entra)];

  const machine: MachineEnvironment = {
    os: s.device.os,
    osVersion: s.device.osVersion ?? DEFAULT_OS_VERSION[s.device.os],
    computerName: s.device.name,
    domain: { name: onprem.domain, forest: onprem.forest, netbiosName: onprem.netbiosName },
    domainController: onprem.domainController.reachable
      ? { name: onprem.domainController.name }
      : undefined,
    runningAsSystem: s.device.runAsSystem,
    ...consoleUserOf(s, onprem),
    unreachableHosts: s.device.unreachableHosts,
    ...(s.device.tpm ? { tpm: s.device.tpm.failure ? { failure: s.device.tpm.failure } : {} } : {}),
    ...(Object.keys(s.device.networkFaults).length
      ? {
          networkFaults: Object.fromEntries(
            Object.entries(s.device.networkFaults).map(([h, f]) => [h.toLowerCase(), f]),
          ),
        }
      : {}),
    ...(registration ? { registration } : {}),
    scp:
      onprem.scp === undefined || onprem.scp === 'unreadable'
        ? onprem.scp
        : { keywords: onprem.scp.keywords },
    registry: {
      ...(s.device.fallbackToSyncJoin ? {} : { fallbackToSyncJoin: 0 as const }),
      ...(s.onprem.registry?.tenantId ? { cdjAadTenantId: s.onprem.registry.tenantId } : {}),
      ...(s.onprem.registry?.tenantName ? { cdjAadTenantName: s.onprem.registry.tenantName } : {}),
    },
    computer: { objectGuid: s.device.objectGuid, objectSid: s.device.objectSid, userCertificate },
    keys: { deviceKey: devKey, transportKey },
    negotiate: (spn) => encodeNegotiateToken(issueServiceTicket(onprem, spn)),
    kerberosRefusal: (spn) => serviceTicketRefusal(onprem, spn),
    ...(signIn ? { federatedSignIn: signIn } : {}),
    clock,
    ids,
  };
  const downlevel =
    idp && (DOWNLEVEL_OS as readonly string[]).includes(s.device.os)
      ? buildDownlevelMachine(s, onprem, idp.host, machine, ids)
      : undefined;
  return {
    parties,
    idp,
    ...(external ? { external: externalOrigins(external, baseDir) } : {}),
    machine,
    ...(downlevel ? { downlevel } : {}),
    tenant,
    entraLog,
    clock,
    afterJoin: afterJoinOf(s, tenant, (m) => entraLog.push(m)),
    syncComputer: () => {
      const id = s.device.objectGuid.toLowerCase();
      if (tenant.syncedDevices.some((d) => d.objectGuid.toLowerCase() === id)) return;
      tenant.syncedDevices.push({
        objectGuid: s.device.objectGuid,
        objectSid: s.device.objectSid,
        displayName: s.device.name,
        userCertificates: userCertificate ? [userCertificate.pem] : [],
      });
      entraLog.push(`timeline: Entra Connect synced ${s.device.name} (${s.device.objectGuid})`);
    },
  };
}

/**
 * Mock DRS's policy: throttling, and whether it answers at all (`tenant.drs.registrationService`,
 * or the down-level `tenant.downlevel.registrationService`, name the same service).
 */
function drsPolicyOf(s: Scenario): { drs?: NonNullable<Tenant['drs']> } {
  const unavailable =
    s.tenant.drs?.registrationService === 'unavailable' ||
    s.tenant.downlevel?.registrationService === 'unavailable';
  const throttle = s.tenant.drs?.throttle;
  if (!unavailable && !throttle) return {};
  return { drs: { ...(throttle ? { throttle } : {}), ...(unavailable ? { unavailable } : {}) } };
}

/** The first domain user who signs in: whose console `dsregcmd /status` runs in. */
function consoleUserOf(
  s: Scenario,
  onprem: OnPremDirectory,
): { consoleUser?: NonNullable<MachineEnvironment['consoleUser']> } {
  const first = s.device.signedInUsers.find((u) => !u.local);
  const ad = first && onprem.users?.find((o) => o.upn.toLowerCase() === first.upn.toLowerCase());
  return ad
    ? {
        consoleUser: {
          account: `${onprem.netbiosName}\\${ad.samAccountName}`,
          upn: ad.upn,
          // modeled: the user's password; mock Entra decides by tenant.users[].passwordSynced.
          password: `${ad.samAccountName}-password`,
          ...(first.workplaceJoined ? { workplaceJoined: true } : {}),
        },
      }
    : {};
}

/** OSVersion each Windows reports when the scenario does not say. */
const DEFAULT_OS_VERSION: Readonly<Record<Scenario['device']['os'], string>> = {
  windows10: '10.0.19045.5965',
  windows11: '10.0.26100.4652',
  server2016: '10.0.14393.8148',
  server2019: '10.0.17763.7558',
  server2022: '10.0.20348.3932',
  windows7: '6.1.7601',
  'windows8.1': '6.3.9600',
  server2008r2: '6.1.7601',
  server2012: '6.2.9200',
  server2012r2: '6.3.9600',
};
