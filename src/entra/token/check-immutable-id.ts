/**
 * The assertion must carry the ImmutableID as its subject: SAML 1.1 Subject NameIdentifier
 * (AADSTS90020), SAML 2.0 Subject NameID.
 * @see [ERR] (90020), [HJM] [AADI] [DVRJ] [WIKI] (NameIdentifier = ImmutableID);
 *   how-to-connect-fed-saml-idp ("NameID … must be the same as the Microsoft Entra user's ImmutableID")
 * modeled: a SAML 2.0 assertion without NameID gets 50008 "SAML token is invalid." (90020's text
 *   names SAML 1.1; no public source shows the SAML 2.0 answer).
 */
import type { TokenCheck } from './token-state.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

export const checkImmutableId: TokenCheck = (s) => {
  if (s.token?.subject?.value) return undefined;
  if (s.token?.version === '2.0') {
    return {
      code: AADSTS.InvalidSamlToken,
      params: { detail: 'SAML token is invalid.' },
      detail: 'the SAML 2.0 assertion has no Subject NameID (the ImmutableID)',
    };
  }
  return { code: AADSTS.SAML11AssertionMissingImmutableId };
};
