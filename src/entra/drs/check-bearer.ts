/**
 * Check: the federated join carries a bearer token mock Entra issued for DRS, unexpired, for this
 * tenant. modeled: the 401 `AuthenticationError` and its `WWW-Authenticate` (RFC 6750 §3) header;
 * real DRS's answer to a bad bearer is not public.
 */
import type { PartyRequest } from '../../core/http.ts';
import { AUTHENTICATION_ERROR, BEARER_REJECTED_MESSAGE } from '../../protocol/drs/drs-messages.ts';
import { readAccessToken, type AccessTokenClaims } from '../access-token.ts';
import type { EntraContext } from '../tenant.ts';
import { fail, pass, type Checked } from './drs-failure.ts';

export function checkBearer(ctx: EntraContext, req: PartyRequest): Checked<AccessTokenClaims> {
  const authorization = req.headers['authorization'];
  const claims = readAccessToken(ctx, authorization);
  if (!claims) {
    return fail(401, AUTHENTICATION_ERROR, BEARER_REJECTED_MESSAGE, {
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      detail:
        authorization === undefined
          ? 'no Authorization header'
          : 'the bearer is not a token mock Entra issued for DRS in this tenant, or it has expired',
    });
  }
  return pass(claims);
}
