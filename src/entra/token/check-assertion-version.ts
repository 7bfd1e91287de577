/**
 * The assertion's SAML version must match the grant type: a SAML 1.1 assertion redeemed with the
 * saml2-bearer grant is refused with 7500514 — what happens when a client misreads the
 * `…#SAMLV1.1` TokenType (PingFederate/PingOne spelling) and sends saml2-bearer. (A SAML 2.0
 * assertion under saml1_1-bearer never gets here: the SAML 1.1 reader cannot read it, check-xml.ts.)
 * @see [PING]; AzureAD/microsoft-authentication-library-for-dotnet#1871
 * modeled: the place of this check after the validity check (the order; Entra's own order
 *   is not public).
 */
import type { TokenCheck } from './token-state.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

export const checkAssertionVersion: TokenCheck = (s) => {
  if (s.grantType === 'saml2-bearer' && s.token?.version !== '2.0') {
    return {
      code: AADSTS.SamlResponseTypeNotSupported,
      detail: `saml2-bearer grant with a SAML ${s.token?.version ?? '?'} assertion`,
    };
  }
  return undefined;
};
