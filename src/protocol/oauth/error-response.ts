/**
 * Entra's token-endpoint error JSON, in its exact shape and key order: error, error_description
 * (message, then Trace ID, Correlation ID and Timestamp separated by CR LF), error_codes,
 * timestamp, trace_id, correlation_id, error_uri; and the HTTP status that goes with `error`.
 * @see [ERR]; RFC 6749 §5.2 (400, or 401 for invalid_client)
 */
import { LOGIN_HOST } from '../entra-names.ts';
import { aadstsEntry, type AadstsCode, type OAuthErrorValue } from './aadsts.ts';

export interface EntraErrorBody {
  readonly error: OAuthErrorValue;
  readonly error_description: string;
  readonly error_codes: readonly number[];
  readonly timestamp: string;
  readonly trace_id: string;
  readonly correlation_id: string;
  readonly error_uri: string;
}

/** `2016-01-09 02:02:12Z` */
export function entraTimestamp(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/**
 * HTTP status per `error`: 400 [TSC "HTTP status : 400 … invalid_grant"; RFC 6749 §5.2], 401 for
 * invalid_client (RFC 6749 §5.2). modeled: 503 for temporarily_unavailable (no public token-endpoint
 * sample; it is the status the word names).
 */
export function statusForError(error: OAuthErrorValue): number {
  if (error === 'invalid_client') return 401;
  if (error === 'temporarily_unavailable') return 503;
  return 400;
}

export function buildEntraError(
  code: AadstsCode,
  params: Readonly<Record<string, string>>,
  ids: { traceId: string; correlationId: string; now: Date },
  opts: { error?: OAuthErrorValue } = {},
): { status: number; body: EntraErrorBody } {
  const e = aadstsEntry(code);
  if (!e) throw new RangeError(`no AADSTS catalogue entry for ${code}`);
  const ts = entraTimestamp(ids.now);
  const first = e.errorCodes[0] ?? code;
  const message = `AADSTS${first}: ${e.message(params)}`;
  const error = opts.error ?? e.error;
  return {
    status: statusForError(error),
    body: {
      error,
      error_description: `${message}\r\nTrace ID: ${ids.traceId}\r\nCorrelation ID: ${ids.correlationId}\r\nTimestamp: ${ts}`,
      error_codes: e.errorCodes,
      timestamp: ts,
      trace_id: ids.traceId,
      correlation_id: ids.correlationId,
      error_uri: `https://${LOGIN_HOST}/error?code=${first}`,
    },
  };
}
