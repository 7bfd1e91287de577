/**
 * Microsoft Graph's error body: `{"error":{"code","message","innerError":{"date","request-id",
 * "client-request-id"}}}`.
 * @see learn.microsoft.com/graph/errors (error resource type); public Graph answers quoted in many
 *   repositories, e.g. 401 `{"error":{"code":"InvalidAuthenticationToken","message":"Access token is
 *   empty.","innerError":{"date":"2025-05-27T00:50:53","request-id":…,"client-request-id":…}}}`
 */
import { jsonResponse, type PartyResponse } from '../../core/http.ts';

export interface GraphErrorInput {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly requestId: string;
  readonly clientRequestId: string;
  readonly now: Date;
}

/** `2025-05-27T00:50:53`: Graph's innerError date has no fraction and no zone. */
export function graphErrorDate(d: Date): string {
  return d.toISOString().slice(0, 19);
}

export function graphError(e: GraphErrorInput): PartyResponse {
  return jsonResponse(
    e.status,
    {
      error: {
        code: e.code,
        message: e.message,
        innerError: {
          date: graphErrorDate(e.now),
          'request-id': e.requestId,
          'client-request-id': e.clientRequestId,
        },
      },
    },
    { 'request-id': e.requestId, 'client-request-id': e.clientRequestId },
  );
}
