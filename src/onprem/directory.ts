/**
 * The on-premises side as data: the AD domain, its domain controller, the SCP object with its
 * keywords, the computer object (objectGUID, objectSid, userCertificate), the KDC that issues
 * service tickets, and what Entra Connect has synced. It is the client's environment, not a
 * network party (DESIGN.md).
 * @see ../shared/research/protocol.md §1.0, §1.1, §1.9
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
  /** Does the IdP's Kerberos service account support AES (msDS-SupportedEncryptionTypes)? */
  readonly serviceAccountSupportsAes: boolean;
}

/** `S-1-5-21-a-b-c-RID` → `S-1-5-21-a-b-c` */
export function domainSidOf(sid: string): string {
  return sid.replace(/-\d+$/, '');
}

/** SCP keywords as the admin wrote them (research §1.1). */
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
