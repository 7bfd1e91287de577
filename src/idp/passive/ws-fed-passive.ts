/**
 * The WS-Federation passive requestor endpoint: `wa=wsignin1.0` authenticates the browser and
 * answers an auto-post form carrying `wresult` (an RSTR with the signed SAML 1.1 assertion) to
 * the relying party; `wa=wsignout1.0` / `wsignoutcleanup1.0` end the session.
 * @see WS-Federation 1.2 §13; [FEDSAML] [NWSFED] [AADI] (Entra requires SAML 1.1 in
 *   WS-Fed passive; the form fields)
 * modeled: the sign-out page text.
 */
import { isSimError } from '../../core/errors.ts';
import type { PartyRequest, PartyResponse } from '../../core/http.ts';
import { buildAutoPostForm } from '../../protocol/wsfed/auto-post-form.ts';
import { WA } from '../../protocol/wsfed/constants.ts';
import { parsePassiveRequest, type PassiveRequest } from '../../protocol/wsfed/sign-in-request.ts';
import { buildSignInResult, signInResponseFields } from '../../protocol/wsfed/sign-in-response.ts';
import type { IdpConfig } from '../idp-config.ts';
import { issueAssertion } from '../sts/issue-assertion.ts';
import { authenticateBrowser } from './authenticate-browser.ts';
import { authenticationMethodClaims } from './authentication-methods.ts';
import { errorPage, htmlPage } from './browser-pages.ts';
import { responseEndpoint } from './relying-party.ts';
import { formBody } from './request-params.ts';

export function handleWsFedPassive(
  cfg: IdpConfig,
  req: PartyRequest,
  params: URLSearchParams,
): PartyResponse {
  let request: PassiveRequest;
  try {
    request = parsePassiveRequest(params);
  } catch (e) {
    if (!isSimError(e)) throw e;
    return errorPage(400, `${e.message}${e.hint ? ` (${e.hint})` : ''}`);
  }
  if (request.action !== WA.signIn) {
    return htmlPage('Sign Out', '<p id="signOutText">You have successfully signed out.</p>');
  }
  const target = responseEndpoint(cfg, request.realm, request.reply);
  if (!target.ok) return errorPage(400, target.error);
  const auth = authenticateBrowser(cfg, req, formBody(req));
  if (!auth.ok) return auth.response;
  const issued = issueAssertion(
    cfg,
    auth.principal,
    auth.how,
    request.realm,
    authenticationMethodClaims(cfg, auth.principal, auth.how, params.get('wauth')),
  );
  const wresult = buildSignInResult({
    assertionXml: issued.xml,
    tokenType: cfg.tokenType,
    appliesTo: request.realm,
    created: issued.created,
    expires: issued.expires,
  });
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: buildAutoPostForm({
      action: target.url,
      fields: signInResponseFields(wresult, request.context),
    }),
  };
}
