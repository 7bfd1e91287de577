/**
 * A SAML 1.1 assertion redeemed with the saml2-bearer grant is refused with 7500514: what
 * happens when a client misreads the `…#SAMLV1.1` TokenType (PingFederate/PingOne spelling).
 * @see ../shared/research/protocol.md §6; AzureAD/microsoft-authentication-library-for-dotnet#1871
 */
import { NS } from '../../protocol/xml/namespaces.ts';
import { peekAssertion } from '../../protocol/saml11/parse-assertion.ts';
import type { TokenCheck } from './token-state.ts';

export const checkAssertionVersion: TokenCheck = (s) => {
  if (s.grantType !== 'saml2-bearer') return undefined;
  const peek = peekAssertion(s.assertionXml ?? '');
  if (peek.rootNamespace !== NS.saml2) {
    return {
      code: 7500514,
      detail: `saml2-bearer grant with a root element in ${peek.rootNamespace ?? 'no namespace'}`,
    };
  }
  return undefined;
};
