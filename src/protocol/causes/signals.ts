/**
 * Text signals: the lines of `dsregcmd /join /debug`, `dsregcmd /status`, Event Viewer and the
 * down-level dialogs that tell one failure from another, as bounded regular expressions (no
 * nested quantifiers, every repetition capped), tolerant of the white space a mail client or a
 * console puts where a line was wrapped.
 * @see src/client/render/join-debug.ts and status.ts (the lines the simulator prints);
 *   [PING] (real transcripts); [DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC] [WINRT] [MAN] [LYWK]
 *   (Diagnostic Data, DRS messages, event templates [EVT]); [TSL]
 *   (down-level dialog texts)
 */

export interface Signal {
  readonly id: string;
  readonly re: RegExp;
  /** What the signal means, for `--json` and the test's messages. */
  readonly what: string;
}

/** A phrase as a pattern: regex-escaped, any run of white space (a wrap) between words. */
export function phrase(text: string): string {
  return text
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
}

const p = (text: string) => new RegExp(phrase(text), 'gi');
const s = (id: string, re: RegExp, what: string): Signal => ({ id, re, what });

export const SIGNALS: readonly Signal[] = [
  // Pre-check ([WIKI] [MAN] [DSR]; event 333/334/335 templates)
  s(
    'dc-unavailable',
    /isDcAvailable:\s{0,4}(?:NO\b|false\b)|DsGetDcName\s+failed|domain\s+controller\s+could\s+not\s+be\s+located|AD\s+Connectivity\s+Test\s*:\s*FAIL/gi,
    'no domain controller line of sight',
  ),
  s(
    'not-system',
    /isSystem:\s{0,4}NO\b|MUST\s+run\s+as\s+NT\s+AUTHORITY\\SYSTEM/gi,
    'not run as SYSTEM',
  ),
  // dsregcmd /status: the context the failed join ran in, and its phase ([DSR] Diagnostic Data)
  s(
    'user-context-not-system',
    /User\s+Context\s*:\s*(?:UN-)?ELEVATED\s+User/gi,
    'the join ran in a user context',
  ),
  s('error-phase-pre-check', /Error\s+Phase\s*:\s*pre-check/gi, 'the join failed at pre-check'),
  s(
    'ad-config-test-failed',
    /AD\s+Configuration\s+Test\s*:\s*FAIL/gi,
    'the SCP test of dsregcmd /status failed',
  ),
  s('already-joined', p('The device is already joined'), 'the device is already joined'),
  s(
    'scp-read-failed',
    /Failed\s+to\s+(?:read|lookup)\s+the\s+registration\s+service\s+information\s+from\s+Active\s+Directory/gi,
    'the SCP could not be read',
  ),
  // Discovery ([DSRT] [HBS] [DVRD] [TSC]; events 201, 309)
  s(
    'discovery-failed',
    /discovery\s+operation\s+callback\s+failed|Failed\s+to\s+discover\s+the\s+Azure\s+AD\s+DRS\s+service|DRS\s+Discovery\s+Test\s*:\s*FAIL|DsrBeginDiscover\s+failed|discovery\s+request\s+send\s+operation\s+failed/gi,
    'DRS discovery failed',
  ),
  s('tenant-managed', /TenantType\s*=\s*Managed|Tenant\s+type:\s*Managed/gi, 'managed domain'),
  s(
    'tenant-federated',
    /TenantType\s*=\s*Federated|Tenant\s+type:\s*Federated/gi,
    'federated domain',
  ),
  // Federated token and fallback (PingOne seed; [DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC])
  s(
    'token-failed',
    /GetComputerTokenForADRS\s+failed\s+with\s+error|Automatic\s+registration\s+failed\s+at\s+authentication\s+phase|Error\s+Phase\s*:\s*auth\b|errorPhase:\s*auth\b/gi,
    'the federated token was not obtained',
  ),
  s(
    'fallback',
    /Federated\s+ADRS\s+join\s+failed\s+with\s+error\s+0x[0-9a-f]{8}\.\s+Try\s+synchronized\s+join|Registration\s+Type\s*:\s*fallback_sync\b|registrationType:\s*fallback_sync\b/gi,
    'dsreg fell back to sync join',
  ),
  s(
    'fallback-off',
    /Federated\s+ADRS\s+join\s+failed\s+with\s+error\s+0x[0-9a-f]{8}\.(?!\s+Try)|Fallback\s+to\s+Sync-Join\s*:\s*DISABLED/gi,
    'fallback to sync join is disabled',
  ),
  s(
    'sync-join-completed',
    /DsrCmdJoinHelper::Join:\s+completed\s+successfully|Registration\s+Type\s*:\s*sync\b/gi,
    'a sync join completed',
  ),
  s(
    'federated-join-completed',
    /AutoEnrollAsComputer\s+completed\s+successfully|Automatic\s+registration\s+Succeeded/gi,
    'the federated join completed',
  ),
  s(
    'error-phase-join',
    /Error\s+Phase\s*:\s*join\b|errorPhase:\s*join\b|failed\s+at\s+join\s+phase/gi,
    'the join failed at the join phase (the DRS request)',
  ),
  s(
    'error-phase-discover',
    /Error\s+Phase\s*:\s*discover\b|errorPhase:\s*discover\b/gi,
    'the join failed at discovery',
  ),
  s('joined', /AzureAdJoined\s*:\s*YES\b/gi, 'AzureAdJoined : YES'),
  s('not-joined', /AzureAdJoined\s*:\s*NO\b/gi, 'AzureAdJoined : NO'),
  // Entra token errors with their own text (aadsts.ts; [ERR])
  s(
    'saml-version-mismatch',
    /Expected\s+element\s+is\s+\(Assertion,\s*urn:oasis:names:tc:SAML:1\.0:assertion\)\s+the\s+actual\s+element\s+is\s+\(Assertion,\s*urn:oasis:names:tc:SAML:2\.0:assertion\)/gi,
    'a SAML 2.0 assertion where Entra expects SAML 1.1',
  ),
  s(
    'audience-mismatch',
    /The\s+audience\s+'[^'\n]{0,300}'\s+is\s+not\s+'urn:federation:MicrosoftOnline'/gi,
    'the assertion is for another audience',
  ),
  // WS-Trust faults (src/idp/sts/sts-faults.ts; [DSRT] [MSALPY] [ADALN])
  s('wstrust-scope-fault', /\bID3082\b/g, 'ID3082: the request scope is not valid'),
  s(
    'wstrust-auth-fault',
    /\bID3242\b|FailedAuthentication/g,
    'the STS could not authenticate the computer',
  ),
  // DRS answers ([HBS] [ROAD] [AADI] [DVRJ] [TSC] [DSR] [WIKI] [HIW])
  s(
    'drs-device-not-found',
    /The\s+device\s+object\s+by\s+the\s+given\s+id\b/gi,
    'DRS: the device object is not found (not synced)',
  ),
  s(
    'drs-usercert-not-found',
    p('The public key user certificate is not found on the device object'),
    'DRS: the synced device has no userCertificate',
  ),
  s('drs-throttled', p('Your request is throttled temporarily'), 'DRS throttled the join request'),
  s(
    'drs-sid-verification',
    /The\s+verification\s+of\s+the\s+target\s+computer's\s+SID/gi,
    'DRS could not verify the computer SID',
  ),
  // Device lifecycle after the join ([DSR] Device Details, [TSC] AADSTS50155, AZD29406)
  s(
    'device-renew',
    /Server\s+Operation\s*:\s*DeviceRenew\b/gi,
    'the failed request renewed an existing registration (DeviceRenew)',
  ),
  s(
    'error-missing-device',
    /\berror_missing_device\b/g,
    'DRS: the device object of this registration no longer exists',
  ),
  s(
    'device-auth-failed',
    /DeviceAuthStatus\s*:\s*FAILED|Device\s+is\s+either\s+disabled\s+or\s+deleted/gi,
    'the device failed to authenticate: disabled or deleted in Entra',
  ),
  s('prt-missing', /AzureAdPrt\s*:\s*NO\b/gi, 'no primary refresh token'),
  // TPM and device keys ([TSC] TPM errors; events 344 and 202 [WIKI])
  s(
    'tpm-key-noaccess',
    /isPrivateKeyFound\s*:\s*NOACCESS\b/gi,
    'the device key exists but the TPM refuses access to it',
  ),
  // Network: a proxy that wants credentials from SYSTEM (WinHTTP), [TSC] outbound proxy notes
  s(
    'proxy-auth-required',
    /Proxy\s+Authentication\s+Required|\b(?:HTTP|Https?)\s+status\s*:?\s*407\b|\bStatus:\s*407\b/gi,
    'a proxy answered 407 Proxy Authentication Required',
  ),
  // The IdP's policy refuses the computer (AD FS issuance authorization / access control policy)
  s('idp-access-denied', /\bMSIS7068\b/g, 'AD FS: MSIS7068 Access denied (policy)'),
  s(
    'kerberos-ticket-failed',
    /Kerberos\s+(?:ticket|TGT)[^\n]{0,80}?\b(?:FAIL(?:ED)?|failed|not\s+(?:found|obtained))\b|KDC_ERR_ETYPE_NOTSUPP/gi,
    'the computer got no Kerberos ticket for the STS',
  ),
  // The computer writes its own certificate to AD (sync join needs it) [HIW]
  s(
    'save-public-key',
    /\bSavePublicKey\b|write\s+the\s+public\s+key|userCertificate\s+attribute/gi,
    'the computer saving its certificate to userCertificate',
  ),
  // On-premises (enterprise) DRS: AD FS device registration [DSR] [HJM]
  s(
    'enterprise-drs',
    /drsInstance:\s*ent\b|EnterpriseJoined\s*:\s*YES\b|\benterpriseregistration\.(?!windows\.net)[a-z0-9-]{1,63}\.[a-z]/gi,
    'the device uses an on-premises (AD FS) DRS',
  ),
  // Windows 8.1 Workplace Join (PC settings) dialog [LYWPJ]
  s(
    'wpj-cant-connect',
    /Can['’]t\s+connect\s+to\s+the\s+service|Cannot\s+connect\s+to\s+the\s+service/gi,
    'Workplace Join: "Can\'t connect to the service"',
  ),
  // Down-level dialogs (Microsoft legacy seed) and Workplace Join events ([MAN] [LYWK] [WIKI])
  s(
    'dialog-account-authentication',
    /error\s+occurred\s+during\s+account\s+authentication/gi,
    'autoworkplace: an error occurred during account authentication',
  ),
  s(
    'dialog-account-verification',
    /error\s+occurred\s+during\s+account\s+verification/gi,
    'autoworkplace: an error occurred during account verification',
  ),
  s(
    'dialog-device-quota',
    /maximum\s+number\s+of\s+(?:joined\s+)?devices|too\s+many\s+devices/gi,
    'the user reached the device limit',
  ),
  s(
    'dialog-server-not-responding',
    /(?:server|service)\s+(?:didn't|did\s+not|isn't|is\s+not|wasn't|was\s+not)\s+respond/gi,
    'the registration service did not respond',
  ),
  s(
    'workplace-join-discovery-failed',
    /Workplace\s+Join\s+discovery\s+failed/gi,
    'Workplace Join discovery failed',
  ),
];

/** Matches of one signal stop being recorded after this many (a huge input stays fast). */
export const MAX_MATCHES_PER_SIGNAL = 50;
