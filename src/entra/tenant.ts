/**
 * The mock tenant's state: verified domains (managed or federated, with the Graph
 * `internalDomainFederation` fields), users (UPN, ImmutableID, MFA, devices already registered),
 * devices synced by Entra Connect, the devices DRS registers during the run, the per-user device
 * quota and DRS's throttling policy. One Tenant per run; handlers mutate `registeredDevices` and
 * the Graph admin API replaces a domain's `federation`.
 * @see [FEDSAML] [NWSFED] [AADI] (domain federation settings), [DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC] (sync);
 *   Graph deviceRegistrationPolicy.userDeviceQuota (default 50)
 */
import { createHash } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Clock } from '../core/clock.ts';
import type { IdSource } from '../core/ids.ts';
import type { DownlevelSettings } from './downlevel/downlevel-settings.ts';

export interface FederationSettings {
  /** The internalDomainFederation id Graph shows (default: derived from the domain name). */
  readonly id?: string;
  readonly issuerUri: string;
  readonly metadataExchangeUri: string;
  readonly activeSignInUri: string;
  readonly passiveSignInUri?: string;
  readonly signOutUri?: string;
  /** PEM certificate (Graph holds bare base64; both are accepted where read). */
  readonly signingCertificate: string;
  readonly nextSigningCertificate?: string;
  readonly preferredAuthenticationProtocol: 'wsFed' | 'saml';
  /** `acceptIfMfaDoneByFederatedIdp` (Entra's default when unset), `enforceMfaByFederatedIdp`, `rejectMfaByFederatedIdp`. */
  readonly federatedIdpMfaBehavior?: string;
  readonly promptLoginBehavior?: string;
  readonly isSignedAuthenticationRequestRequired?: boolean;
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
  /** Per-user MFA or a Conditional Access policy requires MFA for this user. */
  readonly mfaRequired?: boolean;
  /** Devices the user registered before the run (count against `userDeviceQuota`). */
  readonly registeredDevices?: number;
  /**
   * false: the user changed the password on-premises and password hash sync has not brought the
   * new one yet, so Entra rejects the password the user signs in with (AADSTS50126). [TSC]
   */
  readonly passwordSynced?: boolean;
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
  /** `downlevel`: a Windows 7 / 8.1 registration for a user (autoworkplace). */
  readonly joinType: 'federated' | 'sync' | 'downlevel';
  readonly thumbprint: string;
  readonly certificateDer: Buffer;
  readonly registeredAt: Date;
  readonly osVersion?: string;
  /** Set for a registration made with a user's token (down-level, user context): the owner. */
  readonly ownerUpn?: string;
  /** false: an admin disabled the device object (sign-in then gets AADSTS135011). */
  readonly accountEnabled?: boolean;
}

export interface DrsPolicy {
  /**
   * Join requests DRS accepts per device (or per user, for user-context registrations) within a
   * window before it answers "Your request is throttled temporarily". Unset: no throttling.
   */
  readonly throttle?: { readonly maxRequests: number; readonly windowSeconds: number };
  /** DRS does not answer: discovery and join get HTTP 503 (DSREG_SERVER_BUSY). [TSC] */
  readonly unavailable?: boolean;
}

export interface Tenant {
  readonly id: string;
  readonly displayName: string;
  readonly domains: TenantDomain[];
  readonly users: TenantUser[];
  readonly syncedDevices: SyncedDevice[];
  readonly registeredDevices: RegisteredDevice[];
  /** Graph deviceRegistrationPolicy.userDeviceQuota (default 50). */
  readonly userDeviceQuota?: number;
  readonly drs?: DrsPolicy;
}

/** Graph's default `userDeviceQuota`. [Graph deviceRegistrationPolicy; Microsoft365DSC docs] */
export const DEFAULT_USER_DEVICE_QUOTA = 50;

/** Everything a mock Entra handler needs besides the request. */
export interface EntraContext {
  readonly tenant: Tenant;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** Signs access tokens (JWT RS256). */
  readonly tokenSigningKey: KeyObject;
  /**
   * A key `hjsim serve` prints at start: `Authorization: Bearer <key>` on the Graph-like admin API,
   * besides a token mock Entra issued for Microsoft Graph (create-graph.ts).
   */
  readonly graphAdminKey?: string;
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

export function findUserByImmutableId(tenant: Tenant, immutableId: string): TenantUser | undefined {
  return tenant.users.find((u) => u.immutableId !== undefined && u.immutableId === immutableId);
}

export function findUserByUpn(tenant: Tenant, upn: string): TenantUser | undefined {
  const n = upn.toLowerCase();
  return tenant.users.find((u) => u.upn.toLowerCase() === n);
}

/**
 * A stable GUID for an object the scenario does not give an id (a user's object id, a domain's
 * federation id). modeled: SHA-256 of a label, formatted as a GUID; real ids are random per tenant.
 */
export function derivedObjectId(label: string): string {
  const h = createHash('sha256').update(label.toLowerCase()).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function federationIdOf(domain: TenantDomain): string {
  return domain.federation?.id ?? derivedObjectId(`internalDomainFederation/${domain.name}`);
}

export function userObjectId(tenant: Tenant, user: TenantUser): string {
  return derivedObjectId(`${tenant.id}/user/${user.upn}`);
}
