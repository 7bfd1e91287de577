/**
 * The SAML-P single sign-on endpoint: reads the AuthnRequest (Redirect or POST binding), checks
 * the relying party, authenticates the browser, and answers an auto-post form carrying the signed
 * SAMLResponse (and RelayState) to the relying party's ACS.
 * @see SAML 2.0 Profiles §4.1 (Web Browser SSO), Bindings §3.4, §3.5
 */
import { isSimError } from '../../core/errors.ts';
import type { PartyRequest, PartyResponse } from '../../core/http.ts';
import { buildAutoPostForm } from '../../protocol/wsfed/auto-post-form.ts';
import type { IdpConfig } from '../idp-config.ts';
import { authenticateBrowser } from '../passive/authenticate-browser.ts';
import { errorPage } from '../passive/browser-pages.ts';
import { responseEndpoint } from '../passive/relying-party.ts';
import { formBody } from '../passive/request-params.ts';
import { readAuthnRequest, type AuthnRequest } from './authn-request.ts';
import { samlpLoginResponse } from './samlp-provider.ts';

export async function handleSamlpSso(
  cfg: IdpConfig,
  ssoUrl: string,
  req: PartyRequest,
  params: URLSearchParams,
): Promise<PartyResponse> {
  let request: AuthnRequest;
  try {
    // The binding is where SAMLRequest travels (a sign-in form POST keeps a Redirect request's query).
    request = readAuthnRequest(params, formBody(req).has('SAMLRequest') ? 'post' : 'redirect');
  } catch (e) {
    if (!isSimError(e)) throw e;
    return errorPage(400, `${e.message}${e.hint ? ` (${e.hint})` : ''}`);
  }
  const target = responseEndpoint(cfg, request.issuer, request.assertionConsumerServiceUrl);
  if (!target.ok) return errorPage(400, target.error);
  const auth = authenticateBrowser(cfg, req, formBody(req));
  if (!auth.ok) return auth.response;
  const response = await samlpLoginResponse(
    cfg,
    ssoUrl,
    { ...request, assertionConsumerServiceUrl: target.url },
    auth.principal,
    auth.how,
  );
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: buildAutoPostForm({
      action: response.acs,
      fields: [
        ['SAMLResponse', response.samlResponse],
        ...(request.relayState === undefined
          ? []
          : ([['RelayState', request.relayState]] as [string, string][])),
      ],
    }),
  };
}
