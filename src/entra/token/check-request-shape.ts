/**
 * The form must be urlencoded and carry grant_type, client_id, a SAML bearer grant type and the
 * assertion; v1 (`/oauth2/token`) names the resource with `resource`, v2.0 (`/oauth2/v2.0/token`)
 * with `scope` and refuses `resource`.
 * @see [WIKI] [AADI] [ROAD] [MSALPY] (form body), [ERR] (900144); reference-error-codes
 *   (901002 "The 'resource' request parameter isn't supported", 700022); 90014 for a v2.0 request
 *   without scope (runtime text in public MSAL fixtures, see aadsts.ts)
 * client_id is an application id (a GUID); anything else is no application of the directory:
 *   AADSTS700016 "Application with identifier '…' was not found in the directory '…'", the answer
 *   Entra gives a placeholder client id [AMV2OIDC50] (so no 200 kB name becomes a token's appid).
 * modeled: a v2.0 scope of OpenID scopes only yields a Microsoft Graph token (the v2.0 platform
 *   issues userinfo tokens for Graph); an empty parameter counts as a missing one.
 */
import { GRANT_SAML11, GRANT_SAML2, GRAPH_HOST } from '../../protocol/entra-names.ts';
import { OIDC_SCOPES, resourceOfScope } from '../../protocol/oauth/token-response.ts';
import type { TokenCheck } from './token-state.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const checkRequestShape: TokenCheck = (s) => {
  if (!s.contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return {
      code: AADSTS.MissingRequiredParameter,
      params: { name: 'grant_type' },
      detail: `content-type '${s.contentType}' is not a form`,
    };
  }
  for (const name of ['grant_type', 'client_id']) {
    if (!s.form.get(name)) return { code: AADSTS.MissingRequiredParameter, params: { name } };
  }
  const clientId = s.form.get('client_id')!;
  if (!GUID.test(clientId))
    return {
      code: AADSTS.UnauthorizedClient_DoesNotMatchRequest,
      params: { clientId, tenant: s.tenantSegment },
      detail: `client_id is not an application id (${clientId.length} characters)`,
    };
  const grant = s.form.get('grant_type');
  if (grant === GRANT_SAML11) s.grantType = 'saml1_1-bearer';
  else if (grant === GRANT_SAML2) s.grantType = 'saml2-bearer';
  else return { code: AADSTS.UnsupportedGrantType, params: { grantType: grant ?? '' } };
  if (!s.form.get('assertion'))
    return { code: AADSTS.MissingRequiredParameter, params: { name: 'assertion' } };
  const resource = s.form.get('resource');
  const scope = s.form.get('scope');
  if (s.endpoint === 'v2') {
    if (resource) return { code: AADSTS.ResourceParameterNotSupported };
    if (!scope) return { code: AADSTS.MissingRequiredField, params: { name: 'scope' } };
    const named = resourceOfScope(scope);
    const onlyOidc = scope.split(/\s+/).every((x) => x === '' || OIDC_SCOPES.has(x));
    if (named === undefined && !onlyOidc)
      return { code: AADSTS.InvalidMultipleResourcesScope, params: { scope } };
    s.resource = named ?? `https://${GRAPH_HOST}`;
    return undefined;
  }
  const named = resource || (scope ? resourceOfScope(scope) : undefined);
  if (!named) return { code: AADSTS.MissingRequiredParameter, params: { name: 'resource' } };
  s.resource = named;
  return undefined;
};
