/**
 * Check: the request asks for a hybrid join (JoinType 6). [MS-DVRJ]: JoinType "MUST be set to 6";
 * [HBS] JoinType table. modeled: the 400 `BadRequest` (mock DRS serves hybrid join only).
 */
import { BAD_REQUEST, joinTypeNotSupportedMessage } from '../../protocol/drs/drs-messages.ts';
import { HYBRID_JOIN_TYPE } from '../../protocol/drs/join-request.ts';
import { fail, pass, type Checked } from './drs-failure.ts';

export function checkJoinType(joinType: number): Checked<number> {
  return joinType === HYBRID_JOIN_TYPE
    ? pass(joinType)
    : fail(400, BAD_REQUEST, joinTypeNotSupportedMessage(joinType));
}
