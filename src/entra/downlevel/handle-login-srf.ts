/**
 * `POST /login.srf`: where the browser lands after the federated IdP (WS-Fed `wresult`) or
 * Seamless SSO (`dssoToken`). The federated token goes through the token endpoint's own checks
 * (XML, signature, signing certificate, issuer, audience, validity, ImmutableID, user, MFA with
 * the domain's federatedIdpMfaBehavior — `wiaormultiauthn` from the IdP counts, check-mfa.ts);
 * the answer is a redirect carrying the DRS access token.
 * @see [DL] [TSL] (WIAORMULTIAUTHN: the STS issues the `windows` and
 *   `wiaormultiauthn` authentication methods; MFA without it fails), §5 (login.srf, SAML 1.1 in
 *   wresult), §3b (50076, 51004); DESIGN.md catalogue ("MFA on the user without WIAORMULTIAUTHN at
 *   the IdP (AADSTS50076/50079)")
 * modeled: that a Seamless SSO sign-in never satisfies an MFA requirement; the implicit-grant
 *   answer.
 */
import type { PartyRequest, PartyResponse } from '../../core/http.ts';
import { publicKeyOf } from '../../core/keys.ts';
import { authorizeRedirect } from '../../protocol/downlevel/authorize-request.ts';
import { verifyJwt } from '../../protocol/jwt/jws.ts';
import { parseRstr } from '../../protocol/wstrust/rstr.ts';
import { issueAccessToken } from '../access-token.ts';
import type { EntraContext, TenantUser } from '../tenant.ts';
import { checkAudience } from '../token/check-audience.ts';
import { checkImmutableId } from '../token/check-immutable-id.ts';
import { checkIssuer } from '../token/check-issuer.ts';
import { checkMfa } from '../token/check-mfa.ts';
import { checkSignature } from '../token/check-signature.ts';
import { checkSigningCertificate } from '../token/check-signing-certificate.ts';
import { checkUser } from '../token/check-user.ts';
import { checkValidity } from '../token/check-validity.ts';
import { checkXml } from '../token/check-xml.ts';
import type { TokenCheck, TokenState } from '../token/token-state.ts';
import { downlevelState, type PendingSignIn } from './downlevel-settings.ts';
import { DSSO_AUDIENCE } from './handle-autologon.ts';
import { signInError } from './sign-in-error.ts';
import { AADSTS, type AadstsCode } from '../../protocol/oauth/aadsts.ts';

/**
 * The token endpoint's checks that apply to a WS-Fed sign-in, in their order (the request-shape,
 * tenant, resource, encoding, version and device checks are about the grant, not the sign-in).
 */
const SIGN_IN_CHECKS: readonly (readonly [string, TokenCheck])[] = [
  ['XML without DTD', checkXml],
  ['signature over the assertion read', checkSignature],
  ['signing certificate', checkSigningCertificate],
  ['issuer', checkIssuer],
  ['audience', checkAudience],
  ['validity', checkValidity],
  ['ImmutableID', checkImmutableId],
  ['user lookup', checkUser],
  ['MFA', checkMfa],
];

function badRequest(ctx: EntraContext, why: string): PartyResponse {
  ctx.log?.(`login.srf: ${why}`);
  return {
    status: 400,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<html><head><title>Sign in to your account</title></head><body>We couldn't sign you in. Please try again.</body></html>`,
  };
}

type Signed = { user: TenantUser; idp: string } | { failure: PartyResponse };

function fromWsFed(ctx: EntraContext, p: PendingSignIn, wresult: string): Signed {
  const fail = (code: AadstsCode, params: Readonly<Record<string, string>>, detail: string) => ({
    failure: signInError(ctx, 'login.srf', p.redirectUri, p.correlationId, code, params, detail),
  });
  let assertionXml: string;
  try {
    const rstr = parseRstr(wresult);
    if (rstr.kind !== 'token')
      return fail(
        AADSTS.InvalidSamlToken,
        { detail: 'SAML token is invalid.' },
        'wresult is a fault',
      );
    assertionXml = rstr.assertionXml;
  } catch (e) {
    return fail(
      AADSTS.InvalidSamlToken,
      { detail: 'SAML token is invalid.' },
      `wresult: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const state: TokenState = {
    ctx,
    endpoint: 'v1',
    tenantSegment: 'common',
    form: new URLSearchParams(),
    contentType: 'application/x-www-form-urlencoded',
    grantType: 'saml1_1-bearer',
    resource: p.resource,
    assertionXml,
  };
  for (const [name, check] of SIGN_IN_CHECKS) {
    const f = check(state);
    if (f)
      return fail(
        f.code,
        f.params ?? {},
        `check '${name}' failed${f.detail ? `: ${f.detail}` : ''}`,
      );
  }
  return { user: state.user!, idp: state.token!.issuer };
}

function fromDesktopSso(ctx: EntraContext, p: PendingSignIn, token: string): Signed {
  const claims = verifyJwt(token, publicKeyOf(ctx.tokenSigningKey));
  const upn = typeof claims?.['upn'] === 'string' ? claims['upn'] : undefined;
  const exp = typeof claims?.['exp'] === 'number' ? claims['exp'] : 0;
  const user = upn
    ? ctx.tenant.users.find((u) => u.upn.toLowerCase() === upn.toLowerCase())
    : undefined;
  if (
    !claims ||
    claims['aud'] !== DSSO_AUDIENCE ||
    !user ||
    exp * 1000 <= ctx.clock.now().getTime()
  )
    return { failure: badRequest(ctx, 'the Desktop SSO token is invalid or expired') };
  if (user.upn.toLowerCase() !== p.upn.toLowerCase())
    return {
      failure: signInError(
        ctx,
        'login.srf',
        p.redirectUri,
        p.correlationId,
        AADSTS.UserAccountNotFound,
        { tenant: ctx.tenant.id },
        `Seamless SSO signed in ${user.upn}, the request named ${p.upn}`,
      ),
    };
  // Seamless SSO is Kerberos, not MFA: a user who must do MFA cannot get a token silently.
  if (user.mfaRequired)
    return {
      failure: signInError(
        ctx,
        'login.srf',
        p.redirectUri,
        p.correlationId,
        AADSTS.UserStrongAuthClientAuthNRequired,
        { resource: p.resource },
        `${user.upn} must do MFA; a Seamless SSO sign-in is not MFA`,
      ),
    };
  return { user, idp: `https://sts.windows.net/${ctx.tenant.id}/` };
}

export function handleLoginSrf(ctx: EntraContext, req: PartyRequest): PartyResponse {
  const form = new URLSearchParams(req.body);
  const ctxId = form.get('wctx') ?? form.get('ctx') ?? '';
  const state = downlevelState(ctx.tenant);
  const pending = state.pending.get(ctxId);
  if (!pending) return badRequest(ctx, `no sign-in is pending for context '${ctxId}'`);
  state.pending.delete(ctxId);
  const wresult = form.get('wresult');
  const dsso = form.get('dssoToken');
  const signed =
    wresult !== null
      ? fromWsFed(ctx, pending, wresult)
      : dsso !== null
        ? fromDesktopSso(ctx, pending, dsso)
        : { failure: badRequest(ctx, 'the form carries neither wresult nor dssoToken') };
  if ('failure' in signed) return signed.failure;
  const { token, expiresIn } = issueAccessToken(ctx, {
    appid: pending.clientId,
    idp: signed.idp,
    unique_name: signed.user.upn,
  });
  ctx.log?.(`login.srf: signed in ${signed.user.upn}; access token for ${pending.resource}`);
  return {
    status: 302,
    headers: {
      location: authorizeRedirect(pending.redirectUri, { ok: true, accessToken: token, expiresIn }),
    },
    body: '',
  };
}
