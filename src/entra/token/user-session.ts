/**
 * What a v2.0 token response adds for a signed-in user when the client asks for it: an
 * `id_token` for `openid`, a `refresh_token` for `offline_access`, and `client_info` for
 * `client_info=1`; and the refresh-token grant that MSAL's silent refresh sends.
 * @see [MSALPY] (msal/oauth2cli/oidc.py reads id_token; msal/application.py asks for
 *   `openid profile offline_access` and sends `client_info=1`; `acquire_token_silent` redeems the
 *   refresh token with `grant_type=refresh_token`; tests/test_application.py builds
 *   `client_info` as base64url of `{"uid": …, "utid": …}`)
 * modeled: the refresh token is a JWT only mock Entra reads (real ones are opaque), lives 90 days,
 *   and names its user, client, tenant and scope; `sub` of the id_token is the object id (Entra's
 *   is a pairwise value per app).
 */
import { signJwt, verifyJwt } from '../../protocol/jwt/jws.ts';
import { publicKeyOf } from '../../core/keys.ts';
import { LOGIN_HOST } from '../../protocol/entra-names.ts';
import { ACCESS_TOKEN_KID } from '../access-token.ts';
import { userObjectId, type EntraContext, type TenantUser } from '../tenant.ts';

const ID_TOKEN_LIFETIME_S = 3600;
const REFRESH_TOKEN_LIFETIME_S = 90 * 24 * 3600;
const RT_TYPE = 'hjsim-refresh-token';

export interface UserSessionExtras {
  readonly id_token?: string;
  readonly refresh_token?: string;
  readonly client_info?: string;
}

/** The id_token, refresh_token and client_info the request's scope and client_info ask for. */
export function userSessionExtras(
  ctx: EntraContext,
  user: TenantUser,
  form: URLSearchParams,
  scope: string,
): UserSessionExtras {
  const scopes = new Set(scope.split(/\s+/).filter(Boolean));
  const clientId = form.get('client_id') ?? '';
  const now = Math.floor(ctx.clock.now().getTime() / 1000);
  const oid = userObjectId(ctx.tenant, user);
  const tid = ctx.tenant.id;
  const out: { id_token?: string; refresh_token?: string; client_info?: string } = {};
  if (scopes.has('openid')) {
    out.id_token = signJwt(
      {
        aud: clientId,
        iss: `https://${LOGIN_HOST}/${tid}/v2.0`,
        iat: now,
        nbf: now,
        exp: now + ID_TOKEN_LIFETIME_S,
        oid,
        preferred_username: user.upn,
        sub: oid,
        tid,
        ver: '2.0',
      },
      ctx.tokenSigningKey,
      ACCESS_TOKEN_KID,
    );
  }
  if (scopes.has('offline_access')) {
    out.refresh_token = signJwt(
      {
        typ: RT_TYPE,
        upn: user.upn,
        tid,
        client_id: clientId,
        scope,
        iat: now,
        exp: now + REFRESH_TOKEN_LIFETIME_S,
      },
      ctx.tokenSigningKey,
      ACCESS_TOKEN_KID,
    );
  }
  if (form.get('client_info') === '1') {
    out.client_info = Buffer.from(JSON.stringify({ uid: oid, utid: tid })).toString('base64url');
  }
  return out;
}

/** A refresh token mock Entra issued to this client, still valid, for a user it still has. */
export function readRefreshToken(
  ctx: EntraContext,
  token: string,
  clientId: string,
): { user: TenantUser; scope: string } | undefined {
  const claims = verifyJwt(token, publicKeyOf(ctx.tokenSigningKey));
  if (!claims || claims['typ'] !== RT_TYPE || claims['tid'] !== ctx.tenant.id) return undefined;
  if (claims['client_id'] !== clientId) return undefined;
  const exp = claims['exp'];
  if (typeof exp !== 'number' || exp <= Math.floor(ctx.clock.now().getTime() / 1000))
    return undefined;
  const upn = String(claims['upn'] ?? '').toLowerCase();
  const user = ctx.tenant.users.find((u) => u.upn.toLowerCase() === upn);
  return user ? { user, scope: String(claims['scope'] ?? '') } : undefined;
}
