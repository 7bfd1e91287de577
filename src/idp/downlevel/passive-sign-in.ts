/**
 * The IdP's WS-Federation passive endpoint as a down-level device's browser meets it: Windows
 * integrated auth (HTTP Negotiate with the signed-in user's Kerberos ticket; 401 until the browser
 * sends one), then a self-posting form that carries the signed SAML 1.1 user assertion to Entra's
 * `login.srf` (`wa=wsignin1.0`, `wresult`, `wctx`).
 * @see ../shared/research/protocol.md §4 (AD FS with IWA for federated down-level join; with
 *   `wauth` wiaormultiauthn the STS issues the `…/authenticationmethod/windows` and
 *   `…/claims/wiaormultiauthn` methods; `Set-AdfsRelyingPartyTrust -AllowedAuthenticationClassReferences
 *   wiaormultiauthn`), §5 (WS-Fed form and wresult), §2 (UPN, ImmutableID and
 *   authnmethodsreferences claim types)
 * modeled: an IdP whose relying party trust does not allow `wiaormultiauthn` ignores the request
 *   for it and issues the Windows method only (Entra then refuses an MFA user: AADSTS50076);
 *   every other failure (not a WS-Fed sign-in, unknown realm, unknown user) is an HTML error page.
 */
import { ENTRA_AUDIENCE, LOGIN_HOST } from '../../core/defaults.ts';
import type { PartyRequest, PartyResponse } from '../../core/http.ts';
import { buildAutoPostForm } from '../../protocol/downlevel/auto-post-form.ts';
import { WIAORMULTIAUTHN_URI } from '../../protocol/downlevel/authorize-request.ts';
import { WA_SIGNIN, buildWsFedResult } from '../../protocol/downlevel/wsfed-result.ts';
import { decodeNegotiateToken } from '../../protocol/kerberos/negotiate-token.ts';
import type { IdpConfig } from '../idp-config.ts';
import { issueUserAssertion } from './user-assertion.ts';

/** The method AD FS records after Windows integrated auth. [research §4] */
export const AUTHN_METHOD_WINDOWS_URI =
  'http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/windows';

function errorPage(status: number, text: string): PartyResponse {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<html><head><title>Sign In</title></head><body><p>An error occurred</p><p>${text}</p></body></html>`,
  };
}

const UNAUTHORIZED: PartyResponse = {
  status: 401,
  headers: { 'www-authenticate': 'Negotiate', 'content-type': 'text/html' },
  body: '<html><body>401 Unauthorized</body></html>',
};

export function handlePassiveSignIn(cfg: IdpConfig, req: PartyRequest): PartyResponse {
  const q = req.url.searchParams;
  if (q.get('wa') !== WA_SIGNIN)
    return errorPage(400, `The request is not a WS-Federation sign-in (wa=${q.get('wa') ?? ''}).`);
  const realm = q.get('wtrealm') ?? '';
  if (!cfg.relyingParties.includes(realm))
    return errorPage(400, `There is no relying party trust for '${realm}'.`);
  const negotiate = /^Negotiate\s+(\S+)$/i.exec(req.headers['authorization'] ?? '');
  if (!negotiate) return UNAUTHORIZED;
  const ticket = decodeNegotiateToken(negotiate[1]!);
  if (!ticket || ticket.spn.toLowerCase() !== `http/${cfg.host}`.toLowerCase()) return UNAUTHORIZED;
  // The service account has no AES keys: the ticket cannot be decrypted (as for the device).
  if (ticket.encryptionType === 'rc4-hmac' && !cfg.kerberos.acceptRc4) return UNAUTHORIZED;
  const user = cfg.users?.find((u) => u.objectSid === ticket.sid);
  if (!user) return errorPage(401, 'The user could not be authenticated.');
  const methods = [AUTHN_METHOD_WINDOWS_URI];
  if (q.get('wauth') === WIAORMULTIAUTHN_URI && cfg.wiaormultiauthn)
    methods.push(WIAORMULTIAUTHN_URI);
  const issued = issueUserAssertion(cfg, user, methods);
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: buildAutoPostForm({
      action: `https://${LOGIN_HOST}/login.srf`,
      fields: {
        wa: WA_SIGNIN,
        wresult: buildWsFedResult({
          assertionXml: issued.xml,
          created: issued.created,
          expires: issued.expires,
          appliesTo: ENTRA_AUDIENCE,
        }),
        wctx: q.get('wctx') ?? '',
      },
    }),
  };
}
