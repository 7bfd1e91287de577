/**
 * The access token mock Entra issues for a SAML bearer grant and DRS accepts as `Bearer`.
 * A JWT (RS256) whose claims reflect the device (or the user) the federated assertion described;
 * `aud` is the resource the client asked for.
 * @see [AADIBLOG] (the access token a captured AD FS device token bought: `account_type` DJ,
 *   `on_prem_id` the computer's objectGUID, `primary_sid` its SID, `amr` ["wia"], no upn, and
 *   `unique_name` the assertion's issuer followed by `#`, which AADInternals parses the domain
 *   from); [AADI] PRT_Utils.ps1
 * modeled: user tokens' `amr` (`fed`, plus `mfa` when the IdP asserted MFA).
 */
import { DRS_RESOURCE } from '../protocol/entra-names.ts';
import { publicKeyOf } from '../core/keys.ts';
import { signJwt, verifyJwt } from '../protocol/jwt/jws.ts';
import type { EntraContext } from './tenant.ts';
import { DRS, findResource, type KnownResource } from './token/resources.ts';

export interface AccessTokenClaims {
  readonly aud: string;
  readonly iss: string;
  readonly tid: string;
  readonly appid: string;
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
  /** The federated IdP's issuer (`idp` in Entra tokens). */
  readonly idp: string;
  /** `DJ` for a domain-joined computer. */
  readonly account_type?: string;
  /** The device id: the computer's objectGUID, decoded from the `onpremobjectguid` claim. */
  readonly on_prem_id?: string;
  /** The computer's SID (the `primarysid` claim). */
  readonly primary_sid?: string;
  /** Device: `<assertion Issuer>#`; user: the UPN. */
  readonly unique_name?: string;
  /** User tokens: the user's UPN and object id. */
  readonly upn?: string;
  readonly oid?: string;
  /** Device: `wia` ([AADIBLOG]); user, modeled: `fed`, plus `mfa` when the IdP asserted MFA. */
  readonly amr?: readonly string[];
}

/** The `kid` of mock Entra's access-token key, in JWT headers and in the JWKS. */
export const ACCESS_TOKEN_KID = 'hjsim-test-entra';
const LIFETIME_S = 3600;

export function issueAccessToken(
  ctx: EntraContext,
  claims: Omit<AccessTokenClaims, 'iat' | 'nbf' | 'exp' | 'iss' | 'tid' | 'aud'> & { aud?: string },
): { token: string; expiresIn: number; claims: AccessTokenClaims } {
  const now = Math.floor(ctx.clock.now().getTime() / 1000);
  const full: AccessTokenClaims = {
    aud: DRS_RESOURCE,
    iss: `https://sts.windows.net/${ctx.tenant.id}/`,
    tid: ctx.tenant.id,
    iat: now,
    nbf: now,
    exp: now + LIFETIME_S,
    ...claims,
  };
  return {
    token: signJwt({ ...full }, ctx.tokenSigningKey, ACCESS_TOKEN_KID),
    expiresIn: LIFETIME_S,
    claims: full,
  };
}

/** Why a bearer token is refused, or its claims. */
export type BearerCheck =
  | { readonly ok: true; readonly claims: AccessTokenClaims }
  | { readonly ok: false; readonly why: 'empty' | 'invalid' | 'audience' | 'expired' };

/**
 * Checks `Authorization: Bearer …` against what mock Entra issues: its signature (mock Entra's
 * token-signing key), its tenant, an audience naming `resource`, and `nbf`/`exp`.
 */
export function checkBearerToken(
  ctx: EntraContext,
  authorization: string | undefined,
  resource: KnownResource = DRS,
): BearerCheck {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!m) return { ok: false, why: 'empty' };
  const claims = verifyJwt(m[1]!, publicKeyOf(ctx.tokenSigningKey)) as
    AccessTokenClaims | undefined;
  if (!claims || claims.tid !== ctx.tenant.id) return { ok: false, why: 'invalid' };
  if (typeof claims.aud !== 'string' || findResource(claims.aud) !== resource)
    return { ok: false, why: 'audience' };
  const now = Math.floor(ctx.clock.now().getTime() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= now) return { ok: false, why: 'expired' };
  if (typeof claims.nbf === 'number' && claims.nbf > now) return { ok: false, why: 'expired' };
  return { ok: true, claims };
}

/** Reads `Authorization: Bearer …`; undefined when absent, forged, expired or for another tenant/audience. */
export function readAccessToken(
  ctx: EntraContext,
  authorization: string | undefined,
): AccessTokenClaims | undefined {
  const r = checkBearerToken(ctx, authorization, DRS);
  return r.ok ? r.claims : undefined;
}
