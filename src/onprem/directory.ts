/**
 * The on-premises side as data: the AD domain, its domain controller, the SCP object with its
 * keywords, the computer object (objectGUID, objectSid, userCertificate), the KDC that issues
 * service tickets, and what Entra Connect has synced. It is the client's environment, not a
 * network party (DESIGN.md).
 * @see [WIKI] [MAN] [DSR] [HJM] [TSC] [HIW] [ROAD] [AADI]
 */
import type { KeyObject } from 'node:crypto';
import type {
  KerberosEncryptionType,
  ServiceTicket,
} from '../protocol/kerberos/negotiate-token.ts';

export interface ComputerObject {
  /** `IMOK-HYJD` */
  readonly name: string;
  readonly objectGuid: string;
  readonly objectSid: string;
  /** The self-signed certificate the join task wrote to `userCertificate`, with its key. */
  readonly userCertificate?: { readonly pem: string; readonly key: KeyObject };
}

/** A domain user account (down-level Workplace Join authenticates as the signed-in user). */
export interface DomainUser {
  /** `jdoe` */
  readonly samAccountName: string;
  readonly upn: string;
  readonly objectGuid: string;
  readonly objectSid: string;
}

export interface ServiceConnectionPoint {
  /** The multi-valued `keywords` attribute: `azureADName:<domain>`, `azureADId:<tenant id>`. */
  readonly keywords: readonly string[];
}

export interface OnPremDirectory {
  readonly domain: string;
  readonly forest: string;
  /** NetBIOS name, e.g. `IMOKATDI`. */
  readonly netbiosName: string;
  readonly domainController: { readonly name: string; readonly reachable: boolean };
  /** undefined: no SCP object in the forest; 'unreadable': LDAP read fails. */
  readonly scp: ServiceConnectionPoint | 'unreadable' | undefined;
  readonly computer: ComputerObject;
  /** Domain user accounts. */
  readonly users?: readonly DomainUser[];
  /** Does the IdP's Kerberos service account support AES (msDS-SupportedEncryptionTypes)? */
  readonly serviceAccountSupportsAes: boolean;
  /**
   * The domain allows only AES for Kerberos (RC4_HMAC_MD5 disabled by policy, NTLM disabled): a
   * service account without AES keys then gets no ticket at all (KDC_ERR_ETYPE_NOTSUPP). [KB4492348]
   */
  readonly rc4Disabled?: boolean;
  /**
   * Service principal names registered in the forest besides the IdP's: Seamless SSO registers
   * `HTTP/autologon.microsoftazuread-sso.com` on its AZUREADSSOACC computer account.
   */
  readonly extraSpns?: readonly string[];
}

/** The SPN Seamless SSO's AZUREADSSOACC account carries. [DL] [TSL] (ROADtools desktop SSO) */
export const SEAMLESS_SSO_SPN = 'HTTP/autologon.microsoftazuread-sso.com';

/** `S-1-5-21-a-b-c-RID` → `S-1-5-21-a-b-c` */
export function domainSidOf(sid: string): string {
  return sid.replace(/-\d+$/, '');
}

/** SCP keywords as the admin wrote them ([HJM] [WIKI] [TSC]). */
export function scpKeywords(
  azureADName: string | undefined,
  azureADId: string | undefined,
): string[] {
  const k: string[] = [];
  if (azureADName !== undefined) k.push(`azureADName:${azureADName}`);
  if (azureADId !== undefined) k.push(`azureADId:${azureADId}`);
  return k;
}

/**
 * The KDC: a service ticket for `spn` for a domain user; undefined when no account in the forest
 * carries the SPN (SSPI then has nothing to send). modeled: the user's groups are Domain Users
 * (`-513`) only; Seamless SSO's SPN exists only when `extraSpns` lists it.
 */
export function issueUserServiceTicket(
  dir: OnPremDirectory,
  user: DomainUser,
  spn: string,
  knownSpns: readonly string[],
): ServiceTicket | undefined {
  const all = [...knownSpns, ...(dir.extraSpns ?? [])].map((s) => s.toLowerCase());
  if (!all.includes(spn.toLowerCase())) return undefined;
  const realm = dir.domain.toUpperCase();
  return {
    spn,
    client: `${user.samAccountName}@${realm}`,
    realm,
    sid: user.objectSid,
    groupSids: [`${domainSidOf(user.objectSid)}-513`],
    encryptionType:
      dir.serviceAccountSupportsAes || spn.toLowerCase() === SEAMLESS_SSO_SPN.toLowerCase()
        ? 'aes256-cts-hmac-sha1-96'
        : 'rc4-hmac',
  };
}

/** The KDC's KRB_ERROR when it has no key for a service in an allowed encryption type. [KB4492348] */
export const KDC_ERR_ETYPE_NOTSUPP = 'KDC_ERR_ETYPE_NOTSUPP (14)';

/**
 * Why the KDC refuses a service ticket for the IdP's service account, or undefined: with RC4
 * disabled in the domain, an account without AES keys has no key the KDC may use.
 * @see [KB4492348] (RC4_HMAC_MD5 disabled, only AES allowed: `KRB_ERROR - KDC_ERR_ETYPE_NOSUPP
 *   (14)`; the account "did not have a suitable key for generating a Kerberos ticket")
 * modeled: the same refusal for the TGS request of the IdP's service ticket (KB4492348 shows it for
 *   an AS request across a trust); the Seamless SSO account is not the IdP's and is unaffected.
 */
export function serviceTicketRefusal(dir: OnPremDirectory, spn: string): string | undefined {
  if (spn.toLowerCase() === SEAMLESS_SSO_SPN.toLowerCase()) return undefined;
  return dir.rc4Disabled && !dir.serviceAccountSupportsAes ? KDC_ERR_ETYPE_NOTSUPP : undefined;
}

/**
 * The KDC: a service ticket for `spn` for the computer account. The encryption type follows the
 * service account's supported types (AES when it supports AES, else RC4).
 */
export function issueServiceTicket(dir: OnPremDirectory, spn: string): ServiceTicket {
  const realm = dir.domain.toUpperCase();
  const encryptionType: KerberosEncryptionType = dir.serviceAccountSupportsAes
    ? 'aes256-cts-hmac-sha1-96'
    : 'rc4-hmac';
  return {
    spn,
    client: `${dir.computer.name}$@${realm}`,
    realm,
    sid: dir.computer.objectSid,
    groupSids: [`${domainSidOf(dir.computer.objectSid)}-515`],
    encryptionType,
  };
}
