/**
 * Check: the client accepts JSON or XML. [MS-DVRD] §3.1.5.1.1.3 allows `application/json` or
 * `application/xml` and requires a 4xx for anything else; `application/xml` gets the XML form.
 * modeled deviation: an absent Accept gets JSON (the spec's default is XML; dsreg always sends
 * `Accept: application/json`, [DSRT]).
 */
import type { PartyRequest } from '../../core/http.ts';
import { BAD_REQUEST, notAcceptableMessage } from '../../protocol/drs/drs-messages.ts';
import { fail, pass, type Checked } from './drs-failure.ts';

const JSON_RANGES = new Set(['application/json', 'application/*', '*/*']);

export function checkAccept(req: PartyRequest): Checked<'json' | 'xml'> {
  const accept = req.headers['accept'];
  if (accept === undefined || accept.trim() === '') return pass('json');
  const ranges = accept.split(',').map((r) => r.split(';')[0]!.trim().toLowerCase());
  if (ranges.some((r) => JSON_RANGES.has(r))) return pass('json');
  if (ranges.includes('application/xml')) return pass('xml');
  return fail(406, BAD_REQUEST, notAcceptableMessage(accept));
}
