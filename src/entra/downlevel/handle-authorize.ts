/**
 * `GET /{tenant}/oauth2/authorize` for the down-level client's silent sign-in: home realm
 * discovery by `domain_hint`, then either the federated IdP's WS-Fed passive endpoint (with
 * `wauth` when the client asked for acr `wiaormultiauthn`), Seamless SSO's autologon endpoint, or
 * — a managed domain without Seamless SSO — the sign-in page, which waits for the user.
 * @see [DL] [TSL] (WIAORMULTIAUTHN, `resource_params`, Seamless SSO
 *   autologon host), §5 (WS-Fed `wa=wsignin1.0`, `wtrealm=urn:federation:MicrosoftOnline`);
 *   seed 000 ("home realm discovery (HRD) page is waiting for user interaction")
 * modeled: HRD follows `domain_hint` (the SCP's azureADName) before `login_hint`, which is what
 *   makes an SCP naming `*.onmicrosoft.com` send a federated customer's users down the managed
 *   path; the `wauth` value forwarded for the acr; the autologon path `/{tenant}/winauth/sso`; the
 *   sign-in page's markup.
 */
import { ENTRA_AUDIENCE } from '../../protocol/entra-names.ts';
import type { PartyRequest, PartyResponse } from '../../core/http.ts';
import {
  ACR_WIAORMULTIAUTHN,
  acrOf,
  WIAORMULTIAUTHN_URI,
} from '../../protocol/downlevel/authorize-request.ts';
import { WA } from '../../protocol/wsfed/constants.ts';
import { findDomain, tenantMatches, type EntraContext } from '../tenant.ts';
import { downlevelState } from './downlevel-settings.ts';
import { registeredClient } from './registered-clients.ts';
import { signInError, signInErrorPage } from './sign-in-error.ts';
import { AADSTS, type AadstsCode } from '../../protocol/oauth/aadsts.ts';
import { escapeHtml } from '../../protocol/wsfed/auto-post-form.ts';

export const AUTOLOGON_HOST = 'autologon.microsoftazuread-sso.com';

/** The sign-in page: a form the user must fill in (not an auto-post form). modeled markup. */
export function signInPage(loginHint: string): PartyResponse {
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body:
      `<html><head><title>Sign in to your account</title></head><body>` +
      `<form method="POST" action="/common/login"><input type="email" name="login" value="${escapeHtml(loginHint)}" />` +
      `<input type="password" name="passwd" /><input type="submit" value="Sign in" /></form></body></html>`,
  };
}

export function handleAuthorize(
  ctx: EntraContext,
  req: PartyRequest,
  tenantSegment: string,
): PartyResponse {
  const q = req.url.searchParams;
  const redirectUri = q.get('redirect_uri') ?? '';
  const correlationId = q.get('client-request-id') ?? ctx.ids.uuid();
  const upn = q.get('login_hint') ?? '';
  const clientId = q.get('client_id') ?? '';
  const err = (code: AadstsCode, params: Record<string, string>, detail: string) =>
    signInError(ctx, 'oauth2/authorize', redirectUri, correlationId, code, params, detail);
  const page = (code: number, params: Record<string, string>, detail: string) =>
    signInErrorPage(ctx, 'oauth2/authorize', correlationId, code, params, detail);

  // Whom an answer may be redirected to is settled first (the Workplace Join client is Microsoft's,
  // known in every tenant): an unregistered client or redirect URI gets an error page, never a
  // redirect (docs/decisions/0015-registered-clients.md).
  const client = registeredClient(clientId);
  if (!client)
    return page(
      700016,
      { clientId, tenant: tenantSegment },
      `client_id '${clientId}' is not a registered application`,
    );
  if (!client.redirectUris.includes(redirectUri))
    return page(
      50011,
      { redirectUri, clientId: client.clientId },
      `redirect_uri '${redirectUri}' is not registered for ${client.name}`,
    );
  if (!tenantMatches(ctx.tenant, tenantSegment))
    return err(
      AADSTS.InvalidTenantName,
      { tenant: tenantSegment },
      `unknown tenant segment ${tenantSegment}`,
    );
  const user = ctx.tenant.users.find((u) => u.upn.toLowerCase() === upn.toLowerCase());
  if (!user)
    return err(
      AADSTS.UserAccountNotFound,
      { tenant: ctx.tenant.id },
      `login_hint ${upn || '(none)'} is not a user of the tenant`,
    );

  const realmName = q.get('domain_hint') ?? upn.slice(upn.lastIndexOf('@') + 1);
  const realm =
    findDomain(ctx.tenant, realmName) ??
    findDomain(ctx.tenant, upn.slice(upn.lastIndexOf('@') + 1));
  const ctxId = ctx.ids.uuid();
  const acr = acrOf(q.get('resource_params'));
  downlevelState(ctx.tenant).pending.set(ctxId, {
    upn: user.upn,
    redirectUri,
    resource: q.get('resource') ?? '',
    clientId: client.clientId,
    correlationId,
    acr,
  });

  if (realm?.authentication === 'federated' && realm.federation?.passiveSignInUri) {
    const target = new URL(realm.federation.passiveSignInUri);
    target.searchParams.set('wa', WA.signIn);
    target.searchParams.set('wtrealm', ENTRA_AUDIENCE);
    target.searchParams.set('wctx', ctxId);
    target.searchParams.set('username', user.upn);
    if (acr === ACR_WIAORMULTIAUTHN) target.searchParams.set('wauth', WIAORMULTIAUTHN_URI);
    ctx.log?.(
      `oauth2/authorize: ${realmName} is federated: sent to ${target.origin}${target.pathname}`,
    );
    return { status: 302, headers: { location: target.toString() }, body: '' };
  }
  if (realm?.authentication === 'federated') {
    ctx.log?.(
      `oauth2/authorize: ${realmName} is federated but has no passiveSignInUri: sign-in page`,
    );
    return signInPage(upn);
  }
  if (ctx.downlevel?.seamlessSso) {
    const target = `https://${AUTOLOGON_HOST}/${encodeURIComponent(tenantSegment)}/winauth/sso?ctx=${ctxId}&client-request-id=${correlationId}`;
    ctx.log?.(`oauth2/authorize: ${realmName} is managed with Seamless SSO: sent to autologon`);
    return { status: 302, headers: { location: target }, body: '' };
  }
  ctx.log?.(
    `oauth2/authorize: ${realmName} is managed and Seamless SSO is not enabled: the sign-in page waits for the user`,
  );
  return signInPage(upn);
}
