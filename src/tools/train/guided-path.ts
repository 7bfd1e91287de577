/**
 * The trainer's guided path for a new support engineer: ten failures of the federated hybrid
 * join that Microsoft's troubleshooting guide [TSC] and support wiki [WIKI] walk through, in the
 * order a join meets them (discover, then the token from the IdP, then Entra, then the
 * registration), each with what the customer's output shows, why, and how to fix it, and a
 * shipped scenario that reproduces it. The path ends in the quiz.
 *
 * Every step names its sources (keys of docs/sources.md; a test checks each key and URL there)
 * and the codes its scenario's `expect` holds (a test checks them, and the scenario tests check
 * the simulator's output against its sources).
 */

import type { PathSource, PathStep } from './api-types.ts';
import { HR } from '../../protocol/hresult/catalog.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

/** The sources the steps cite (a subset of docs/sources.md, same keys and URLs). */
export const PATH_SOURCES: readonly PathSource[] = [
  {
    key: 'TSC',
    title: 'Troubleshoot Microsoft Entra hybrid joined devices',
    url: 'https://learn.microsoft.com/entra/identity/devices/troubleshoot-hybrid-join-windows-current',
  },
  {
    key: 'DSR',
    title: 'Troubleshoot devices by using the dsregcmd command',
    url: 'https://learn.microsoft.com/entra/identity/devices/troubleshoot-device-dsregcmd',
  },
  {
    key: 'HJM',
    title: 'Configure Microsoft Entra hybrid join manually',
    url: 'https://learn.microsoft.com/entra/identity/devices/hybrid-join-manual',
  },
  {
    key: 'WINRT',
    title: 'WebProviderError.ErrorCode: the ADAL/WAM HRESULT table',
    url: 'https://github.com/MicrosoftDocs/winrt-api',
  },
  {
    key: 'PING',
    title: 'Reference and troubleshooting for Microsoft Entra hybrid join, PingOne',
    url: 'https://docs.pingidentity.com/pingone/use_cases/p1_microsoft_hybrid_join_troubleshooting.html',
  },
  {
    key: 'AZD44932',
    title: 'Failure: The requested federation realm object … does not exist',
    url: 'https://github.com/MicrosoftDocs/azure-docs/issues/44932',
  },
  {
    key: 'RMILNE5000811',
    title: 'Sign-In Error 5000811 (AD FS token-signing certificate rollover)',
    url: 'https://blog.rmilne.ca/2021/11/29/',
  },
  {
    key: 'ERR',
    title: 'Microsoft Entra authentication and authorization error codes',
    url: 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes',
  },
];

export const GUIDED_PATH: readonly PathStep[] = [
  {
    title: 'No service connection point (SCP) in the forest',
    scenario: 'onprem/scp-missing.yaml',
    phase: 'discover',
    codes: [HR.DSREG_AUTOJOIN_ADCONFIG_READ_FAILED],
    see: [
      `dsregcmd /join /debug stops in the discover phase: Exit code: ${HR.DSREG_AUTOJOIN_ADCONFIG_READ_FAILED} (DSREG_AUTOJOIN_ADCONFIG_READ_FAILED).`,
      'Event 307: "Automatic registration failed. Failed to lookup the registration service information from Active Directory."',
    ],
    why: 'A domain-joined computer learns its tenant from the SCP in the forest’s configuration partition. Without one (or when the computer cannot read it) it does not know where to register.',
    fix: [
      'Create the SCP: Microsoft Entra Connect → Configure device options → Hybrid join, or the manual steps.',
      'Check that the computer can read CN=62a0ff2e-97b9-4513-943f-0d221bd30080,CN=Device Registration Configuration,CN=Services in the configuration partition.',
    ],
    sources: ['TSC', 'HJM'],
  },
  {
    title: 'The SCP names the wrong tenant',
    scenario: 'onprem/scp-tenant-id-wrong.yaml',
    phase: 'discover',
    codes: [HR.DSREG_DISCOVERY_TENANT_NOT_FOUND],
    see: [
      `Error Phase : discover, ${HR.DSREG_DISCOVERY_TENANT_NOT_FOUND} (DSREG_DISCOVERY_TENANT_NOT_FOUND).`,
      `Event 201: "The discovery operation callback failed with exit code: ${HR.DSREG_DISCOVERY_TENANT_NOT_FOUND}. The server returned HTTP status: 404."`,
    ],
    why: 'The SCP’s azureADId keyword is the tenant id the device asks the registration service about; a tenant that does not exist (a typo, another tenant, a deleted test tenant) is not found.',
    fix: [
      'Correct the SCP keywords: azureADId:<your tenant id> and azureADName:<a verified domain>; running Entra Connect’s device options rewrites them.',
    ],
    sources: ['TSC', 'HJM'],
  },
  {
    title: 'The registration service is unreachable through the proxy',
    scenario: 'onprem/drs-blocked-by-proxy.yaml',
    phase: 'discover',
    codes: [HR.DSREG_AUTOJOIN_DISC_FAILED],
    see: [
      `DRS Discovery Test : FAIL; ${HR.DSREG_AUTOJOIN_DISC_FAILED} (DSREG_AUTOJOIN_DISC_FAILED), events 200 and 309.`,
    ],
    why: 'The join runs as SYSTEM: the computer itself must reach enterpriseregistration.windows.net and login.microsoftonline.com. A proxy that needs a user’s sign-in, or none configured for the machine, blocks discovery.',
    fix: [
      'Let the computer account reach the Microsoft endpoints the manual lists (WPAD or a WinHTTP proxy), without user authentication at the proxy.',
    ],
    sources: ['TSC', 'HJM'],
  },
  {
    title: 'The SCP’s domain is not a verified domain',
    scenario: 'onprem/scp-domain-not-verified.yaml',
    phase: 'discover',
    codes: [HR.DSREG_AUTOJOIN_USERREALM_DISCOVERY_FAILED],
    see: [
      `Error Phase : discover, ${HR.DSREG_AUTOJOIN_USERREALM_DISCOVERY_FAILED} (DSREG_AUTOJOIN_USERREALM_DISCOVERY_FAILED).`,
    ],
    why: 'The device asks login.microsoftonline.com about the SCP’s azureADName to find out whether the domain is managed or federated; a name that is not a verified domain of the tenant gives no answer to go on.',
    fix: [
      'Set azureADName to a verified domain of the tenant (for a federated join, the federated one).',
    ],
    sources: ['TSC'],
  },
  {
    title: 'The computer cannot reach the federation server',
    scenario: 'onprem/sts-unreachable-fallback.yaml',
    phase: 'fallback',
    codes: [HR.ERROR_ADAL_INTERNET_CANNOT_CONNECT, HR.ERROR_ADAL_HANDLE],
    see: [
      `GetComputerTokenForADRS failed with error ${HR.ERROR_ADAL_INTERNET_CANNOT_CONNECT} (ERROR_ADAL_INTERNET_CANNOT_CONNECT).`,
      `Federated ADRS join failed with error ${HR.ERROR_ADAL_HANDLE}. Try synchronized join. — the sync join then decides.`,
    ],
    why: 'For a federated domain the computer first asks the IdP (AD FS, PingFederate, …) for a token over WS-Trust. If the name does not resolve or the port is blocked from the machine, there is no token.',
    fix: [
      'Make the IdP’s WS-Trust endpoint reachable from the computer’s network (DNS, firewall, proxy bypass for the intranet name).',
    ],
    sources: ['TSC', 'WINRT'],
  },
  {
    title: 'The IdP’s metadata (MEX) offers no Windows-authentication endpoint',
    scenario: 'idp/mex-no-windows-auth.yaml',
    phase: 'fallback',
    codes: [HR.ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT, HR.ERROR_ADAL_HANDLE],
    see: [
      `GetComputerTokenForADRS failed with error ${HR.ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT} (ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT).`,
      `Federated ADRS join failed with error ${HR.ERROR_ADAL_HANDLE}. Try synchronized join.`,
    ],
    why: 'Windows reads the MEX at the domain’s MetadataExchangeUri and looks for a WS-Trust 1.3 endpoint with Integrated Windows Authentication (windowstransport). A MEX without one leaves the computer no way to authenticate.',
    fix: [
      'Enable the WS-Trust 1.3 windowstransport endpoint (AD FS: /adfs/services/trust/13/windowstransport) and point MetadataExchangeUri at the MEX that lists it.',
    ],
    sources: ['WINRT', 'TSC', 'PING'],
  },
  {
    title: 'A leftover UPN-based issuerid rule (several federated domains)',
    scenario: 'adfs/leftover-issuerid-rule.yaml',
    phase: 'fallback',
    codes: [AADSTS.InvalidRealmUri, HR.ERROR_ADAL_HANDLE],
    see: [
      `AADSTS${AADSTS.InvalidRealmUri}: The requested federation realm object '…' does not exist.`,
      `Federated ADRS join failed with error ${HR.ERROR_ADAL_HANDLE}. Try synchronized join.`,
    ],
    why: 'With several federated domains AD FS sets the token’s issuer from an issuerid rule. A rule that derives it from the user’s UPN gets nothing for a computer, so the Issuer is the federation service’s own identifier, which is no domain’s IssuerUri.',
    fix: [
      'Use the issuerid rules the manual gives for multiple verified domains (the issuer of a computer comes from its own claims, not a UPN).',
    ],
    sources: ['HJM', 'AZD44932', 'TSC'],
  },
  {
    title: 'A device claim sent under the wrong name',
    scenario: 'pingone/accounttype-wrong-nameformat.yaml',
    phase: 'fallback',
    codes: [
      AADSTS.UserAccountNotInDirectory,
      HR.ERROR_ADAL_SERVER_ERROR_INVALID_GRANT,
      HR.ERROR_ADAL_HANDLE,
    ],
    see: [
      `AADSTS${AADSTS.UserAccountNotInDirectory} in the token response; ${HR.ERROR_ADAL_SERVER_ERROR_INVALID_GRANT} (ERROR_ADAL_SERVER_ERROR_INVALID_GRANT).`,
      `Federated ADRS join failed with error ${HR.ERROR_ADAL_HANDLE}. Try synchronized join.`,
    ],
    why: 'Entra recognises a computer by three claims with exact names: http://schemas.microsoft.com/ws/2012/01/accounttype = DJ, …/identity/claims/onpremobjectguid and …/ws/2008/06/identity/claims/primarysid. A claim under another name or NameFormat is not read, and the token looks like a user’s.',
    fix: [
      'Issue accounttype, onpremobjectguid and primarysid with the names the manual lists (for PingOne, the attribute names and NameFormat of its hybrid join guide).',
    ],
    sources: ['HJM', 'PING'],
  },
  {
    title: 'The IdP rolled its token-signing certificate and Entra does not know it',
    scenario: 'entra/certificate-rollover-without-next-signing-certificate.yaml',
    phase: 'fallback',
    codes: [AADSTS.InvalidSigningKey],
    see: [
      `AADSTS${AADSTS.InvalidSigningKey}: Unable to verify token signature. The signing key identifier does not match any valid registered keys.`,
    ],
    why: 'Entra checks the token’s signature against the certificates in the domain’s federation settings (signing and next signing). A new certificate that is in neither is refused.',
    fix: [
      'Update the domain’s federation settings with the new certificate, or register it as the next signing certificate before the IdP rolls over.',
    ],
    sources: ['RMILNE5000811', 'ERR'],
  },
  {
    title: 'The device is not synced yet (the sync join)',
    scenario: 'onprem/managed-domain-unsynced.yaml',
    phase: 'join',
    codes: [HR.DSREG_E_DIRECTORY_FAILURE],
    see: [
      'Join HTTP status: 400, Join error code: DirectoryError, "The device object by the given id (…) is not found."',
      `DsrDeviceAutoJoin failed ${HR.DSREG_E_DIRECTORY_FAILURE} (DSREG_E_DIRECTORY_FAILURE).`,
    ],
    why: 'The sync join (a managed domain, or the fallback after a failed federated join) registers a device that Entra Connect has already synced with its userCertificate. A fresh computer, or one outside the synced OUs, is unknown until the next sync cycle.',
    fix: [
      'Check that the computer is in an OU Entra Connect syncs, wait for (or start) a sync cycle, then join again; for a brand-new device this error is expected once.',
    ],
    sources: ['TSC'],
  },
];
