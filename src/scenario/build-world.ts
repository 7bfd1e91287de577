/**
 * Turns a validated scenario into a simulated world: the on-prem directory, the tenant, the IdP's
 * configuration, the Windows machine's environment, and the parties that answer HTTP. Key
 * material comes from the TEST ONLY key store (read once per process, never generated here).
 */
import type { KeyObject } from 'node:crypto';
import { manualClock, systemClock, type Clock } from '../core/clock.ts';
import { ENTRA_AUDIENCE } from '../core/defaults.ts';
import { SimError } from '../core/errors.ts';
import type { Party } from '../core/http.ts';
import { randomIds, seededIds, type IdSource } from '../core/ids.ts';
import { CERTS_DIR, certificatePem, deviceKey, privateKey, publicKeyOf } from '../core/keys.ts';
import type { MachineEnvironment } from '../client/machine.ts';
import { createEntraParties } from '../entra/create-entra.ts';
import type { FederationSettings, Tenant } from '../entra/tenant.ts';
import type { ClaimRule, IdpConfig } from '../idp/idp-config.ts';
import { createIdpParty } from '../idp/create-idp.ts';
import {
  pingoneDeviceClaims,
  pingoneIssuer,
  pingoneNameIdentifier,
} from '../idp/profiles/pingone.ts';
import { issueServiceTicket, scpKeywords, type OnPremDirectory } from '../onprem/directory.ts';
import { encodeNegotiateToken } from '../protocol/kerberos/negotiate-token.ts';
import { buildCertificate, derToPem } from '../protocol/x509/build-certificate.ts';
import { assertionAttack } from './assertion-attack.ts';
import type { Scenario } from './schema.ts';

/** The seeds' own moment, used as the start of every seeded run without `clock:`. */
export const SEEDED_EPOCH = '2025-07-10T17:22:13.000Z';

export interface World {
  readonly parties: readonly Party[];
  readonly machine: MachineEnvironment;
  readonly tenant: Tenant;
  readonly entraLog: string[];
  readonly clock: Clock;
}

function certificateText(value: string, baseDir: string): string {
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

function appIdOf(s: Scenario): string {
  if (s.idp.appId) return s.idp.appId;
  for (const d of s.tenant.domains) {
    const m = /\/wsf\/sts\/([^/?#]+)/.exec(d.federation?.activeSignInUri ?? '');
    if (m) return m[1]!;
  }
  throw new SimError(
    'ERR_SCENARIO_INVALID',
    'idp.appId is not set and no federated domain has a PingOne activeSignInUri (…/wsf/sts/<appId>)',
    {
      hint: 'add idp.appId',
    },
  );
}

function claimRules(s: Scenario): ClaimRule[] {
  const rules = pingoneDeviceClaims();
  const out: ClaimRule[] = [];
  const overrides = s.idp.claims;
  for (const rule of rules) {
    const o = overrides[rule.key];
    if (o === undefined) out.push(rule);
    else if (o === 'omit' || o.omit) continue;
    else {
      const value =
        o.value !== undefined
          ? ({ kind: 'literal', value: o.value } as const)
          : o.encoding && rule.value.kind === 'objectGuid'
            ? ({ kind: 'objectGuid', encoding: o.encoding } as const)
            : rule.value;
      out.push({
        ...rule,
        namespace: o.namespace ?? rule.namespace,
        name: o.name ?? rule.name,
        value,
        ...(o.duplicate ? { duplicate: true } : {}),
      });
    }
  }
  for (const [key, o] of Object.entries(overrides)) {
    if (rules.some((r) => r.key === key) || o === 'omit' || o.omit) continue;
    if (o.namespace === undefined || o.value === undefined) {
      throw new SimError(
        'ERR_SCENARIO_INVALID',
        `idp.claims.${key}: an extra claim needs namespace and value`,
        {
          hint: `the profile issues ${rules.map((r) => r.key).join(', ')}; other claims must say what they are`,
        },
      );
    }
    out.push({
      key,
      namespace: o.namespace,
      name: o.name ?? key,
      value: { kind: 'literal', value: o.value },
      ...(o.duplicate ? { duplicate: true } : {}),
    });
  }
  return out;
}

export function buildWorld(s: Scenario, baseDir: string): World {
  const ids: IdSource = s.seed !== undefined ? seededIds(s.seed) : randomIds();
  const clock: Clock =
    s.clock !== undefined
      ? manualClock(new Date(s.clock))
      : s.seed !== undefined
        ? manualClock(new Date(SEEDED_EPOCH))
        : systemClock();
  const entraLog: string[] = [];

  // Device keys from the pool: device key, transport key, userCertificate key.
  const pick = () => deviceKey(ids.int(1 << 16));
  const devKey = pick();
  const transportKey = pick();
  const userCertKey = pick();
  let userCertificate: { pem: string; key: KeyObject } | undefined;
  if (s.device.userCertificate) {
    const now = clock.now();
    const der = buildCertificate({
      subject: [{ name: 'commonName', value: s.device.objectGuid }],
      publicKey: publicKeyOf(userCertKey),
      signingKey: userCertKey,
      serialHex: ids.bytes(8).toString('hex'),
      notBefore: new Date(now.getTime() - 24 * 3600 * 1000),
      notAfter: new Date(now.getTime() + 365 * 24 * 3600 * 1000),
    });
    userCertificate = { pem: derToPem(der), key: userCertKey };
  }

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
          : { keywords: scpKeywords(s.onprem.scp.azureADName, s.onprem.scp.azureADId) },
    computer: {
      name: s.device.name,
      objectGuid: s.device.objectGuid,
      objectSid: s.device.objectSid,
      ...(userCertificate ? { userCertificate } : {}),
    },
    serviceAccountSupportsAes: s.idp.kerberos.aes,
  };

  const tenant: Tenant = {
    id: s.tenant.id,
    displayName: s.tenant.displayName ?? s.tenant.domains[0]!.name,
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
              ...(d.federation.federatedIdpMfaBehavior
                ? { federatedIdpMfaBehavior: d.federation.federatedIdpMfaBehavior }
                : {}),
            } satisfies FederationSettings,
          }
        : {}),
    })),
    users: s.tenant.users.map((u) => ({
      upn: u.upn,
      ...(u.immutableId ? { immutableId: u.immutableId } : {}),
    })),
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
  };
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

  const appId = appIdOf(s);
  const signingCertPath = s.idp.signingCertificate ?? s.idp.signingKey.replace(/\.key$/, '.crt');
  const idp: IdpConfig = {
    profile: s.idp.profile,
    host: s.idp.host,
    appId,
    issuer: s.idp.issuer ?? pingoneIssuer(s.idp.host, appId),
    audience: s.idp.audience ?? ENTRA_AUDIENCE,
    signingKey: privateKey(s.idp.signingKey, baseDir),
    signingCertificatePem: certificatePem(signingCertPath, baseDir),
    claims: claimRules(s),
    nameIdentifier: pingoneNameIdentifier(),
    tokenType: s.idp.tokenType ?? 'urn:oasis:names:tc:SAML:1.0:assertion',
    validity: {
      notBeforeOffsetSeconds: s.idp.validity?.notBeforeOffsetSeconds ?? 0,
      lifetimeSeconds: s.idp.validity?.lifetimeSeconds ?? 3600,
    },
    relyingParties: [ENTRA_AUDIENCE],
    ...(s.idp.attack
      ? {
          mutateAssertion: assertionAttack(s.idp.attack, {
            key: privateKey(s.idp.signingKey, baseDir),
            certificatePem: certificatePem(signingCertPath, baseDir),
          }),
        }
      : {}),
    kerberos: { acceptRc4: false },
    directory: [
      { name: s.device.name, objectGuid: s.device.objectGuid, objectSid: s.device.objectSid },
    ],
    clock,
    ids,
  };

  const parties = [
    createIdpParty(idp),
    ...createEntraParties({
      tenant,
      clock,
      ids,
      tokenSigningKey: privateKey(`${CERTS_DIR}/entra-token-signing.key`),
      deviceCa: {
        key: privateKey(`${CERTS_DIR}/ms-organization-access.key`),
        certificatePem: certificatePem(`${CERTS_DIR}/ms-organization-access.crt`),
      },
      log: (m) => entraLog.push(m),
    }),
  ];

  const machine: MachineEnvironment = {
    os: s.device.os,
    osVersion: s.device.osVersion,
    computerName: s.device.name,
    domain: { name: onprem.domain, forest: onprem.forest, netbiosName: onprem.netbiosName },
    domainController: onprem.domainController.reachable
      ? { name: onprem.domainController.name }
      : undefined,
    runningAsSystem: s.device.runAsSystem,
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
    clock,
    ids,
  };
  return { parties, machine, tenant, entraLog, clock };
}
