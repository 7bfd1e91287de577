/**
 * The parameters of a passive request: the query, plus the urlencoded form body of a POST
 * (a body parameter wins over a query parameter of the same name).
 */
import type { PartyRequest } from '../../core/http.ts';

export function requestParams(req: PartyRequest): URLSearchParams {
  const params = new URLSearchParams(req.url.search);
  const type = req.headers['content-type'] ?? '';
  if (req.method === 'POST' && type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(req.body)) params.set(k, v);
  }
  return params;
}

/** Only the form body (credentials are never read from the query). */
export function formBody(req: PartyRequest): URLSearchParams {
  const type = req.headers['content-type'] ?? '';
  return req.method === 'POST' && type.toLowerCase().startsWith('application/x-www-form-urlencoded')
    ? new URLSearchParams(req.body)
    : new URLSearchParams();
}
