/**
 * User lookup: a token that is not a device's names a user by ImmutableID (the subject); that
 * user must exist in the tenant.
 * @see [ERR] (50034 runtime text, invalid_grant); how-to-connect-fed-saml-idp
 *   (NameID = ImmutableID)
 * modeled: the lookup key is the ImmutableID only (Entra federation ignores the UPN claim for the
 *   lookup, AADInternals: "Azure AD identity federation doesn't care about UPN").
 */
import { findUserByImmutableId } from '../tenant.ts';
import { upnOf } from './check-device-claims.ts';
import type { TokenCheck } from './token-state.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

export const checkUser: TokenCheck = (s) => {
  if (s.device) return undefined;
  const immutableId = s.token?.subject?.value ?? '';
  const user = findUserByImmutableId(s.ctx.tenant, immutableId);
  if (user) {
    s.user = user;
    return undefined;
  }
  return {
    code: AADSTS.UserAccountNotFound,
    params: { tenant: s.ctx.tenant.id },
    detail: `no user has ImmutableID ${immutableId} (the token names UPN ${upnOf(s.token!) ?? '(none)'})`,
  };
};
