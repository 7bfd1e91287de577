/**
 * MFA for users who need it (per-user MFA or Conditional Access), honouring the domain's
 * `federatedIdpMfaBehavior`: accept (default) — MFA the IdP did counts, otherwise Entra must do it
 * (50076); enforce — MFA the IdP did counts, otherwise the IdP must do it (50079: "a federated user
 * needs to get the multifactor claim from the federated identity provider"); reject — Entra always
 * does it (50076). Both are `interaction_required`: a silent grant cannot satisfy them.
 * The IdP's MFA: SAML 1.1 `multipleauthn` / `wiaormultiauthn` as AuthenticationMethod or as an
 * `authenticationmethod` / `authnmethodsreferences` attribute value; SAML 2.0 in the
 * AuthnStatement's AuthnContextClassRef only.
 * @see Graph internalDomainFederation-update "federatedIdpMfaBehavior values";
 *   learn.microsoft.com/entra/identity/authentication/how-to-mfa-expected-inbound-assertions;
 *   reference-error-codes (50076, 50079); [HJM] [AADI] [DVRJ] [WIKI] (authnmethodsreferences rule)
 * modeled: device tokens are not asked for MFA (MFA is a user requirement; the device join runs
 *   userless).
 */
import { CLAIM, claimType } from '../../protocol/claims/claim-types.ts';
import type { TokenCheck } from './token-state.ts';
import { claimValues, type TokenView } from './token-view.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

export const MFA_METHODS: readonly string[] = [
  'http://schemas.microsoft.com/claims/multipleauthn',
  'http://schemas.microsoft.com/claims/wiaormultiauthn',
];
const AUTHENTICATION_METHOD_CLAIM =
  'http://schemas.microsoft.com/ws/2008/06/identity/claims/authenticationmethod';

export function mfaDoneByIdp(view: TokenView): boolean {
  const said = [...view.authnMethods];
  if (view.version === '1.1') {
    said.push(...claimValues(view, AUTHENTICATION_METHOD_CLAIM));
    said.push(
      ...claimValues(
        view,
        claimType(CLAIM.authnmethodsreferences.namespace, CLAIM.authnmethodsreferences.name),
      ),
    );
  }
  return said.some((m) => MFA_METHODS.includes(m));
}

export const checkMfa: TokenCheck = (s) => {
  const byIdp = s.token ? mfaDoneByIdp(s.token) : false;
  s.mfaByIdp = byIdp;
  if (!s.user?.mfaRequired) return undefined;
  const behavior = s.domain?.federation?.federatedIdpMfaBehavior ?? 'acceptIfMfaDoneByFederatedIdp';
  const params = { resource: s.resource ?? '' };
  if (behavior === 'rejectMfaByFederatedIdp') {
    return {
      code: AADSTS.UserStrongAuthClientAuthNRequired,
      params,
      detail: 'rejectMfaByFederatedIdp: Entra must do the MFA itself',
    };
  }
  if (byIdp) return undefined;
  if (behavior === 'enforceMfaByFederatedIdp') {
    return {
      code: AADSTS.UserStrongAuthEnrollmentRequired,
      params,
      detail: 'enforceMfaByFederatedIdp and the token has no MFA claim',
    };
  }
  return {
    code: AADSTS.UserStrongAuthClientAuthNRequired,
    params,
    detail: `${behavior}: the token has no MFA claim, so Entra must do the MFA`,
  };
};
