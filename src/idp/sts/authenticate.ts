/**
 * How the IdP learns who is asking: Windows integrated auth (the modeled Kerberos ticket of
 * `Authorization: Negotiate`, docs/decisions/0003) or a username and password (WS-Security
 * UsernameToken, a sign-in form). Each returns the principal or why it was refused.
 * @see [DSRT] [MSALPY] [ADALN] (windowstransport: Negotiate; usernamemixed:
 *   UsernameToken); [PING] "Kerberos service account and AES
 *   encryption" (an RC4 ticket the gateway cannot decrypt)
 */
import { decodeNegotiateToken } from '../../protocol/kerberos/negotiate-token.ts';
import type { DirectoryComputer, IdpConfig } from '../idp-config.ts';
import type { Principal } from '../principal.ts';

export type Authentication =
  | { readonly ok: true; readonly principal: Principal }
  | { readonly ok: false; readonly why: string };

const hostOnly = (h: string) => h.toLowerCase().replace(/:\d+$/, '');

/** The `Negotiate` token of an Authorization header, or undefined. */
export function negotiateToken(authorization: string | undefined): string | undefined {
  return /^Negotiate\s+(\S+)$/i.exec(authorization ?? '')?.[1];
}

export function authenticateWindows(cfg: IdpConfig, token: string): Authentication {
  const ticket = decodeNegotiateToken(token);
  if (!ticket) return { ok: false, why: 'the Negotiate token is not a Kerberos ticket' };
  const spn = /^HTTP\/(.+)$/i.exec(ticket.spn)?.[1];
  if (spn === undefined || hostOnly(spn) !== hostOnly(cfg.host)) {
    return { ok: false, why: `the ticket is for ${ticket.spn}, not HTTP/${hostOnly(cfg.host)}` };
  }
  if (ticket.encryptionType === 'rc4-hmac' && !cfg.kerberos.acceptRc4) {
    return {
      ok: false,
      why: 'the ticket is RC4-encrypted and the service account has no AES keys',
    };
  }
  const computer = cfg.directory.find((c) => c.objectSid === ticket.sid);
  // A user's ticket: the signed-in user of a down-level machine at the passive endpoint. [DL] [TSL]
  const user = computer ? undefined : cfg.users.find((u) => u.objectSid === ticket.sid);
  if (user) return { ok: true, principal: { kind: 'user', user } };
  if (!computer)
    return { ok: false, why: `no computer or user with SID ${ticket.sid} in the directory` };
  const netbios = ticket.realm.split('.')[0] ?? ticket.realm;
  return {
    ok: true,
    principal: {
      kind: 'computer',
      computer,
      groupSids: ticket.groupSids,
      windowsAccountName: `${netbios}\\${computer.name}$`,
    },
  };
}

/** The names a computer account signs in with: `NAME$`, `NETBIOS\NAME$`, `NAME$@dns.domain`. */
export function computerAccountNames(c: DirectoryComputer): string[] {
  const sam = `${c.name}$`.toLowerCase();
  return [
    sam,
    ...(c.netbiosDomain ? [`${c.netbiosDomain.toLowerCase()}\\${sam}`] : []),
    ...(c.dnsDomain ? [`${sam}@${c.dnsDomain.toLowerCase()}`] : []),
  ];
}

/**
 * A password sign-in as a computer account (usernamemixed). The computer is then who Windows auth
 * would have found, with the Domain Computers group (`<domain SID>-515`) its token carries, so
 * the claim rules issue the device claims.
 * modeled: an STS that validates a computer account's password (PingOne's LDAP gateway binding as
 *   the computer; a test computer account created with New-ADComputer -AccountPassword) and runs
 *   the same rules as for its Kerberos ticket. No public document describes this path; it is how
 *   hjsim conform obtains a device token from a real IdP without a Kerberos ticket.
 */
function authenticateComputer(
  cfg: IdpConfig,
  name: string,
  password: string,
): Authentication | undefined {
  const computer = cfg.directory.find((c) => computerAccountNames(c).includes(name));
  if (!computer) return undefined;
  if (computer.password === undefined || computer.password !== password) {
    return { ok: false, why: `unknown user or wrong password for '${name}'` };
  }
  const netbios = computer.netbiosDomain ?? computer.dnsDomain?.split('.')[0]?.toUpperCase() ?? '';
  return {
    ok: true,
    principal: {
      kind: 'computer',
      computer,
      groupSids: [`${computer.objectSid.replace(/-\d+$/, '')}-515`],
      windowsAccountName: `${netbios}\\${computer.name}$`,
    },
  };
}

export function authenticatePassword(
  cfg: IdpConfig,
  username: string,
  password: string,
): Authentication {
  const name = username.toLowerCase();
  const asComputer = authenticateComputer(cfg, name, password);
  if (asComputer) return asComputer;
  const user = cfg.users.find((u) => u.upn.toLowerCase() === name);
  // One answer for an unknown user and a wrong password, as an STS gives. A user without a
  // password (Windows auth only) never signs in with one.
  if (!user || user.password === undefined || user.password !== password) {
    return { ok: false, why: `unknown user or wrong password for '${username}'` };
  }
  return { ok: true, principal: { kind: 'user', user } };
}
