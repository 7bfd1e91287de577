/**
 * A down-level sign-in that fails answers like Entra's authorize endpoint with `prompt=none`: a
 * redirect to the client's redirect URI whose fragment carries `error` and an AADSTS
 * `error_description` (message, Trace ID, Correlation ID, Timestamp).
 * @see RFC 6749 §4.2.2.1; [ERR] (description shape)
 */
import { echoed } from '../../core/echo.ts';
import type { PartyResponse } from '../../core/http.ts';
import { describeProvenance } from '../../core/provenance.ts';
import { authorizeRedirect } from '../../protocol/downlevel/authorize-request.ts';
import { type AadstsCode, aadstsEntry } from '../../protocol/oauth/aadsts.ts';
import { buildEntraError } from '../../protocol/oauth/error-response.ts';
import type { EntraContext } from '../tenant.ts';

export function signInError(
  ctx: EntraContext,
  where: string,
  redirectUri: string,
  correlationId: string,
  code: AadstsCode,
  params: Readonly<Record<string, string>>,
  detail: string,
): PartyResponse {
  const entry = aadstsEntry(code);
  ctx.log?.(
    `${where}: AADSTS${code} (${detail})${entry ? ` [${describeProvenance(entry.provenance)}]` : ''}`,
  );
  const { body } = buildEntraError(code, params, {
    traceId: ctx.ids.uuid(),
    correlationId,
    now: ctx.clock.now(),
  });
  return {
    status: 302,
    headers: {
      location: authorizeRedirect(redirectUri, {
        ok: false,
        error: body.error,
        description: body.error_description,
      }),
    },
    body: '',
  };
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/**
 * A refusal that cannot be redirected (the client or its redirect URI is not registered, the
 * tenant is unknown): Entra's sign-in error page, "Sorry, but we're having trouble signing you
 * in." with the AADSTS message, Request Id, Correlation Id, Timestamp and Message lines. Every
 * request value it repeats is bounded and stripped of control characters.
 * @see UNO180 TEAMSCC267 (the page's lines)
 * modeled: the 400 status and the markup (the captures are the rendered text).
 */
export function signInErrorPage(
  ctx: EntraContext,
  where: string,
  correlationId: string,
  code: number,
  params: Readonly<Record<string, string>>,
  detail: string,
): PartyResponse {
  const entry = aadstsEntry(code);
  if (!entry) throw new RangeError(`no AADSTS catalogue entry for ${code}`);
  const bounded = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, echoed(v)]));
  ctx.log?.(
    `${where}: AADSTS${code} (${echoed(detail)}) [${describeProvenance(entry.provenance)}]`,
  );
  const message = `AADSTS${code}: ${entry.message(bounded)}`;
  const lines = [
    message,
    `Request Id: ${ctx.ids.uuid()}`,
    `Correlation Id: ${echoed(correlationId, 64)}`,
    `Timestamp: ${ctx.clock.now().toISOString().slice(0, 19)}Z`,
    `Message: ${message}`,
  ];
  return {
    status: 400,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body:
      `<html><head><title>Sign in to your account</title></head><body><h1>Sign in</h1>` +
      `<p>Sorry, but we're having trouble signing you in.</p>` +
      lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('') +
      `</body></html>`,
  };
}
