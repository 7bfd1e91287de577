/**
 * Who the IdP authenticated: a domain computer (Windows integrated auth, with what its Kerberos
 * ticket's PAC says) or a user (UsernameToken or a sign-in form), in the terms claim rules read.
 * @see [HJM] [AADI] [DVRJ] [WIKI] (AD FS input claims: groupsid, windowsaccountname, primarysid)
 */
import type { DirectoryComputer, DirectoryUser } from './idp-config.ts';

export type Principal =
  | {
      readonly kind: 'computer';
      readonly computer: DirectoryComputer;
      /** From the ticket's PAC; domain computers carry `<domain SID>-515`. */
      readonly groupSids: readonly string[];
      /** `NETBIOS\NAME$` */
      readonly windowsAccountName: string;
    }
  | { readonly kind: 'user'; readonly user: DirectoryUser };

/** How the principal proved who it is; becomes the assertion's AuthenticationMethod. */
export type AuthenticationKind = 'windows' | 'password';
