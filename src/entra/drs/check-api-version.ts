/**
 * Check: the `api-version` query parameter names a version this endpoint serves.
 * @see [DSRT] [HBS] [DVRD] [TSC] (discovery 1.7 / 1.9, legacy contract 1.0 / 1.2), [HBS] [ROAD] [AADI] [DVRJ] [TSC] and [DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC]
 *   (join 1.0 and 2.0); modeled: the 400 DRS answers for any other version (not public).
 */
import type { PartyRequest } from '../../core/http.ts';
import { apiVersionNotSupportedMessage, BAD_REQUEST } from '../../protocol/drs/drs-messages.ts';
import { fail, pass, type Checked } from './drs-failure.ts';

export function checkApiVersion(req: PartyRequest, accepted: RegExp): Checked<string> {
  const v = req.url.searchParams.get('api-version');
  if (v === null || !accepted.test(v))
    return fail(400, BAD_REQUEST, apiVersionNotSupportedMessage(v));
  return pass(v);
}
