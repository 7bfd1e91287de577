/**
 * Check: the body is a well-formed federated or sync join request (the protocol readers decide).
 * modeled: the 400 `BadRequest` and its message; real DRS's answer to a malformed body is not public.
 */
import { BAD_REQUEST, invalidRequestMessage } from '../../protocol/drs/drs-messages.ts';
import {
  readFederatedJoinRequest,
  readSyncJoinRequest,
  type FederatedJoinRequest,
  type SyncJoinRequest,
} from '../../protocol/drs/join-request.ts';
import { fail, pass, type Checked } from './drs-failure.ts';

function checked<T>(r: { ok: true; value: T } | { ok: false; problem: string }): Checked<T> {
  return r.ok ? pass(r.value) : fail(400, BAD_REQUEST, invalidRequestMessage(r.problem));
}

export function checkFederatedJoinRequest(body: unknown): Checked<FederatedJoinRequest> {
  return checked(readFederatedJoinRequest(body));
}

export function checkSyncJoinRequest(body: unknown): Checked<SyncJoinRequest> {
  return checked(readSyncJoinRequest(body));
}
