/**
 * What mock Entra knows for the down-level (Windows 7 / 8.1) registration besides the tenant
 * (whose `userDeviceQuota` and users' `registeredDevices` make the device quota): Seamless SSO, the
 * users' on-premises SIDs (synced by Entra Connect), whether DRS answers, and the run's pending
 * sign-ins.
 * @see [DL] [TSL]; [TSL] ("the server
 *   didn't respond", Seamless SSO for managed domains)
 */
export interface DownlevelSettings {
  /** Seamless SSO is enabled for the forest (its AZUREADSSOACC account exists). */
  readonly seamlessSso: boolean;
  /** onPremisesSecurityIdentifier → UPN, as Entra Connect synced them. */
  readonly onPremisesSids: Readonly<Record<string, string>>;
  /** false: DRS's enrollment service does not answer (503). */
  readonly registrationServiceUp: boolean;
}

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
}

const states = new WeakMap<object, DownlevelState>();

/** The run's down-level state, kept per tenant object (one tenant per run). */
export function downlevelState(tenant: object): DownlevelState {
  let s = states.get(tenant);
  if (!s) {
    s = { pending: new Map() };
    states.set(tenant, s);
  }
  return s;
}
