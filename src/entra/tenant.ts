/**
 * The mock tenant's state: verified domains (managed or federated, with the Graph
 * `internalDomainFederation` fields), users, devices synced by Entra Connect, and the devices
 * DRS has registered during the run. One Tenant per run; handlers mutate `registeredDevices`.
 * @see ../shared/research/protocol.md §5 (domain federation settings), §1.9 (sync)
 */
import type { KeyObject } from 'node:crypto';
import type { Clock } from '../core/clock.ts';
import type { IdSource } from '../core/ids.ts';
import type { DownlevelSettings } from './downlevel/downlevel-settings.ts';

export interface FederationSettings {
  readonly issuerUri: string;
  readonly metadataExchangeUri: string;
  readonly activeSignInUri: string;
  readonly passiveSignInUri?: string;
  /** PEM certificate (Graph holds bare base64; both are accepted where read). */
  readonly signingCertificate: string;
  readonly nextSigningCertificate?: string;
  readonly preferredAuthenticationProtocol: 'wsFed' | 'saml';
  readonly federatedIdpMfaBehavior?: string;
  readonly displayName?: string;
}

export interface TenantDomain {
  readonly name: string;
  readonly authentication: 'managed' | 'federated';
  readonly federation?: FederationSettings;
}

export interface TenantUser {
  readonly upn: string;
  readonly immutableId?: string;
  readonly mfaRequired?: boolean;
}

/** A computer object Entra Connect has synced (objectGUID, SID and its `userCertificate`s). */
export interface SyncedDevice {
  readonly objectGuid: string;
  readonly objectSid: string;
  readonly displayName?: string;
  /** PEM certificates from the AD computer's `userCertificate`; empty: synced without one. */
  readonly userCertificates: readonly string[];
}

export interface RegisteredDevice {
  readonly deviceId: string;
  readonly displayName: string;
  readonly joinType: 'federated' | 'sync';
  readonly thumbprint: string;
  readonly certificateDer: Buffer;
  readonly registeredAt: Date;
  readonly osVersion?: string;
}

export interface Tenant {
  readonly id: string;
  readonly displayName: string;
  readonly domains: TenantDomain[];
  readonly users: TenantUser[];
  readonly syncedDevices: SyncedDevice[];
  readonly registeredDevices: RegisteredDevice[];
}

/** Everything a mock Entra handler needs besides the request. */
export interface EntraContext {
  readonly tenant: Tenant;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** Signs access tokens (JWT RS256). */
  readonly tokenSigningKey: KeyObject;
  /** The test MS-Organization-Access CA that issues device certificates. */
  readonly deviceCa: { readonly key: KeyObject; readonly certificatePem: string };
  /** Internal detail that must not go on the wire (which check failed and why) goes here. */
  readonly log?: (message: string) => void;
  /** Down-level (Windows 7 / 8.1) registration settings; absent: Seamless SSO off, default quota. */
  readonly downlevel?: DownlevelSettings;
}

export function federatedDomains(tenant: Tenant): TenantDomain[] {
  return tenant.domains.filter((d) => d.authentication === 'federated' && d.federation);
}

export function findDomain(tenant: Tenant, name: string): TenantDomain | undefined {
  const n = name.toLowerCase();
  return tenant.domains.find((d) => d.name.toLowerCase() === n);
}

/** A tenant is addressed by its id or any of its verified domain names. */
export function tenantMatches(tenant: Tenant, idOrDomain: string): boolean {
  const v = idOrDomain.toLowerCase();
  return tenant.id.toLowerCase() === v || tenant.domains.some((d) => d.name.toLowerCase() === v);
}
