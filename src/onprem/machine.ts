/**
 * What the Windows machine sees of its world, handed to the join client as data: OS, domain
 * membership, the DC locator's answer, the SCP read over LDAP, its registry, its keys, and SSPI
 * (a Negotiate token for a service principal). The on-prem model builds it; nothing here talks
 * to a party.
 * @see [WIKI] [MAN] [DSR] [HJM] [TSC] [HIW] [ROAD] [AADI]
 */
import type { KeyObject } from 'node:crypto';
import type { Clock } from '../core/clock.ts';
import type { IdSource } from '../core/ids.ts';
import type { DownlevelWindowsVersion } from './downlevel-machine.ts';

/** A fault on the way from the machine to one host (a proxy, the network, TLS); client/network.ts. */
export type NetworkFault =
  | 'timeout'
  | 'name-not-resolved'
  | 'connection-aborted'
  | 'untrusted-certificate'
  | 'tls-inspection'
  | 'proxy-sign-in-page'
  | 'proxy-auth-required';

export const NETWORK_FAULTS: readonly NetworkFault[] = [
  'timeout',
  'name-not-resolved',
  'connection-aborted',
  'untrusted-certificate',
  'tls-inspection',
  'proxy-sign-in-page',
  'proxy-auth-required',
];

/** How the TPM fails when the join creates the device key in it (client/dsreg/device-key.ts). */
export type TpmFailure = 'keyset-missing' | 'fips-mode' | 'pcp-internal-error' | 'locked-out';

export const TPM_FAILURES: readonly TpmFailure[] = [
  'keyset-missing',
  'fips-mode',
  'pcp-internal-error',
  'locked-out',
];

/** Windows 10+ run dsreg; the down-level versions run autoworkplace (./autoworkplace). */
export type WindowsVersion =
  'windows10' | 'windows11' | 'server2016' | 'server2019' | 'server2022' | DownlevelWindowsVersion;

/**
 * The registration an earlier join left on the machine (certificate in LocalMachine\My, device
 * key in its provider, join info in the registry): what the pre-check's `isJoined` reads.
 */
export interface ExistingRegistration {
  readonly deviceId: string;
  readonly tenantId: string;
  readonly tenantName: string;
  readonly registrationType: 'fed' | 'sync';
  /** The device certificate DRS issued. */
  readonly certificatePem: string;
  readonly keyContainerId: string;
  /** false: the device key is gone from its provider (the pre-check's `deviceKeysHealthy: NO`). */
  readonly keysHealthy: boolean;
}

export interface MachineEnvironment {
  readonly os: WindowsVersion;
  /** Printed as OSVersion in the join request, e.g. `10.0.19045.5965`. */
  readonly osVersion: string;
  readonly computerName: string;
  readonly domain: { readonly name: string; readonly forest: string; readonly netbiosName: string };
  /** DsGetDcName's answer; undefined when no domain controller can be located. */
  readonly domainController: { readonly name: string } | undefined;
  readonly runningAsSystem: boolean;
  /**
   * The domain user whose console runs `dsregcmd /status` after the join (`Executing Account
   * Name : DOMAIN\name, upn`); undefined: nobody signed in, the diagnostics run as SYSTEM.
   */
  readonly consoleUser?: {
    readonly account: string;
    readonly upn: string;
    /** What the user typed at sign-in (modeled: derived by the on-prem model). */
    readonly password: string;
    /** The user Entra-registered the device (added a work account) before the hybrid join. */
    readonly workplaceJoined?: boolean;
  };
  /** undefined: the machine has never joined. */
  readonly registration?: ExistingRegistration;
  /** SCP keywords; 'unreadable' when the LDAP read fails; undefined when there is no SCP. */
  readonly scp: { readonly keywords: readonly string[] } | 'unreadable' | undefined;
  readonly registry: {
    /** HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\CDJ FallbackToSyncJoin; undefined = not set (enabled). */
    readonly fallbackToSyncJoin?: 0 | 1;
    /** HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\CDJ\AAD TenantId / TenantName (client-side SCP). */
    readonly cdjAadTenantId?: string;
    readonly cdjAadTenantName?: string;
  };
  readonly computer: {
    readonly objectGuid: string;
    readonly objectSid: string;
    /** The self-signed certificate in the computer's `userCertificate`, with its private key. */
    readonly userCertificate: { readonly pem: string; readonly key: KeyObject } | undefined;
  };
  readonly keys: { readonly deviceKey: KeyObject; readonly transportKey: KeyObject };
  /** Hosts a proxy or firewall keeps the machine from reaching. */
  readonly unreachableHosts?: readonly string[];
  /** The machine's TPM; undefined: none (the device key is a software key). */
  readonly tpm?: { readonly failure?: TpmFailure };
  /** Per host (lower case): a fault on the way there. */
  readonly networkFaults?: Readonly<Record<string, NetworkFault>>;
  /** SSPI: a Negotiate token for `HTTP/<host>`, from the KDC. */
  readonly negotiate: (spn: string) => string;
  /**
   * The KDC's error when it refuses the computer a ticket for `spn` (`KDC_ERR_ETYPE_NOTSUPP`);
   * undefined when `negotiate` has a ticket to give. With NTLM disabled, SSPI then sends nothing.
   */
  readonly kerberosRefusal?: (spn: string) => string | undefined;
  /**
   * External IdP mode with credentials (docs/decisions/0011): a WS-Trust usernamemixed sign-in
   * with these replaces the windowstransport request with the computer's Kerberos ticket, which
   * hjsim cannot obtain for a real IdP. Windows itself never sends a password here.
   */
  readonly federatedSignIn?: { readonly username: string; readonly password: string };
  readonly clock: Clock;
  readonly ids: IdSource;
}
