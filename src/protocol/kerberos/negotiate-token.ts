/**
 * The simulated Kerberos service ticket a domain computer presents to the IdP's Windows-auth
 * endpoint (`Authorization: Negotiate …`).
 * modeled: real SPNEGO/Kerberos is out of scope; this token carries what the IdP learns from a
 * real ticket and its PAC (the computer's principal, SID, group SIDs) and the encryption type the
 * KDC chose, which is what decides the "service account without AES" failure (PingOne seed,
 * "Kerberos service account and AES encryption").
 */
export type KerberosEncryptionType = 'aes256-cts-hmac-sha1-96' | 'rc4-hmac';

export interface ServiceTicket {
  /** Service principal the ticket is for, e.g. `HTTP/sso.example.com`. */
  readonly spn: string;
  /** `IMOK-HYJD$@IMOKATDI.PING-ENG.COM` */
  readonly client: string;
  readonly realm: string;
  /** The computer account's SID (PAC logon info). */
  readonly sid: string;
  /** Group SIDs from the PAC; domain computers carry `<domain SID>-515`. */
  readonly groupSids: readonly string[];
  readonly encryptionType: KerberosEncryptionType;
}

const MAGIC = 'HJSIM-KRB5-TICKET:';

export function encodeNegotiateToken(ticket: ServiceTicket): string {
  return Buffer.from(MAGIC + JSON.stringify(ticket), 'utf8').toString('base64');
}

/** Reads the `Negotiate` token; undefined when it is not one of ours or not well formed. */
export function decodeNegotiateToken(token: string): ServiceTicket | undefined {
  let text: string;
  try {
    text = Buffer.from(token, 'base64').toString('utf8');
  } catch {
    return undefined;
  }
  if (!text.startsWith(MAGIC)) return undefined;
  try {
    const t = JSON.parse(text.slice(MAGIC.length)) as Partial<ServiceTicket>;
    if (
      typeof t.spn !== 'string' ||
      typeof t.client !== 'string' ||
      typeof t.realm !== 'string' ||
      typeof t.sid !== 'string' ||
      !Array.isArray(t.groupSids) ||
      (t.encryptionType !== 'aes256-cts-hmac-sha1-96' && t.encryptionType !== 'rc4-hmac')
    ) {
      return undefined;
    }
    return t as ServiceTicket;
  } catch {
    return undefined;
  }
}
