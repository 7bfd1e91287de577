/**
 * Seamless SSO's autologon endpoint (`autologon.microsoftazuread-sso.com`): Windows integrated
 * auth with the user's Kerberos ticket for `HTTP/autologon.microsoftazuread-sso.com`, then a form
 * that posts a Desktop SSO token back to Entra's `login.srf`.
 * @see [DL] [TSL] (autologon host, `Authorization: Negotiate`, the
 *   DesktopSsoToken redeemed by Entra [ROAD]); seed 000 (Seamless SSO for managed domains; the
 *   autologon URL must be in the intranet zone)
 * modeled: the browser path `/{tenant}/winauth/sso`, the token's form (a JWT signed with mock
 *   Entra's key) and field names; a user Seamless SSO cannot sign in (unknown SID, or a user of a
 *   federated domain) gets the sign-in page, which waits for the user.
 */
import type { PartyRequest, PartyResponse } from '../../core/http.ts';
import { LOGIN_HOST } from '../../protocol/entra-names.ts';
import { buildAutoPostForm } from '../../protocol/wsfed/auto-post-form.ts';
import { signJwt } from '../../protocol/jwt/jws.ts';
import { decodeNegotiateToken } from '../../protocol/kerberos/negotiate-token.ts';
import { findDomain, type EntraContext } from '../tenant.ts';
import { AUTOLOGON_HOST, signInPage } from './handle-authorize.ts';

export const DSSO_AUDIENCE = 'urn:hjsim:desktop-sso';
const DSSO_LIFETIME_S = 300;

export function handleAutologon(ctx: EntraContext, req: PartyRequest): PartyResponse {
  const negotiate = /^Negotiate\s+(\S+)$/i.exec(req.headers['authorization'] ?? '');
  if (!negotiate) {
    return {
      status: 401,
      headers: { 'www-authenticate': 'Negotiate', 'content-type': 'text/html' },
      body: '<html><body>401 Unauthorized</body></html>',
    };
  }
  const ticket = decodeNegotiateToken(negotiate[1]!);
  if (!ticket || ticket.spn.toLowerCase() !== `http/${AUTOLOGON_HOST}`) {
    ctx.log?.(
      'autologon: the Negotiate token is not a ticket for HTTP/autologon.microsoftazuread-sso.com',
    );
    return signInPage('');
  }
  const upn = ctx.downlevel?.onPremisesSids[ticket.sid];
  const user = upn
    ? ctx.tenant.users.find((u) => u.upn.toLowerCase() === upn.toLowerCase())
    : undefined;
  if (!user) {
    ctx.log?.(`autologon: no synced user has the on-premises SID ${ticket.sid}`);
    return signInPage('');
  }
  const domain = findDomain(ctx.tenant, user.upn.slice(user.upn.lastIndexOf('@') + 1));
  if (domain?.authentication === 'federated') {
    ctx.log?.(
      `autologon: ${user.upn} belongs to the federated domain ${domain.name}; Seamless SSO signs in managed users only`,
    );
    return signInPage(user.upn);
  }
  const now = Math.floor(ctx.clock.now().getTime() / 1000);
  const token = signJwt(
    {
      aud: DSSO_AUDIENCE,
      tid: ctx.tenant.id,
      upn: user.upn,
      onprem_sid: ticket.sid,
      iat: now,
      exp: now + DSSO_LIFETIME_S,
    },
    ctx.tokenSigningKey,
    'hjsim-test-entra',
  );
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: buildAutoPostForm({
      action: `https://${LOGIN_HOST}/login.srf`,
      fields: [
        ['dssoToken', token],
        ['ctx', req.url.searchParams.get('ctx') ?? ''],
      ],
    }),
  };
}
