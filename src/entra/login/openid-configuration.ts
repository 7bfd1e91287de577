/**
 * `GET /{tenant}/v2.0/.well-known/openid-configuration`, `GET /{tenant}/.well-known/openid-configuration`
 * and the signing keys they point at (`/{tenant}/discovery/v2.0/keys`, `/{tenant}/discovery/keys`).
 * An unknown tenant gets 400 `invalid_tenant` AADSTS90002, as Entra answers.
 * @see protocol/oauth/openid-configuration.ts; public Azure SDK issue logs quoting
 *   `{"error":"invalid_tenant","error_description":"AADSTS90002: Tenant '…' not found. …"}` for
 *   `GET https://login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration`
 * modeled: the JWKS holds mock Entra's one access-token key as `kty`/`use`/`kid`/`n`/`e` (Entra
 *   also publishes `x5t` and `x5c`; the TEST ONLY key has no certificate); `consumers` is
 *   answered as an unknown tenant (the simulated cloud has no Microsoft account tenant).
 */
import { LOGIN_HOST } from '../../protocol/entra-names.ts';
import { jsonResponse, type PartyRequest, type PartyResponse } from '../../core/http.ts';
import { publicKeyOf } from '../../core/keys.ts';
import { buildEntraError } from '../../protocol/oauth/error-response.ts';
import {
  buildOpenIdConfigurationV1,
  buildOpenIdConfigurationV2,
} from '../../protocol/oauth/openid-configuration.ts';
import { ACCESS_TOKEN_KID } from '../access-token.ts';
import { tenantMatches, type EntraContext } from '../tenant.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

const MULTI_TENANT = new Set(['common', 'organizations']);

/** The tenant id a segment stands for, `{tenantid}` for the multi-tenant ones, or undefined. */
function tenantIdOf(ctx: EntraContext, segment: string): string | undefined {
  if (MULTI_TENANT.has(segment.toLowerCase())) return '{tenantid}';
  return tenantMatches(ctx.tenant, segment) ? ctx.tenant.id : undefined;
}

function unknownTenant(ctx: EntraContext, req: PartyRequest, segment: string): PartyResponse {
  const { status, body } = buildEntraError(
    AADSTS.InvalidTenantName,
    { tenant: segment },
    {
      traceId: ctx.ids.uuid(),
      correlationId: req.headers['client-request-id'] ?? ctx.ids.uuid(),
      now: ctx.clock.now(),
    },
    { error: 'invalid_tenant' },
  );
  return jsonResponse(status, body);
}

export function handleOpenIdConfiguration(
  ctx: EntraContext,
  req: PartyRequest,
  segment: string,
  version: 'v1' | 'v2',
): PartyResponse {
  const tenantId = tenantIdOf(ctx, segment);
  if (tenantId === undefined) return unknownTenant(ctx, req, segment);
  const input = { authority: `https://${LOGIN_HOST}`, segment, tenantId };
  return jsonResponse(
    200,
    version === 'v2' ? buildOpenIdConfigurationV2(input) : buildOpenIdConfigurationV1(input),
  );
}

export function handleKeys(ctx: EntraContext, req: PartyRequest, segment: string): PartyResponse {
  if (tenantIdOf(ctx, segment) === undefined) return unknownTenant(ctx, req, segment);
  const jwk = publicKeyOf(ctx.tokenSigningKey).export({ format: 'jwk' });
  return jsonResponse(200, {
    keys: [{ kty: jwk.kty, use: 'sig', kid: ACCESS_TOKEN_KID, n: jwk.n, e: jwk.e }],
  });
}
