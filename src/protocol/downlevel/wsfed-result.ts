/**
 * WS-Federation passive sign-in response: the `wresult` (a WS-Trust 2005
 * RequestSecurityTokenResponse holding the signed SAML 1.1 assertion) an IdP posts to Entra's
 * `login.srf` with `wa=wsignin1.0` and `wctx`.
 * @see ../shared/research/protocol.md §5 (auth0/node-wsfed form.ejs and lib/wsfed.js: the RSTR in
 *   `wresult`; Entra requires a SAML 1.1 assertion there; realm `urn:federation:MicrosoftOnline`)
 */
import { NS } from '../xml/namespaces.ts';
import { escapeXml, wsuTime } from '../wstrust/xml-text.ts';
import { TOKEN_TYPE } from '../wstrust/constants.ts';

export const WA_SIGNIN = 'wsignin1.0';

export function buildWsFedResult(i: {
  assertionXml: string;
  created: Date;
  expires: Date;
  appliesTo: string;
}): string {
  return (
    `<t:RequestSecurityTokenResponse xmlns:t="${NS.wst2005}">` +
    `<t:Lifetime><wsu:Created xmlns:wsu="${NS.wsu}">${wsuTime(i.created, 'created')}</wsu:Created>` +
    `<wsu:Expires xmlns:wsu="${NS.wsu}">${wsuTime(i.expires, 'expires')}</wsu:Expires></t:Lifetime>` +
    `<wsp:AppliesTo xmlns:wsp="${NS.wsp}"><wsa:EndpointReference xmlns:wsa="${NS.wsa}">` +
    `<wsa:Address>${escapeXml(i.appliesTo)}</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>` +
    `<t:RequestedSecurityToken>${i.assertionXml}</t:RequestedSecurityToken>` +
    `<t:TokenType>${TOKEN_TYPE.saml11}</t:TokenType>` +
    `<t:RequestType>${NS.wst2005}/Issue</t:RequestType>` +
    `<t:KeyType>http://schemas.xmlsoap.org/ws/2005/05/identity/NoProofKey</t:KeyType>` +
    `</t:RequestSecurityTokenResponse>`
  );
}
