/**
 * What mock Entra knows for the down-level (Windows 7 / 8.1) registration besides the tenant:
 * Seamless SSO, the per-user device quota, the users' on-premises SIDs (synced by Entra Connect),
 * whether DRS answers, and the run's state (pending sign-ins, registrations made).
 * @see ../shared/research/protocol.md §4; ../shared/seeds/000_91f9f745d1a3ebae.txt ("A user
 *   reached the limit of devices", "the server didn't respond", Seamless SSO for managed domains)
 * modeled: the default quota of 50 is Entra's documented default for "Maximum number of devices
 *   per user" (learn.microsoft.com device settings), not in our research file.
 */
export interface DownlevelSettings {
  /** Seamless SSO is enabled for the forest (its AZUREADSSOACC account exists). */
  readonly seamlessSso: boolean;
  readonly deviceQuota: number;
  /** Registrations each user already has (by UPN, lower case). */
  readonly devicesPerUser: Readonly<Record<string, number>>;
  /** onPremisesSecurityIdentifier → UPN, as Entra Connect synced them. */
  readonly onPremisesSids: Readonly<Record<string, string>>;
  /** false: DRS's enrollment service does not answer (503). */
  readonly registrationServiceUp: boolean;
}

export const DEFAULT_DEVICE_QUOTA = 50;

export interface PendingSignIn {
  readonly upn: string;
  readonly redirectUri: string;
  readonly resource: string;
  readonly clientId: string;
  readonly correlationId: string;
  readonly acr: string | undefined;
}

export interface DownlevelState {
  readonly pending: Map<string, PendingSignIn>;
  /** Registrations made during the run, per UPN (lower case). */
  readonly registered: Map<string, string[]>;
}

const states = new WeakMap<object, DownlevelState>();

/** The run's down-level state, kept per tenant object (one tenant per run). */
export function downlevelState(tenant: object): DownlevelState {
  let s = states.get(tenant);
  if (!s) {
    s = { pending: new Map(), registered: new Map() };
    states.set(tenant, s);
  }
  return s;
}
