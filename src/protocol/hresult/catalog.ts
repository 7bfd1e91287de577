/**
 * HRESULTs the Windows join client reports (DSREG, ADAL, WinINet, Win32), with their symbols,
 * meanings and provenance: the one catalogue of codes. Code elsewhere names a code by its symbol,
 * `HR.DSREG_E_DIRECTORY_FAILURE`, never by its digits (eslint refuses an HRESULT literal outside
 * this folder); `hjsim explain` and the client read the same rows.
 * @see [TSC] (DSREG and ADAL codes); [WINRT] webprovidererror_errorcode.md (the ADAL table)
 */
import type { Provenance } from '../../core/provenance.ts';

declare const HRESULT_BRAND: unique symbol;

/**
 * An HRESULT as the client prints it: `0x`, lowercase hex, no leading zeros (`0xcaa1000e`, `0x0`).
 * Only this module makes one: a catalogue constant (`HR.…`) or {@link normalizeHresult} of text read
 * from outside (a log, a command line), so a typo does not compile.
 */
export type Hresult = string & { readonly [HRESULT_BRAND]: true };

export interface HresultEntry {
  readonly hresult: Hresult;
  /** Windows' symbol (`ERROR_ADAL_HANDLE`); a name the public tables lack says `(modeled name)`. */
  readonly symbol: string;
  readonly meaning: string;
  /**
   * The system message text Windows substitutes for this code where an event's insertion string is
   * typed as an HRESULT (Event Viewer's `Exit code:` / `Error:`), verbatim with or without its
   * final period. Absent: Windows has no text and prints `Unknown HResult Error code: 0x…` (every
   * DSREG 0x801c… and ADAL 0xcaa… code) [WIKI].
   */
  readonly windowsMessage?: string;
  readonly provenance: Provenance;
}

/** A row as written below: keyed by the symbol, which {@link HresultEntry.symbol} repeats unless it differs. */
interface Row extends Omit<HresultEntry, 'hresult' | 'symbol'> {
  readonly hresult: string;
  readonly symbol?: string;
}

const TSC = {
  source: 'MicrosoftDocs/entra-docs troubleshoot-hybrid-join-windows-current.md (TSC, WINRT)',
};
const WINRT = { source: 'MicrosoftDocs/winrt-api webprovidererror_errorcode.md (TSC, WINRT)' };
const SEED = { source: 'PING (PingOne hybrid join troubleshooting transcripts)' };
/** The texts captured in Event Viewer entries of the User Device Registration log. */
const WIKI_TEXT = 'WIKI (the text captured in a User Device Registration event)';

const ROWS = {
  S_OK: {
    hresult: '0x0',
    meaning: 'Success.',
    windowsMessage: 'The operation completed successfully.',
    provenance: {
      source: `${SEED.source}; text: ${WIKI_TEXT}, a 304 "Exit code: The operation completed successfully."`,
    },
  },
  DSREG_AUTOJOIN_ADCONFIG_READ_FAILED: {
    hresult: '0x801c001d',
    meaning: 'Unable to read the SCP object and get the Microsoft Entra tenant information.',
    provenance: TSC,
  },
  DSREG_AUTOJOIN_DISC_FAILED: {
    hresult: '0x801c0021',
    meaning: 'Generic discovery failure. Failed to get the discovery metadata from DRS.',
    provenance: TSC,
  },
  DSREG_AUTOJOIN_DISC_WAIT_TIMEOUT: {
    hresult: '0x801c001f',
    meaning: 'Operation timed out while performing discovery.',
    provenance: TSC,
  },
  DSREG_AUTOJOIN_USERREALM_DISCOVERY_FAILED: {
    hresult: '0x801c003d',
    meaning: 'Generic realm discovery failure.',
    provenance: TSC,
  },
  DSREG_DISCOVERY_TENANT_NOT_FOUND: {
    hresult: '0x801c003a',
    meaning:
      'The SCP object has the wrong tenant ID, or no active subscriptions were found in the tenant.',
    provenance: TSC,
  },
  DSREG_SERVER_BUSY: {
    hresult: '0x801c0025',
    meaning: 'HTTP 503 from the DRS server.',
    provenance: TSC,
  },
  DSREG_E_DIRECTORY_FAILURE: {
    hresult: '0x801c03f2',
    meaning:
      'DRS returned an error response with ErrorCode "DirectoryError" (e.g. the device object is not found: not yet synced).',
    provenance: TSC,
  },
  DSREG_E_DEVICE_AUTHENTICATION_ERROR: {
    hresult: '0x801c0002',
    meaning: 'DRS returned "AuthenticationError" and ErrorSubCode is not "DeviceNotFound".',
    provenance: TSC,
  },
  DSREG_E_DEVICE_INTERNALSERVICE_ERROR: {
    hresult: '0x801c0006',
    meaning: 'DRS returned an error response.',
    provenance: TSC,
  },
  DSREG_E_DEVICE_REGISTRATION_QUOTA_EXCCEEDED: {
    hresult: '0x801c000e',
    meaning:
      'Registration quota reached: the user reached the maximum number of devices per user ("Looks like there are too many devices or users for this account."). Hybrid joins of computers do not count.',
    provenance: {
      source:
        'learn.microsoft.com/windows/client-management/azure-active-directory-integration-with-mdm (error table: "idErrorDeviceLimit", symbol spelled EXCCEEDED); MicrosoftDocs/memdocs device-limit-intune-azure.md (hybrid joined devices not counted)',
    },
  },
  DSREG_E_DEVICE_AUTHORIZATION_ERROR: {
    hresult: '0x801c0003',
    meaning:
      'The user is not authorized to register the device ("This user isn\'t authorized to enroll."); also reported when a user reached the device limit.',
    provenance: {
      source:
        'learn.microsoft.com/windows/client-management/azure-active-directory-integration-with-mdm (error table); dirteam.com 2018-03-20 "You receive error 801c0003 when you try to Azure AD Join a device"',
    },
  },
  ERROR_ADAL_SERVER_ERROR_INVALID_GRANT: {
    hresult: '0xcaa20003',
    meaning:
      'Authorization grant failed for this assertion: the SAML token from the on-premises identity provider was not accepted by Microsoft Entra ID.',
    provenance: TSC,
  },
  ERROR_ADAL_SERVER_ERROR_INVALID_REQUEST: {
    hresult: '0xcaa20002',
    meaning: 'The token endpoint answered invalid_request.',
    provenance: WINRT,
  },
  ERROR_ADAL_SERVER_ERROR_INTERACTION_REQUIRED: {
    hresult: '0xcaa2000c',
    meaning: 'The token endpoint answered interaction_required (e.g. AADSTS50076, MFA required).',
    provenance: WINRT,
  },
  ERROR_ADAL_WSTRUST_TOKEN_REQUEST_FAIL: {
    hresult: '0xcaa90006',
    meaning: 'It failed to get token by WS-Trust flow: the token endpoint returned an error.',
    provenance: TSC,
  },
  ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED: {
    hresult: '0xcaa90014',
    meaning: 'The WS-Trust response reported a fault and contained no assertion.',
    provenance: TSC,
  },
  ERROR_ADAL_FAILED_TO_PARSE_WSTRUST_RESPONSE: {
    hresult: '0xcaa90013',
    meaning: 'The WS-Trust response could not be parsed.',
    provenance: WINRT,
  },
  ERROR_ADAL_SERVER_ERROR_SAML_ASSERTION_NOT_FOUND: {
    hresult: '0xcaa90002',
    meaning: 'The WS-Trust response contains no SAML assertion.',
    provenance: WINRT,
  },
  ERROR_ADAL_PROTOCOL_NOT_SUPPORTED: {
    hresult: '0xcaa90017',
    meaning: 'The authentication protocol of the domain is not WS-Trust.',
    provenance: TSC,
  },
  ERROR_ADAL_COULDNOT_DISCOVER_USERREALM: {
    hresult: '0xcaa90018',
    meaning: 'User realm discovery failed.',
    provenance: WINRT,
  },
  ERROR_ADAL_WS_TRUST_METADATAURL_NOT_SECURE: {
    hresult: '0xcaa90020',
    meaning: 'The metadata exchange URL is not https.',
    provenance: WINRT,
  },
  ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT: {
    hresult: '0xcaa90022',
    meaning:
      'The MEX document has no Windows integrated authentication endpoint. It should support Integrate Widows Authentication for WS-Trust 1.3.',
    provenance: WINRT,
  },
  ERROR_ADAL_COULDNOT_DISCOVER_USERNAME_PASSWORD_ENDPOINT: {
    hresult: '0xcaa90023',
    meaning: 'The MEX document has no username/password endpoint.',
    provenance: TSC,
  },
  ERROR_ADAL_WS_TRUST_MEX_REQUEST: {
    hresult: '0xcaa9002b',
    meaning: 'The MEX request failed.',
    provenance: WINRT,
  },
  ERROR_ADAL_FAILED_TO_PARSE_XML: {
    hresult: '0xcaa9002c',
    meaning:
      'The STS did not return XML (proxy, no line of sight, Windows endpoints disabled, WIA not a primary authentication method).',
    provenance: TSC,
  },
  ERROR_ADAL_HANDLE: {
    hresult: '0xcaa1000e',
    meaning:
      'The handle is invalid. dsreg reports it as the aggregate failure of the federated token acquisition ("Federated ADRS join failed with error 0xcaa1000e").',
    provenance: {
      source: 'TSC, WINRT ([WINRT] symbol; CSS wiki for dsreg use); PingOne seed transcript',
    },
  },
  INFO_ADAL_REQUEST_SENDING: {
    hresult: '0x4aa90010',
    meaning: 'Informational: sending a web request.',
    provenance: WINRT,
  },
  INFO_ADAL_TOKEN_RESPONSE: {
    hresult: '0x4aa9000f',
    symbol: 'INFO_ADAL_TOKEN_RESPONSE (modeled name)',
    meaning: 'Informational: a token response was received and processed.',
    provenance: {
      modeled:
        'printed after a successful token response in the PingOne seed; symbol not found in public tables',
    },
  },
  INFO_ADAL_TOKEN_CACHED: {
    hresult: '0x4aa9000d',
    symbol: 'INFO_ADAL_TOKEN_CACHED (modeled name)',
    meaning: 'Informational: the token was stored.',
    provenance: {
      modeled:
        'printed last after a successful token response in the PingOne seed; symbol not found in public tables',
    },
  },
  WARNING_ADAL_MEX_NO_ADDRESS: {
    hresult: '0x8aa90024',
    meaning: 'A MEX port has no address.',
    provenance: WINRT,
  },
  WARNING_ADAL_MEX_ADDRESS_INSECURE: {
    hresult: '0x8aa90025',
    meaning: 'A MEX port address is not https; the port is ignored.',
    provenance: WINRT,
  },
  WARNING_ADAL_MEX_NO_BINDING_IN_PORT: {
    hresult: '0x8aa90026',
    meaning: 'A MEX port has no binding.',
    provenance: WINRT,
  },
  WARNING_ADAL_MEX_NO_SOAP_TRANSPORT: {
    hresult: '0x8aa90027',
    meaning: 'A MEX binding has no SOAP transport.',
    provenance: WINRT,
  },
  WARNING_ADAL_MEX_NO_SOAP_ACTION: {
    hresult: '0x8aa90028',
    meaning: 'A MEX binding operation has no soapAction.',
    provenance: WINRT,
  },
  WARNING_ADAL_MEX_NO_NAME_IN_BINDING: {
    hresult: '0x8aa90029',
    meaning: 'A MEX binding has no name.',
    provenance: WINRT,
  },
  WARNING_ADAL_MEX_NO_URI_IN_POLICY_REFERENCE: {
    hresult: '0x8aa9002a',
    meaning: 'A MEX PolicyReference has no URI.',
    provenance: WINRT,
  },
  WININET_E_TIMEOUT: {
    hresult: '0x80072ee2',
    meaning: 'The operation timed out.',
    windowsMessage: 'The operation timed out',
    provenance: {
      source: `${TSC.source}; windowsMessage modeled: the WinINet message-table text, no capture of an event showing it`,
    },
  },
  WININET_E_CANNOT_CONNECT: {
    hresult: '0x80072efd',
    meaning: 'The attempt to connect to the server failed.',
    windowsMessage: 'A connection with the server could not be established',
    provenance: {
      source: `${TSC.source}; windowsMessage modeled: the WinINet message-table text, no capture of an event showing it`,
    },
  },
  ERROR_ADAL_INTERNET_CANNOT_CONNECT: {
    hresult: '0xcaa82efd',
    meaning: 'ADAL could not connect to the STS or to Microsoft Entra ID.',
    provenance: TSC,
  },
  ERROR_NO_SUCH_DOMAIN: {
    hresult: '0x8007054b',
    meaning:
      'The specified domain either does not exist or could not be contacted: dsreg could not locate a domain controller (pre-check, event 334).',
    windowsMessage: 'The specified domain either does not exist or could not be contacted.',
    provenance: {
      modeled:
        'Win32 code and text are public (winerror.h); that dsreg reports it as the pre-check result code is modeled (WIKI, MAN, DSR gives only isDcAvailable and event 334)',
    },
  },
  E_ACCESSDENIED: {
    hresult: '0x80070005',
    meaning:
      'Access is denied. In a join: dsregcmd /join did not run as NT AUTHORITY\\SYSTEM (pre-check, event 333), the computer may not write its own userCertificate (SavePublicKey), or the key store refused the device key.',
    windowsMessage: 'Access is denied.',
    provenance: {
      modeled:
        'Win32 code and text are public (winerror.h); that dsreg reports it for a non-SYSTEM join is modeled (WIKI, MAN, DSR gives only isSystem and event 333)',
    },
  },
  ERROR_FILE_EXISTS: {
    hresult: '0x80070050',
    symbol: 'HRESULT_FROM_WIN32(ERROR_FILE_EXISTS)',
    meaning:
      'The file exists: Workplace Join could not add a site to the Local intranet zone because it is in another zone (event 104).',
    windowsMessage: 'The file exists.',
    provenance: {
      modeled:
        'event 104 names an HRESULT without giving it (MAN, LYWK, WIKI); ERROR_FILE_EXISTS is the modeled choice',
    },
  },
  E_INVALIDDATA: {
    hresult: '0x8007000d',
    meaning: 'The data is invalid (e.g. a proxy returned HTML where discovery JSON was expected).',
    windowsMessage: 'The data is invalid.',
    provenance: { source: `${TSC.source}; text: WIN32ERR (ERROR_INVALID_DATA)` },
  },
  ERROR_FILE_NOT_FOUND: {
    hresult: '0x80070002',
    symbol: 'HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)',
    meaning:
      'The system cannot find the file specified: no Service Connection Point object in the forest (`AD Configuration Test : FAIL [0x80070002]`).',
    windowsMessage: 'The system cannot find the file specified.',
    provenance: { source: 'RCMLAB (/status of a forest without SCP); text: WIN32ERR' },
  },
  NTE_BAD_KEYSET: {
    hresult: '0x80090016',
    meaning:
      'Keyset does not exist: the device key could not be saved or read. Happens when the TPM was cleared, or the device was imaged from a sysprep image of a joined or registered machine.',
    windowsMessage: 'Keyset does not exist',
    provenance: {
      source: `${TSC.source}; ${WIKI_TEXT}, a 304 "Exit code: Keyset does not exist"; COMERR`,
    },
  },
  NTE_DEVICE_NOT_READY: {
    hresult: '0x80090030',
    meaning: 'The TPM holding the device key is not ready (locked out, event 344).',
    windowsMessage:
      'The device that is required by this cryptographic provider is not ready for use.',
    provenance: { source: `${WIKI_TEXT}, a 344 "Error: The device that is required …"; COMERR` },
  },
  TPM_E_NOTFIPS: {
    hresult: '0x80280036',
    meaning:
      'TPM in FIPS mode is not supported: the TPM refused the key creation (event 202). Windows 10 1809 and later complete the join without the TPM.',
    windowsMessage: 'The TPM is attempting to execute a command only available when in FIPS mode.',
    provenance: {
      source: `${TSC.source}; ${WIKI_TEXT}, a 202 "exit code: The TPM is attempting … FIPS mode.. Inputs:"`,
    },
  },
  ERROR_ADAL_INTERNET_TIMEOUT: {
    hresult: '0xcaa82ee2',
    meaning:
      'General network timeout while ADAL reached the on-premises identity provider or login.microsoftonline.com (authentication phase).',
    provenance: TSC,
  },
  ERROR_ADAL_INTERNET_CONNECTION_ABORTED: {
    hresult: '0xcaa82efe',
    meaning: 'The connection with the authorization endpoint was aborted (authentication phase).',
    provenance: TSC,
  },
  ERROR_ADAL_INTERNET_NAME_NOT_RESOLVED: {
    hresult: '0xcaa82ee7',
    meaning:
      'The name of the STS or of login.microsoftonline.com could not be resolved (authentication phase).',
    provenance: {
      modeled:
        "ADAL's 0xcaa8xxxx wrapping of WININET_E_NAME_NOT_RESOLVED (0x80072ee7), as TSC's documented 0xcaa82ee2 / 0xcaa82efd / 0xcaa82efe / 0xcaa82f8f wrap theirs; the symbol follows theirs",
    },
  },
  ERROR_ADAL_INTERNET_SECURE_FAILURE: {
    hresult: '0xcaa82f8f',
    meaning:
      'The TLS certificate sent by the server (the STS or login.microsoftonline.com) could not be validated: untrusted or expired certificate, a TLS-inspecting proxy, or client clock skew.',
    provenance: TSC,
  },
  ERROR_ADAL_OPERATION_PENDING: {
    hresult: '0xcaa1002d',
    meaning:
      'General ADAL failure: look for the suberror or the server error code in the authentication logs.',
    provenance: TSC,
  },
  WININET_E_NAME_NOT_RESOLVED: {
    hresult: '0x80072ee7',
    meaning: 'The server name or address could not be resolved (DNS).',
    windowsMessage: 'The server name or address could not be resolved',
    provenance: {
      source: `${TSC.source}; windowsMessage modeled: the WinINet message-table text, no capture of an event showing it`,
    },
  },
  WININET_E_CONNECTION_ABORTED: {
    hresult: '0x80072efe',
    meaning: 'The connection with the server was terminated abnormally.',
    windowsMessage: 'The connection with the server was terminated abnormally',
    provenance: {
      source: `${TSC.source}; windowsMessage modeled: the WinINet message-table text, no capture of an event showing it`,
    },
  },
  WININET_E_DECODING_FAILED: {
    hresult: '0x80072f8f',
    meaning:
      'The network stack could not decode the response from the server (a proxy interfering with or modifying the response, TLS inspection).',
    provenance: {
      source: `${TSC.source}; no windowsMessage: no capture shows the text an event gives it`,
    },
  },
  TPM_E_PCP_INTERNAL_ERROR: {
    hresult: '0x80290407',
    meaning:
      'Generic TPM error (Platform Crypto Provider). Windows 10 1809 and later detect TPM failures and complete the hybrid join without the TPM.',
    windowsMessage: 'An internal error has occurred within the Platform Crypto Provider.',
    provenance: { source: `${TSC.source}; text: COMERRTPM` },
  },
  NTE_AUTHENTICATION_IGNORED: {
    hresult: '0x80090031',
    meaning:
      'The TPM is locked out (dictionary-attack protection): transient, the join succeeds after the cool-down period.',
    windowsMessage:
      'The dictionary attack mitigation is triggered and the provided authorization was ignored by the provider.',
    provenance: { source: `${TSC.source}; text: COMERR` },
  },
  STATUS_LOGON_FAILURE: {
    hresult: '0xc000006d',
    meaning:
      'PRT acquisition failed: the device could not reach the Entra authentication service, or Entra or the WS-Trust endpoint answered HTTP 400 (look for the server error, e.g. AADSTS50126).',
    provenance: { source: `${TSC.source} (post-join PRT table); DSR (Attempt Status sample)` },
  },
  STATUS_WRONG_PASSWORD: {
    hresult: '0xc000006a',
    meaning:
      'PRT acquisition failed: Entra or the WS-Trust endpoint rejected the credentials (HTTP 400).',
    provenance: { source: `${TSC.source} (post-join PRT table)` },
  },
  STATUS_REQUEST_NOT_ACCEPTED: {
    hresult: '0xc00000d0',
    meaning:
      'PRT acquisition failed: HTTP 400 from the Entra authentication service or the WS-Trust endpoint (events 1081/1088 hold the server error).',
    provenance: { source: `${TSC.source} (post-join PRT table)` },
  },
  STATUS_NETWORK_UNREACHABLE: {
    hresult: '0xc000023c',
    meaning:
      'PRT acquisition failed: a network connectivity problem to a required endpoint, or an HTTP error above 400.',
    provenance: { source: `${TSC.source} (post-join PRT table)` },
  },
  STATUS_BAD_NETWORK_PATH: {
    hresult: '0xc00000be',
    meaning:
      'PRT acquisition failed: a network connectivity problem to a required endpoint, or an HTTP error above 400.',
    provenance: { source: `${TSC.source} (post-join PRT table)` },
  },
  STATUS_UNEXPECTED_NETWORK_ERROR: {
    hresult: '0xc00000c4',
    meaning:
      'PRT acquisition failed: a network connectivity problem to a required endpoint, or an HTTP error above 400.',
    provenance: { source: `${TSC.source} (post-join PRT table)` },
  },
  STATUS_NO_SUCH_LOGON_SESSION: {
    hresult: '0xc000005f',
    meaning:
      "User realm discovery failed: Entra could not find the user's UPN domain (add it as a custom domain, or use an Alternate Login ID for a non-routable suffix).",
    provenance: { source: `${TSC.source} (post-join PRT table)` },
  },
  AAD_CLOUDAP_E_OAUTH_USERNAME_IS_MALFORMED: {
    hresult: '0xc004844c',
    meaning: "The user's UPN is not in the expected (internet-style) format.",
    provenance: { source: `${TSC.source} (post-join PRT table)` },
  },
  AAD_CLOUDAP_E_OAUTH_USER_SID_IS_EMPTY: {
    hresult: '0xc0048442',
    meaning:
      'The ID token from Entra has no user SID (a network proxy interfering with the response).',
    provenance: { source: `${TSC.source} (post-join PRT table)` },
  },
  AAD_CLOUDAP_E_WSTRUST_SAML_TOKENS_ARE_EMPTY: {
    hresult: '0xc00484c1',
    meaning:
      'The WS-Trust endpoint answered with an error, no SAML token (event 1088 holds its error).',
    provenance: { source: `${TSC.source} (post-join PRT table)` },
  },
  AAD_CLOUDAP_E_HTTP_PASSWORD_URI_IS_EMPTY: {
    hresult: '0xc004848b',
    meaning: 'The MEX response contains no password (usernamemixed) URL.',
    provenance: { source: `${TSC.source} (post-join PRT table)` },
  },
  AAD_CLOUDAP_E_HTTP_CERTIFICATE_URI_IS_EMPTY: {
    hresult: '0xc004848c',
    meaning: 'The MEX response contains no certificate endpoint URL.',
    provenance: { source: `${TSC.source} (post-join PRT table)` },
  },
  WC_E_DTDPROHIBITED: {
    hresult: '0xc00cee4f',
    meaning:
      'The WS-Trust endpoint answered XML with a Document Type Definition, which the client refuses to parse.',
    provenance: { source: `${TSC.source} (post-join PRT table)` },
  },
  ERROR_BAD_NET_RESP: {
    hresult: '0x8007003a',
    symbol: 'HRESULT_FROM_WIN32(ERROR_BAD_NET_RESP)',
    meaning:
      'The specified server cannot perform the requested operation: a transient failure reading Active Directory (the domain controller answered badly), seen before 0x801c001d when the SCP read failed.',
    windowsMessage: 'The specified server cannot perform the requested operation.',
    provenance: { source: 'WIN32ERR (ERROR_BAD_NET_RESP, 58); TSC (event 220 before 0x801c001d)' },
  },
  SEC_E_TARGET_UNKNOWN: {
    hresult: '0x80090303',
    meaning:
      "The specified target is unknown or unreachable: Kerberos found no service principal for the STS host (missing or duplicate SPN of the federation service account), so the computer's Windows-integrated authentication fails.",
    windowsMessage: 'The specified target is unknown or unreachable',
    provenance: { source: 'COMERR (SEC_E_TARGET_UNKNOWN)' },
  },
} satisfies Record<string, Row>;

/** A catalogued symbol, e.g. `DSREG_E_DIRECTORY_FAILURE`. */
export type HresultSymbol = keyof typeof ROWS;

const ENTRIES: readonly HresultEntry[] = Object.entries(ROWS).map(
  ([key, row]: [string, Row]): HresultEntry => ({
    ...row,
    hresult: normalizeHresult(row.hresult),
    symbol: row.symbol ?? key,
  }),
);

/**
 * Every catalogued HRESULT by its symbol: `HR.ERROR_ADAL_HANDLE` is `0xcaa1000e`. The way code
 * names a code; the entry (meaning, provenance) is {@link hresultEntry}.
 * @example
 * if (res.status === 503) return HR.DSREG_SERVER_BUSY;
 */
export const HR: { readonly [K in HresultSymbol]: Hresult } = Object.freeze(
  Object.fromEntries(
    Object.entries(ROWS).map(([key, row]: [string, Row]) => [key, normalizeHresult(row.hresult)]),
  ) as { [K in HresultSymbol]: Hresult },
);

export const HRESULTS: ReadonlyMap<Hresult, HresultEntry> = new Map(
  ENTRIES.map((r) => [r.hresult, r]),
);

/** `ERROR_ADAL_HANDLE` (any case) → its entry; `ERROR_FILE_EXISTS` finds `HRESULT_FROM_WIN32(ERROR_FILE_EXISTS)`. */
export function hresultBySymbol(symbol: string): HresultEntry | undefined {
  const s = symbol.trim().toUpperCase();
  const key = Object.keys(ROWS).find((k) => k.toUpperCase() === s);
  if (key !== undefined) return HRESULTS.get(HR[key as HresultSymbol]);
  return ENTRIES.find((r) => r.symbol.split(' ')[0]!.toUpperCase() === s);
}

export function hresultEntry(hresult: string): HresultEntry | undefined {
  return HRESULTS.get(normalizeHresult(hresult));
}

/** `0xcaa90020 ERROR_ADAL_WS_TRUST_METADATAURL_NOT_SECURE`: the code and its symbol, as a symptom names it. */
export function hresultLabel(hresult: Hresult): string {
  const symbol = HRESULTS.get(hresult)?.symbol.split(' ')[0];
  return symbol === undefined ? hresult : `${hresult} ${symbol}`;
}

/**
 * The HRESULT ADAL reports for the token endpoint's OAuth `error`: invalid_grant 0xcaa20003
 * [TSC], invalid_request and interaction_required from the [WINRT] table; any other `error` is
 * reported as invalid_request (modeled: the table has no row for the rest).
 */
export function hresultForOAuthError(error: string): Hresult {
  if (error === 'invalid_grant') return HR.ERROR_ADAL_SERVER_ERROR_INVALID_GRANT;
  if (error === 'interaction_required') return HR.ERROR_ADAL_SERVER_ERROR_INTERACTION_REQUIRED;
  return HR.ERROR_ADAL_SERVER_ERROR_INVALID_REQUEST;
}

/** `0xCAA1000E`, `caa1000e`, `-895418354` → `0xcaa1000e`. */
export function normalizeHresult(value: string): Hresult {
  const v = value.trim();
  if (/^-\d+$/.test(v)) return `0x${(Number(v) >>> 0).toString(16)}` as Hresult;
  return `0x${v
    .replace(/^0x/i, '')
    .toLowerCase()
    .replace(/^0+(?=.)/, '')}` as Hresult;
}

/** `0x801c03f2`: an HRESULT with eight hex digits, as `DeleteFileW returned 0x00000001.` prints one. */
export function hresultEightDigits(hresult: Hresult): string {
  return `0x${hresult.slice(2).padStart(8, '0')}`;
}

/** Failure HRESULTs have the severity bit set (0x8…/0xc…); 0x4… are informational. */
export function isFailure(hresult: string): boolean {
  return (Number.parseInt(hresult.replace(/^0x/i, ''), 16) & 0x80000000) !== 0;
}

/**
 * An HRESULT as Event Viewer shows a typed insertion string: Windows' message text when the
 * system has one, else `Unknown HResult Error code: 0x<8 hex digits>`.
 * @see [WIKI] `Exit code: Unknown HResult Error code: 0x801c03f2`, `Exit code: Keyset does not
 *   exist`; [SUPA307] `Exit code: Unknown HResult Error code: 0x801c001d.`
 */
export function eventViewerHresultText(hresult: string): string {
  const code = normalizeHresult(hresult);
  const text = HRESULTS.get(code)?.windowsMessage;
  if (text !== undefined) return text;
  return `Unknown HResult Error code: ${hresultEightDigits(code)}`;
}
