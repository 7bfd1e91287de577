/**
 * The HTML a passive endpoint shows a browser: the sign-in page (Windows integrated auth is
 * offered with a `WWW-Authenticate: Negotiate` challenge, the form is the fallback) and the
 * error page. Form field names are AD FS's.
 * modeled: the page texts ("Sign in with your organizational account", "Incorrect user ID or
 *   password. Type the correct user ID and password, and try again.", "An error occurred") follow
 *   AD FS's default pages as seen in browser screenshots; no public specification fixes them.
 */
import type { PartyResponse } from '../../core/http.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string) =>
  `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>\n`;

export const INCORRECT_PASSWORD =
  'Incorrect user ID or password. Type the correct user ID and password, and try again.';

/**
 * The sign-in page; `challenge` adds the Negotiate challenge (401) that a browser answers with SSO.
 * `keep` carries the protocol fields of a POSTed request (SAMLRequest, wa, …) through the form.
 */
export function signInPage(
  action: string,
  opts: { error?: string; challenge?: boolean; keep?: readonly [string, string][] } = {},
): PartyResponse {
  const { error, challenge = true, keep = [] } = opts;
  const hidden = keep
    .map(([n, v]) => `<input type="hidden" name="${escapeHtml(n)}" value="${escapeHtml(v)}" />`)
    .join('');
  const body =
    `<h1>Sign in with your organizational account</h1>` +
    (error === undefined ? '' : `<p id="errorText">${escapeHtml(error)}</p>`) +
    `<form method="post" id="loginForm" action="${escapeHtml(action)}">` +
    `<input id="userNameInput" name="UserName" type="email" />` +
    `<input id="passwordInput" name="Password" type="password" />` +
    `<input id="authMethod" type="hidden" name="AuthMethod" value="FormsAuthentication" />` +
    hidden +
    `<span id="submitButton" role="button">Sign in</span></form>`;
  return {
    status: challenge ? 401 : 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      ...(challenge ? { 'www-authenticate': 'Negotiate' } : {}),
    },
    body: page('Sign In', body),
  };
}

export function errorPage(status: number, message: string): PartyResponse {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: page('Sign In', `<h1>An error occurred</h1><p id="errorText">${escapeHtml(message)}</p>`),
  };
}

export function htmlPage(title: string, body: string): PartyResponse {
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: page(title, body),
  };
}
