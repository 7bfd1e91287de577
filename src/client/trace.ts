/**
 * The structured trace of one join attempt. The client appends steps as it goes; every output
 * (`dsregcmd /join /debug`, `dsregcmd /status`, Event Viewer) is rendered from the same trace.
 */
export type TraceStep =
  | { readonly k: 'cli-init' }
  | { readonly k: 'join-start'; readonly clientRequestId: string }
  | {
      readonly k: 'dc-found';
      readonly domain: string;
      readonly forest: string;
      readonly dc: string;
    }
  | { readonly k: 'dc-missing'; readonly domain: string }
  | {
      readonly k: 'pre-check';
      readonly result: PreCheckResult;
      readonly isDcAvailable: boolean;
      readonly isSystem: boolean;
      /** undefined: no registration state on the machine (Windows prints `undefined`). */
      readonly isJoined?: boolean;
      readonly deviceKeysHealthy?: boolean;
      readonly dsrInstance?: string;
      readonly keyProvider?: string;
      readonly keyContainer?: string;
      readonly resultCode: string;
    }
  | {
      readonly k: 'scp-failed';
      readonly hresult: string;
      readonly reason: string;
      /** The LDAP read's own error (`AD Configuration Test : FAIL [0x80070002]`), when known. */
      readonly subcode?: string;
    }
  /** The SCP (or its registry override) named the tenant; `source` says which. */
  | {
      readonly k: 'scp-read';
      readonly source: 'scp' | 'registry';
      readonly tenantName: string;
      readonly tenantId?: string;
    }
  | { readonly k: 'discovery-sent'; readonly domain: string; readonly url: string }
  | { readonly k: 'discovery-ok'; readonly body: string }
  | {
      readonly k: 'discovery-failed';
      readonly hresult: string;
      readonly domain: string;
      /** No HTTP answer at all (the send failed). */
      readonly network?: boolean;
      /** The WinINet code of the failed send (the DRS Discovery Test's sub-error). */
      readonly subError?: string;
      readonly httpStatus?: number;
      readonly body?: string;
    }
  | { readonly k: 'realm-failed'; readonly hresult: string; readonly httpStatus?: number }
  | {
      readonly k: 'tenant-info';
      readonly tenantType: 'Federated' | 'Managed';
      readonly tenantId: string;
      readonly tenantName: string;
    }
  | { readonly k: 'token-start'; readonly authCodeUrl: string; readonly authority: string }
  /** One ADAL log entry: `AdalLog: <message> ; HRESULT: <hr>` or `AdalLog:  HRESULT: <hr>`. */
  | { readonly k: 'adal'; readonly message?: string; readonly hresult: string }
  /**
   * A line dsreg interleaves into the ADAL log where it logs the fatal auth error (2025 builds
   * print `GetStatus returned failure` [PING]; older ones the `LogFatalAuthError` block).
   */
  | { readonly k: 'adal-note'; readonly text: string }
  | {
      readonly k: 'token-failed';
      readonly aggregate: string;
      readonly first: string;
      readonly correlationId: string;
      /**
       * LogFatalAuthError's message (event 305's `AdalMessage`): `ADALUseWindowsAuthenticationTenant
       * failed,  unable to preform integrated auth` for realm, MEX and WS-Trust failures [WIKI],
       * `GetStatus returned failure` for a token-endpoint error [PING].
       */
      readonly adalMessage: string;
      readonly adalError?: string;
    }
  | { readonly k: 'fallback'; readonly aggregate: string }
  | { readonly k: 'no-fallback'; readonly aggregate: string }
  | {
      readonly k: 'join-request';
      readonly registrationType: 'fed' | 'sync';
      readonly domain: string;
      /** The bearer token of a federated join (a sync join authenticates with its SID blob). */
      readonly authToken?: string;
    }
  | {
      readonly k: 'join-response';
      readonly registrationType: 'fed' | 'sync';
      readonly requestId: string;
      readonly responseTime: string;
      readonly httpStatus: number;
      /** The raw response body (events 104 / 204 print it). */
      readonly body: string;
      readonly errorType?: string;
      readonly message?: string;
    }
  | { readonly k: 'join-done'; readonly registrationType: 'fed' | 'sync' }
  | {
      readonly k: 'join-failed';
      readonly hresult: string;
      readonly registrationType: 'fed' | 'sync';
      readonly network?: boolean;
    }
  | { readonly k: 'end-status' };

/**
 * `preCheckResult` of the dsreg debug output. modeled: `Join` is the seed's; `DoNotJoin` (not
 * SYSTEM, no DC, already joined) and `UnJoin` (joined but missing state: leave, then join again,
 * event 332) follow the pre-check outcomes [WIKI] [MAN] [DSR] / [MAN] [LYWK] [WIKI] lists.
 */
export type PreCheckResult = 'Join' | 'DoNotJoin' | 'UnJoin';

export type ErrorPhase = 'pre-check' | 'discover' | 'auth' | 'join';

/** What `dsregcmd /status` reads back after the attempt. */
export interface DeviceState {
  readonly azureAdJoined: boolean;
  readonly domainJoined: boolean;
  readonly domainName: string;
  readonly deviceName: string;
  readonly device?: {
    readonly deviceId: string;
    readonly thumbprint: string;
    readonly validFrom: Date;
    readonly validTo: Date;
    readonly keyContainerId: string;
    readonly keyProvider: string;
    readonly tpmProtected: boolean;
    /** The device certificate (DER): what the device signs its sign-in requests with. */
    readonly certificateDer: Buffer;
  };
  readonly tenant?: {
    readonly tenantName: string;
    readonly tenantId: string;
    readonly authCodeUrl: string;
    readonly accessTokenUrl: string;
    readonly joinSrvVersion: string;
    readonly joinSrvUrl: string;
    readonly joinSrvId: string;
    readonly keySrvVersion: string;
    readonly keySrvUrl: string;
    readonly keySrvId: string;
    readonly webAuthNSrvVersion: string;
    readonly webAuthNSrvUrl: string;
    readonly webAuthNSrvId: string;
    readonly deviceManagementSrvVer: string;
    readonly deviceManagementSrvUrl: string;
    readonly deviceManagementSrvId: string;
  };
}

/** The Diagnostic Data block of `dsregcmd /status` ([DSR] layout). */
export interface Diagnostics {
  readonly clientTime: Date;
  /** When the last join attempt ran (`Previous Registration`) [DSR; RCMLAB]. */
  readonly previousRegistration: Date;
  /** Who ran dsregcmd: `SYSTEM`, or an administrator's elevated session. */
  readonly userContext: 'SYSTEM' | 'ELEVATED User';
  readonly fallbackToSyncJoin: boolean;
  readonly registrationType?: 'fed' | 'sync';
  readonly errorPhase?: ErrorPhase;
  readonly clientErrorCode?: string;
  readonly serverErrorCode?: string;
  readonly serverMessage?: string;
  readonly httpsStatus?: number;
  readonly requestId?: string;
  readonly adConnectivity: 'PASS' | 'FAIL';
  readonly adConfiguration: 'PASS' | 'FAIL' | 'SKIPPED';
  /** The SCP read's error after `FAIL` (`AD Configuration Test : FAIL [0x80070002]`). */
  readonly adConfigurationError?: string;
  readonly drsDiscovery: 'PASS' | 'FAIL' | 'SKIPPED';
  /** The codes after `FAIL`: aggregate/sub-error (`DRS Discovery Test : FAIL [0x801c0021/0x80072ee2]`). */
  readonly drsDiscoveryError?: string;
  /** A join request got an HTTP answer. */
  readonly drsConnectivity: 'PASS' | 'FAIL' | 'SKIPPED';
  /** The computer's federated token: PASS/FAIL once discovery passed, else SKIPPED [DSR]. */
  readonly tokenAcquisition: 'PASS' | 'FAIL' | 'SKIPPED';
}

export interface JoinOutcome {
  readonly joined: boolean;
  /** `managed`: a down-level registration through Seamless SSO (no federated IdP involved). */
  readonly joinType: 'federated' | 'sync' | 'managed' | 'none';
  readonly aadsts: readonly number[];
  /** Failure HRESULTs (severity bit set) the client recorded, in order, without repeats. */
  readonly hresults: readonly string[];
  readonly fallbackAttempted: boolean;
  readonly errorPhase?: ErrorPhase;
  /** Device registrations the attempt created in Entra (down-level: one per user). */
  readonly registrations: number;
}

/**
 * After the join: `DeviceAuthStatus` of `dsregcmd /status` (Windows 10 21H1+), and the signed-in
 * user's Primary Refresh Token attempt (the SSO State section). [DSR; TSC]
 */
export interface PostJoin {
  /** undefined: the build prints no DeviceAuthStatus (before 19043, 21H1). */
  readonly deviceAuthStatus?:
    'SUCCESS' | 'FAILED. Device is either disabled or deleted' | 'FAILED. ERROR';
  /** undefined: nobody signed in. */
  readonly prt?: PrtAttempt;
}

/** The PRT attempt's diagnostics, as SSO State prints them (21H1+). [TSC] */
export interface PrtAttempt {
  readonly ok: boolean;
  readonly time: Date;
  readonly upn: string;
  readonly correlationId: string;
  /** NTSTATUS: `0xc000006d` STATUS_LOGON_FAILURE, `0xc000005f` STATUS_NO_SUCH_LOGON_SESSION. */
  readonly attemptStatus?: string;
  readonly endpoint?: string;
  readonly httpStatus?: number;
  readonly serverErrorCode?: string;
  readonly serverErrorDescription?: string;
}

export interface JoinTrace {
  /** The Windows build the client ran on (`10.0.<build>`): it selects what is printed. */
  readonly build: number;
  /** What the device met after the join (set once the post-join checks ran). */
  readonly postJoin?: PostJoin;
  readonly steps: readonly TraceStep[];
  readonly state: DeviceState;
  readonly diagnostics: Diagnostics;
  readonly outcome: JoinOutcome;
}
