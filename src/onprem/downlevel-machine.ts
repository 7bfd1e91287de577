/**
 * What a down-level Windows machine (7, 8.1, Server 2008 R2 / 2012 / 2012 R2) gives
 * autoworkplace.exe: the domain and its DC, the SCP, the users who sign in (the task runs in each
 * user's session), Internet Explorer's zone settings, and SSPI for each user.
 * @see [DL] [TSL]; [TSL]
 */
import type { KeyObject } from 'node:crypto';
import type { Clock } from '../core/clock.ts';
import type { IdSource } from '../core/ids.ts';

export type DownlevelWindowsVersion =
  'windows7' | 'windows8.1' | 'server2008r2' | 'server2012' | 'server2012r2';

export interface SignedInUser {
  /** `CONTOSO\jdoe`, or `WIN7-01\admin` for a local account. */
  readonly account: string;
  readonly domainUser: boolean;
  /**
   * The UPN the browser sends as `login_hint`: after a UPN change, the old one stays in the
   * browser's cookies until they are cleared. [seed 000]
   */
  readonly loginHint: string;
  /** The account's SID (the event log's User). */
  readonly sid: string;
}

/** Internet Explorer's settings that decide a silent sign-in. [TSL] [DL] */
export interface InternetExplorerSettings {
  /** Sites in the Local intranet zone (origins or `*.domain` patterns). */
  readonly intranetZone: readonly string[];
  /** Sites in the Trusted sites zone. */
  readonly trustedSites: readonly string[];
  /** Enhanced Security Configuration / Enhanced Protected Mode: no Seamless SSO. */
  readonly enhancedSecurity: boolean;
  /** "Do not save encrypted pages to disk" is checked. */
  readonly doNotSaveEncryptedPages: boolean;
}

export interface DownlevelMachine {
  readonly os: DownlevelWindowsVersion;
  /** e.g. `6.1.7601` */
  readonly osVersion: string;
  readonly computerName: string;
  readonly domain: { readonly name: string; readonly forest: string; readonly netbiosName: string };
  readonly domainController: { readonly name: string } | undefined;
  readonly scp: { readonly keywords: readonly string[] } | 'unreadable' | undefined;
  /** In sign-in order. */
  readonly users: readonly SignedInUser[];
  readonly ie: InternetExplorerSettings;
  /** Hosts a proxy or firewall keeps the machine from reaching. */
  readonly unreachableHosts: readonly string[];
  /** SSPI in a user's session: a Negotiate token for `HTTP/<host>`, undefined when the KDC has none. */
  readonly negotiate: (user: SignedInUser, spn: string) => string | undefined;
  /** A key pair per registration (from the TEST ONLY pool). */
  readonly registrationKey: (index: number) => KeyObject;
  readonly clock: Clock;
  readonly ids: IdSource;
}
