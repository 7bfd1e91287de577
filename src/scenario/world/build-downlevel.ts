/**
 * The down-level part of a scenario's world: the AD users, the machine autoworkplace runs on
 * (who signs in, Internet Explorer's zones, SSPI per user) and what Entra knows for it (Seamless
 * SSO, quota, synced on-premises SIDs).
 * @see [DL] [TSL] (intranet zone set of the deployment guide [DL]:
 *   device.login.microsoftonline.com, autologon.microsoftazuread-sso.com, the organisation's STS)
 */
import { createHash } from 'node:crypto';
import type { IdSource } from '../../core/ids.ts';
import { deviceKey } from '../../core/keys.ts';
import type {
  DownlevelMachine,
  DownlevelWindowsVersion,
  SignedInUser,
} from '../../onprem/downlevel-machine.ts';
import type { MachineEnvironment } from '../../onprem/machine.ts';
import type { DownlevelSettings } from '../../entra/downlevel/downlevel-settings.ts';
import type { DirectoryUser, IdpConfig } from '../../idp/idp-config.ts';
import {
  domainSidOf,
  issueUserServiceTicket,
  type DomainUser,
  type OnPremDirectory,
} from '../../onprem/directory.ts';
import { encodeNegotiateToken } from '../../protocol/kerberos/negotiate-token.ts';
import type { Scenario } from '../language/schema.ts';

function guidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** AD users, with objectGUID / objectSid derived when the file leaves them out. */
export function onpremUsers(s: Scenario): DomainUser[] {
  const domainSid = domainSidOf(s.device.objectSid);
  return s.onprem.users.map((u, i) => ({
    upn: u.upn,
    samAccountName: u.samAccountName ?? u.upn.slice(0, u.upn.indexOf('@')),
    objectGuid: u.objectGuid ?? guidFrom(`user:${u.upn.toLowerCase()}`),
    objectSid: u.objectSid ?? `${domainSid}-${1200 + i}`,
  }));
}

export function downlevelSettings(s: Scenario, onprem: OnPremDirectory): DownlevelSettings {
  const d = s.tenant.downlevel;
  const synced = new Set(s.tenant.users.map((u) => u.upn.toLowerCase()));
  return {
    seamlessSso: d?.seamlessSso ?? false,
    registrationServiceUp: (d?.registrationService ?? 'up') === 'up',
    onPremisesSids: Object.fromEntries(
      (onprem.users ?? [])
        .filter((u) => synced.has(u.upn.toLowerCase()))
        .map((u) => [u.objectSid, u.upn]),
    ),
  };
}

export function buildDownlevelMachine(
  s: Scenario,
  onprem: OnPremDirectory,
  idpHost: string,
  machine: MachineEnvironment,
  ids: IdSource,
): DownlevelMachine {
  const users: SignedInUser[] = s.device.signedInUsers.map((u) => {
    if (u.local) {
      return {
        account: `${s.device.name}\\${u.upn}`,
        domainUser: false,
        loginHint: u.cachedUpn ?? u.upn,
        // modeled: a local account's SID under a machine SID derived from the computer name.
        sid: `S-1-5-21-${createHash('sha256').update(s.device.name).digest().readUInt32BE(0)}-1000-1000-1001`,
      };
    }
    const ad = onprem.users!.find((o) => o.upn.toLowerCase() === u.upn.toLowerCase())!;
    return {
      account: `${onprem.netbiosName}\\${ad.samAccountName}`,
      domainUser: true,
      loginHint: u.cachedUpn ?? ad.upn,
      sid: ad.objectSid,
    };
  });
  const keys = users.map(() => deviceKey(ids.int(1 << 16)));
  return {
    os: s.device.os as DownlevelWindowsVersion,
    osVersion: machine.osVersion,
    computerName: s.device.name,
    domain: machine.domain,
    domainController: machine.domainController,
    scp: machine.scp,
    users,
    ie: {
      intranetZone: s.device.ie?.intranetZone ?? [
        'https://device.login.microsoftonline.com',
        'https://autologon.microsoftazuread-sso.com',
        `https://${idpHost}`,
      ],
      trustedSites: s.device.ie?.trustedSites ?? [],
      enhancedSecurity: s.device.ie?.enhancedSecurity ?? false,
      doNotSaveEncryptedPages: s.device.ie?.doNotSaveEncryptedPages ?? false,
    },
    unreachableHosts: s.device.unreachableHosts,
    negotiate: (user, spn) => {
      const ad = onprem.users?.find((o) => o.objectSid === user.sid);
      if (!user.domainUser || !ad) return undefined;
      const ticket = issueUserServiceTicket(onprem, ad, spn, [`HTTP/${idpHost}`]);
      return ticket ? encodeNegotiateToken(ticket) : undefined;
    },
    registrationKey: (i) => keys[i] ?? keys[0]!,
    clock: machine.clock,
    ids,
  };
}

/**
 * The IdP's directory view gets the AD users (with their SID, so Windows integrated auth finds
 * them): a user the scenario already gave the IdP (with a password) keeps it.
 */
export function withDirectoryUsers(
  idp: IdpConfig,
  adUsers: readonly DomainUser[],
  wiaormultiauthn: boolean,
): IdpConfig {
  const users: DirectoryUser[] = idp.users.map((u) => {
    const ad = adUsers.find((a) => a.upn.toLowerCase() === u.upn.toLowerCase());
    return ad ? { ...u, objectGuid: u.objectGuid ?? ad.objectGuid, objectSid: ad.objectSid } : u;
  });
  for (const ad of adUsers) {
    if (!users.some((u) => u.upn.toLowerCase() === ad.upn.toLowerCase()))
      users.push({ upn: ad.upn, objectGuid: ad.objectGuid, objectSid: ad.objectSid });
  }
  return { ...idp, users, wiaormultiauthn };
}
