/**
 * The texts mock DRS puts in `ErrorType` / `Message`, each with its provenance. The client and the
 * diagnoser match on these, so every wire text lives here and nowhere else.
 * @see [HBS] [ROAD] [AADI] [DVRJ] [TSC] [DSR] [WIKI] [HIW] [MAN] [LYWK]; MicrosoftDocs entra-docs
 *   `troubleshoot-hybrid-join-windows-current.md` ("Sync-join server errors") = [TSC]
 */
import { AADSTS } from '../oauth/aadsts.ts';

/** ErrorTypes public sources show DRS sending. [MS-DVRJ] §2.2.3.1; [TSC] */
export const DIRECTORY_ERROR = 'DirectoryError';
export const AUTHENTICATION_ERROR = 'AuthenticationError';
/** modeled: no public source names the ErrorType DRS uses for malformed input; the client maps it like any unlisted type. */
export const BAD_REQUEST = 'BadRequest';
/**
 * modeled: the ErrorType of a registration refused because the user reached the per-user device
 * quota (no public source names it); the client maps it to DSREG_E_DEVICE_REGISTRATION_QUOTA_EXCCEEDED.
 */
export const DEVICE_QUOTA_EXCEEDED = 'DeviceQuotaExceeded';
/** modeled: the ErrorType of the error boundary's 500 answer. */
export const INTERNAL_SERVER_ERROR = 'InternalServerError';

/** Sync join for a computer Entra Connect has not synced. CSS wiki (event 204, dsregcmd "Server Message"); [TSC] older wording. */
export function deviceNotFoundMessage(deviceId: string): string {
  return `The device object by the given id (${deviceId}) is not found.`;
}

/** Sync join for a device synced without a `userCertificate`. CSS wiki ([DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC]). */
export function userCertificateNotFoundMessage(deviceId: string): string {
  return `The public key user certificate is not found on the device object with id: (${deviceId}).`;
}

/**
 * Sync join whose ClientIdentity does not verify. [TSC] prints only the start, "The verification of
 * the target computer's SID"; modeled: the ending " failed." completes it.
 */
export const SID_VERIFICATION_FAILED_MESSAGE =
  "The verification of the target computer's SID failed.";

/**
 * Sync join (or discovery) naming a tenant DRS does not know. [TSC] "Sync-join server errors" row
 * for a wrong SCP tenant id (the doc writes the id in backticks; modeled: quoted as AADSTS texts quote).
 */
export function tenantNotFoundMessage(tenant: string): string {
  return `AADSTS${AADSTS.InvalidTenantName}: Tenant '${tenant}' not found. This error might happen if there are no active subscriptions for the tenant. Check with your subscription administrator.`;
}

/**
 * Federated join attempted again too soon. [TSC] "Federated join server errors": DirectoryError
 * "Your request is throttled temporarily. Please try after 300 seconds." — "expected, possibly
 * because multiple registration requests were made in quick succession". modeled: the number
 * follows the configured window (300 s, the sourced text, by default).
 */
export function throttledMessage(retryAfterSeconds: number): string {
  return `Your request is throttled temporarily. Please try after ${retryAfterSeconds} seconds.`;
}

/**
 * modeled: wording of the refusal when a user reached the per-user device quota, after the
 * down-level dialog "the user reached the maximum number of joined devices" (Microsoft legacy
 * troubleshooting seed, [TSL]).
 */
export function deviceQuotaExceededMessage(upn: string, quota: number): string {
  return `The user ${upn} has reached the maximum number of joined devices (${quota}). Remove a device the user no longer uses, or raise the maximum number of devices per user.`;
}

/** modeled: wording of the 401 for a missing, forged, expired or foreign bearer (not public). */
export const BEARER_REJECTED_MESSAGE = 'The access token is missing, invalid or expired.';

/**
 * modeled: wording of the 400 for a token that does not describe a domain-joined computer.
 * [MS-DVRJ] §3.1.5.1.1.3 says a missing or mismatched device claim is answered 400 with ErrorDetails.
 */
export const NOT_A_DEVICE_TOKEN_MESSAGE =
  "The access token does not identify a domain-joined device: the claims account_type 'DJ' and on_prem_id are required.";

/** modeled: wording of the 400 for a JoinType other than 6 ([MS-DVRJ]: JoinType "MUST be set to 6"). */
export function joinTypeNotSupportedMessage(joinType: number): string {
  return `JoinType ${joinType} is not supported: a hybrid join request must use JoinType 6.`;
}

/** modeled: wording of the 400 for an api-version the endpoint does not serve. */
export function apiVersionNotSupportedMessage(apiVersion: string | null): string {
  return apiVersion === null
    ? 'The api-version query parameter is required.'
    : `The api-version '${apiVersion}' is not supported.`;
}

/** modeled: wording of the 400 for a body that is not a well-formed join request. */
export function invalidRequestMessage(problem: string): string {
  return `The join request is invalid: ${problem}`;
}

/** modeled: wording of the 400 for a PKCS#10 request DRS cannot use. */
export function invalidCertificateRequestMessage(problem: string): string {
  return `The certificate request is invalid: ${problem}`;
}

/** modeled: wording of the 406 for an Accept header DRS cannot satisfy ([MS-DVRD] §3.1.5.1.1.3 requires a 4xx). */
export function notAcceptableMessage(accept: string): string {
  return `The Accept header '${accept}' names no supported media type; use application/json.`;
}

/** modeled: wording of the error boundary's 500. */
export const INTERNAL_SERVER_ERROR_MESSAGE =
  'An internal server error occurred. Retry the request later.';
