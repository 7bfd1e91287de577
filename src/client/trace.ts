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
      readonly isDcAvailable: boolean;
      readonly isSystem: boolean;
      readonly resultCode: string;
    }
  | { readonly k: 'scp-failed'; readonly hresult: string; readonly reason: string }
  | {
      readonly k: 'discovery-failed';
      readonly hresult: string;
      readonly httpStatus?: number;
      readonly body?: string;
    }
  | {
      readonly k: 'tenant-info';
      readonly tenantType: 'Federated' | 'Managed';
      readonly tenantId: string;
      readonly tenantName: string;
    }
  | { readonly k: 'token-start'; readonly authCodeUrl: string; readonly authority: string }
  /** One ADAL log entry: `AdalLog: <message> ; HRESULT: <hr>` or `AdalLog:  HRESULT: <hr>`. */
  | { readonly k: 'adal'; readonly message?: string; readonly hresult: string }
  /** A line dsreg interleaves into the ADAL log (`GetStatus returned failure`). */
  | { readonly k: 'adal-note'; readonly text: string }
  | {
      readonly k: 'token-failed';
      readonly aggregate: string;
      readonly first: string;
      readonly correlationId: string;
    }
  | { readonly k: 'fallback'; readonly aggregate: string }
  | { readonly k: 'no-fallback'; readonly aggregate: string }
  | {
      readonly k: 'join-response';
      readonly registrationType: 'fed' | 'sync';
      readonly requestId: string;
      readonly responseTime: string;
      readonly httpStatus: number;
      readonly errorType?: string;
      readonly message?: string;
    }
  | { readonly k: 'join-done'; readonly registrationType: 'fed' | 'sync' }
  | { readonly k: 'join-failed'; readonly hresult: string }
  | { readonly k: 'end-status' };

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

/** The Diagnostic Data block of `dsregcmd /status` (research §3a layout). */
export interface Diagnostics {
  readonly clientTime: Date;
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
  readonly drsDiscovery: 'PASS' | 'FAIL' | 'SKIPPED';
}

export interface JoinOutcome {
  readonly joined: boolean;
  readonly joinType: 'federated' | 'sync' | 'none';
  readonly aadsts: readonly number[];
  /** Failure HRESULTs (severity bit set) the client recorded, in order, without repeats. */
  readonly hresults: readonly string[];
  readonly fallbackAttempted: boolean;
  readonly errorPhase?: ErrorPhase;
}

export interface JoinTrace {
  readonly steps: readonly TraceStep[];
  readonly state: DeviceState;
  readonly diagnostics: Diagnostics;
  readonly outcome: JoinOutcome;
}
