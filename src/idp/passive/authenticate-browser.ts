/**
 * Authenticates a browser at a passive endpoint: Windows integrated auth when the request carries
 * `Authorization: Negotiate`, else the sign-in form's UserName and Password; with neither, the
 * sign-in page and a Negotiate challenge.
 * @see [DL] [TSL] (WIA for intranet sign-in), [FEDSAML] [NWSFED] [AADI] (AD FS /adfs/ls/)
 */
import type { PartyRequest, PartyResponse } from '../../core/http.ts';
import type { IdpConfig } from '../idp-config.ts';
import type { AuthenticationKind, Principal } from '../principal.ts';
import { authenticatePassword, authenticateWindows, negotiateToken } from '../sts/authenticate.ts';
import { INCORRECT_PASSWORD, signInPage } from './browser-pages.ts';

const CREDENTIAL_FIELDS = new Set(['UserName', 'Password', 'AuthMethod']);

export type BrowserAuthentication =
  | { readonly ok: true; readonly principal: Principal; readonly how: AuthenticationKind }
  | { readonly ok: false; readonly response: PartyResponse };

export function authenticateBrowser(
  cfg: IdpConfig,
  req: PartyRequest,
  form: URLSearchParams,
): BrowserAuthentication {
  const action = `${req.url.pathname}${req.url.search}`;
  const keep = [...form].filter(([n]) => !CREDENTIAL_FIELDS.has(n));
  const token = negotiateToken(req.headers['authorization']);
  if (token !== undefined) {
    const auth = authenticateWindows(cfg, token);
    return auth.ok
      ? { ok: true, principal: auth.principal, how: 'windows' }
      : { ok: false, response: signInPage(action, { keep }) };
  }
  const user = form.get('UserName');
  const password = form.get('Password');
  if (req.method === 'POST' && user !== null && password !== null) {
    const auth = authenticatePassword(cfg, user, password);
    return auth.ok
      ? { ok: true, principal: auth.principal, how: 'password' }
      : {
          ok: false,
          response: signInPage(action, { error: INCORRECT_PASSWORD, challenge: false, keep }),
        };
  }
  return { ok: false, response: signInPage(action, { keep }) };
}
