/**
 * The DRS error body ("ErrorDetails") and how the Windows join client turns it into a DSREG HRESULT.
 * @see [MS-DVRJ] §2.2.3.1 ErrorDetails (ErrorType, Message, TraceId, Time; Time is ISO 8601)
 * @see [HBS] [ROAD] [AADI] [DVRJ] [TSC] [WINRT] (DSREG codes), [MAN] [LYWK] [WIKI] (event 204 shows the body verbatim)
 */
import { HR, hresultEightDigits, normalizeHresult, type Hresult } from '../hresult/catalog.ts';

export interface DrsErrorBody {
  ErrorType: string;
  Message: string;
  TraceId: string;
  Time: string;
}

/** ErrorType → DSREG HRESULT; an ErrorType not listed maps to DSREG_E_DEVICE_INTERNALSERVICE_ERROR. [TSC] */
export const DSREG_HRESULT_FOR_DRS_ERROR: Readonly<Record<string, Hresult>> = Object.freeze({
  DirectoryError: HR.DSREG_E_DIRECTORY_FAILURE,
  /** ErrorSubCode other than `DeviceNotFound`. */
  AuthenticationError: HR.DSREG_E_DEVICE_AUTHENTICATION_ERROR,
  /** modeled: the ErrorType is mock DRS's (drs-messages.ts DEVICE_QUOTA_EXCEEDED). */
  DeviceQuotaExceeded: HR.DSREG_E_DEVICE_REGISTRATION_QUOTA_EXCCEEDED,
});

/**
 * `Time` as ISO 8601 UTC to the second, e.g. `2025-07-10T17:22:14Z`.
 * [MS-DVRJ] §2.2.3.1 says ISO 8601; modeled: the exact rendering real Entra DRS uses is not in any
 * public source we hold (the event-204 example in the CSS wiki shows `"<Date and time>"`).
 */
export function formatDrsErrorTime(time: Date): string {
  return `${time.toISOString().slice(0, 19)}Z`;
}

export function buildDrsError(
  type: string,
  message: string,
  traceId: string,
  time: Date,
): DrsErrorBody {
  return { ErrorType: type, Message: message, TraceId: traceId, Time: formatDrsErrorTime(time) };
}

/** Reads a DRS error body from parsed JSON; undefined unless ErrorType and Message are strings. */
export function readDrsError(body: unknown): DrsErrorBody | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const o = body as Record<string, unknown>;
  if (typeof o['ErrorType'] !== 'string' || typeof o['Message'] !== 'string') return undefined;
  return {
    ErrorType: o['ErrorType'],
    Message: o['Message'],
    TraceId: typeof o['TraceId'] === 'string' ? o['TraceId'] : '',
    Time: typeof o['Time'] === 'string' ? o['Time'] : '',
  };
}

/**
 * The HRESULT the join client reports for a failed join response: 503 is `DSREG_SERVER_BUSY`
 * whatever the body; otherwise the ErrorType decides. [TSC]
 */
export function hresultForDrsError(body: DrsErrorBody | undefined, httpStatus: number): Hresult {
  if (httpStatus === 503) return HR.DSREG_SERVER_BUSY;
  if (body && Object.hasOwn(DSREG_HRESULT_FOR_DRS_ERROR, body.ErrorType)) {
    return DSREG_HRESULT_FOR_DRS_ERROR[body.ErrorType]!;
  }
  return HR.DSREG_E_DEVICE_INTERNALSERVICE_ERROR;
}

/**
 * The HRESULT for a failed discovery response. 503 → `DSREG_SERVER_BUSY` [TSC]; 404 →
 * `DSREG_DISCOVERY_TENANT_NOT_FOUND` (modeled: mock DRS answers an unknown tenant with 404, see
 * create-drs.ts; what status real DRS uses is not public); anything else → `DSREG_AUTOJOIN_DISC_FAILED` [TSC].
 */
export function hresultForDiscoveryError(httpStatus: number): Hresult {
  if (httpStatus === 503) return HR.DSREG_SERVER_BUSY;
  if (httpStatus === 404) return HR.DSREG_DISCOVERY_TENANT_NOT_FOUND;
  return HR.DSREG_AUTOJOIN_DISC_FAILED;
}

/** `0x801c03f2`: how dsregcmd and the event log print an HRESULT (eight hex digits). */
export function formatHresult(hresult: Hresult | number): string {
  return hresultEightDigits(
    typeof hresult === 'number' ? normalizeHresult((hresult >>> 0).toString(16)) : hresult,
  );
}
