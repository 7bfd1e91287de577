/**
 * WIAORMULTIAUTHN at the passive endpoint: when Entra asks (`wauth` =
 * `http://schemas.microsoft.com/claims/wiaormultiauthn`, on behalf of a down-level device's user)
 * and the user signed in with Windows integrated auth, the IdP states how in
 * `authnmethodsreferences`: the Windows method, and `wiaormultiauthn` when the relying party trust
 * allows that class (`Set-AdfsRelyingPartyTrust -AllowedAuthenticationClassReferences
 * wiaormultiauthn` with the pass-through rule for authnmethodsreferences).
 * @see [DL] [TSL] (the resource_params acr, the two methods the STS must
 *   issue, the AD FS rule and command); [TSL] (MFA without
 *   WIAORMULTIAUTHN breaks the down-level join)
 * modeled: an IdP whose trust does not allow the class ignores the request and issues the Windows
 *   method only (Entra then refuses a user who must do MFA: AADSTS50076), instead of failing the
 *   sign-in itself; no methods are added for other requests.
 */
import { CLAIM } from '../../protocol/claims/claim-types.ts';
import { WIAORMULTIAUTHN_URI } from '../../protocol/downlevel/authorize-request.ts';
import type { Saml11Attribute } from '../../protocol/saml11/types.ts';
import type { IdpConfig } from '../idp-config.ts';
import type { AuthenticationKind, Principal } from '../principal.ts';

/** The method AD FS records after Windows integrated auth. [DL] [TSL] */
export const AUTHN_METHOD_WINDOWS_URI =
  'http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/windows';

export function authenticationMethodClaims(
  cfg: IdpConfig,
  p: Principal,
  how: AuthenticationKind,
  wauth: string | null,
): Saml11Attribute[] {
  if (wauth !== WIAORMULTIAUTHN_URI || how !== 'windows' || p.kind !== 'user') return [];
  return [
    {
      ...CLAIM.authnmethodsreferences,
      values: cfg.wiaormultiauthn
        ? [AUTHN_METHOD_WINDOWS_URI, WIAORMULTIAUTHN_URI]
        : [AUTHN_METHOD_WINDOWS_URI],
    },
  ];
}
