/**
 * Check: the body is JSON. modeled: the 400 `BadRequest` for anything else (not public).
 */
import type { PartyRequest } from '../../core/http.ts';
import { BAD_REQUEST, invalidRequestMessage } from '../../protocol/drs/drs-messages.ts';
import { fail, pass, type Checked } from './drs-failure.ts';

export function parseJsonBody(req: PartyRequest): Checked<unknown> {
  try {
    return pass(JSON.parse(req.body) as unknown);
  } catch {
    return fail(400, BAD_REQUEST, invalidRequestMessage('the body is not JSON'));
  }
}
