/**
 * How a mock DRS check says no: an HTTP status, a DRS ErrorType and a public Message, turned into
 * the DRS error body (TraceId from the run's id source, Time from its clock).
 * @see [MS-DVRJ] §2.2.3.1 ErrorDetails; ../../protocol/drs/drs-error.ts
 */
import { jsonResponse, type PartyResponse } from '../../core/http.ts';
import { buildDrsError } from '../../protocol/drs/drs-error.ts';
import type { EntraContext } from '../tenant.ts';

export interface DrsFailure {
  readonly status: number;
  readonly errorType: string;
  /** Public text, on the wire. */
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Internal detail for the run's log (`ctx.log`), never on the wire. */
  readonly detail?: string;
}

export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: DrsFailure };

export function pass<T>(value: T): Checked<T> {
  return { ok: true, value };
}

export function fail(
  status: number,
  errorType: string,
  message: string,
  more: { headers?: Readonly<Record<string, string>>; detail?: string } = {},
): { readonly ok: false; readonly failure: DrsFailure } {
  return { ok: false, failure: { status, errorType, message, ...more } };
}

export function drsErrorResponse(ctx: EntraContext, failure: DrsFailure): PartyResponse {
  const body = buildDrsError(failure.errorType, failure.message, ctx.ids.uuid(), ctx.clock.now());
  ctx.log?.(
    `mock-entra-drs ${failure.status} ${failure.errorType} (TraceId ${body.TraceId}): ${failure.detail ?? failure.message}`,
  );
  return jsonResponse(failure.status, body, { ...failure.headers });
}
