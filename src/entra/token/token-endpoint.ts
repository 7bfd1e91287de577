/**
 * `POST /{tenant}/oauth2/token` (v1) and `POST /{tenant}/oauth2/v2.0/token` (v2.0) for SAML bearer
 * grants: the checks below run in order (the list is the policy); the first failure answers with
 * Entra's AADSTS JSON, success with a token response whose access token describes the device (or
 * the user).
 * @see DESIGN.md "Fidelity rules"; [WIKI] [AADI] [ROAD] [MSALPY] [ERR]; issue #4 (check order)
 */
import { DSREG_CLIENT_ID } from '../../protocol/entra-names.ts';
import { jsonResponse, type PartyRequest, type PartyResponse } from '../../core/http.ts';
import { describeProvenance } from '../../core/provenance.ts';
import { echoed } from '../../core/echo.ts';
import { AADSTS, aadstsEntry } from '../../protocol/oauth/aadsts.ts';
import { buildEntraError } from '../../protocol/oauth/error-response.ts';
import {
  buildV1TokenResponse,
  buildV2TokenResponse,
  resourceOfScope,
} from '../../protocol/oauth/token-response.ts';
import { issueAccessToken } from '../access-token.ts';
import { userObjectId, type EntraContext } from '../tenant.ts';
import { checkAssertionVersion } from './check-assertion-version.ts';
import { checkAudience } from './check-audience.ts';
import { checkDeviceClaims } from './check-device-claims.ts';
import { checkImmutableId } from './check-immutable-id.ts';
import { checkIssuer } from './check-issuer.ts';
import { checkMfa } from './check-mfa.ts';
import { checkReplay } from './check-replay.ts';
import { checkRequestShape } from './check-request-shape.ts';
import { checkResource } from './check-resource.ts';
import { checkSignature } from './check-signature.ts';
import { checkSigningCertificate } from './check-signing-certificate.ts';
import { checkTenant } from './check-tenant.ts';
import { checkUser } from './check-user.ts';
import { checkValidity } from './check-validity.ts';
import { checkXml } from './check-xml.ts';
import { decodeAssertion } from './decode-assertion.ts';
import type { TokenCheck, TokenEndpointVersion, TokenState } from './token-state.ts';
import { readRefreshToken, userSessionExtras } from './user-session.ts';

export const TOKEN_CHECKS: readonly (readonly [string, TokenCheck])[] = [
  ['request shape', checkRequestShape],
  ['tenant', checkTenant],
  ['resource', checkResource],
  ['assertion encoding', decodeAssertion],
  ['XML without DTD', checkXml],
  ['signature over the assertion read', checkSignature],
  ['signing certificate', checkSigningCertificate],
  ['issuer', checkIssuer],
  ['audience', checkAudience],
  ['validity', checkValidity],
  ['assertion version vs grant', checkAssertionVersion],
  ['replay', checkReplay],
  ['ImmutableID', checkImmutableId],
  ['device claims', checkDeviceClaims],
  ['user lookup', checkUser],
  ['MFA', checkMfa],
];

export function handleTokenRequest(
  ctx: EntraContext,
  req: PartyRequest,
  tenantSegment: string,
  endpoint: TokenEndpointVersion = 'v1',
): PartyResponse {
  const state: TokenState = {
    ctx,
    endpoint,
    tenantSegment,
    form: new URLSearchParams(req.body),
    contentType: req.headers['content-type'] ?? '',
  };
  const path = endpoint === 'v2' ? 'oauth2/v2.0/token' : 'oauth2/token';
  const correlationId = req.headers['client-request-id'] ?? ctx.ids.uuid();
  for (const [name, check] of TOKEN_CHECKS) {
    const failure = check(state);
    if (!failure) continue;
    const entry = aadstsEntry(failure.code);
    ctx.log?.(
      `${path}: check '${name}' failed: AADSTS${failure.code}${failure.detail ? ` (${echoed(failure.detail, 2_000)})` : ''}` +
        (entry ? ` [${describeProvenance(entry.provenance)}]` : ''),
    );
    // Every request value the answer repeats is bounded (no 200 kB echo, no control characters).
    const params = Object.fromEntries(
      Object.entries(failure.params ?? {}).map(([k, v]) => [k, echoed(v)]),
    );
    const { status, body } = buildEntraError(failure.code, params, {
      traceId: ctx.ids.uuid(),
      correlationId,
      now: ctx.clock.now(),
    });
    return jsonResponse(status, body, { 'client-request-id': correlationId });
  }
  const token = state.token!;
  const user = state.user;
  const {
    token: accessToken,
    expiresIn,
    claims,
  } = issueAccessToken(ctx, {
    aud: state.resource!,
    appid: state.form.get('client_id') ?? DSREG_CLIENT_ID,
    idp: token.issuer,
    // A device token carries what [AADIBLOG] shows; a user token keeps the modeled amr.
    ...(state.device
      ? {
          amr: ['wia'],
          account_type: 'DJ',
          on_prem_id: state.device.deviceId,
          primary_sid: state.device.sid,
          unique_name: `${token.issuer}#`,
        }
      : { amr: state.mfaByIdp ? ['fed', 'mfa'] : ['fed'] }),
    ...(user ? { upn: user.upn, unique_name: user.upn, oid: userObjectId(ctx.tenant, user) } : {}),
  });
  ctx.log?.(
    `${path}: issued an access token for ${state.device ? `device ${state.device.deviceId}` : `user ${user?.upn ?? '?'}`} (aud ${claims.aud})`,
  );
  const issued = {
    accessToken,
    expiresIn,
    notBefore: claims.nbf,
    expiresOn: claims.exp,
  };
  const scope = state.form.get('scope') ?? '';
  const body =
    endpoint === 'v2'
      ? {
          ...buildV2TokenResponse(issued, scope),
          ...(user ? userSessionExtras(ctx, user, state.form, scope) : {}),
        }
      : buildV1TokenResponse(issued, state.form.get('resource') ?? state.resource!);
  return jsonResponse(200, body, { 'client-request-id': correlationId });
}

/** Whether a v2.0 token request redeems a refresh token (MSAL's silent refresh). */
export function isRefreshGrant(body: string): boolean {
  return new URLSearchParams(body).get('grant_type') === 'refresh_token';
}

/**
 * `grant_type=refresh_token` on `/oauth2/v2.0/token`: a new access token for the user and scope
 * the refresh token names (or the scope asked for now), with a new refresh token, id_token and
 * client_info as the scope asks; AADSTS70000 for a refresh token mock Entra did not issue to this
 * client, that expired, or whose user is gone.
 * @see [MSALPY] (acquire_token_silent → refresh_token grant); [ERR] (70000)
 */
export function handleRefreshGrant(ctx: EntraContext, req: PartyRequest): PartyResponse {
  const form = new URLSearchParams(req.body);
  const correlationId = req.headers['client-request-id'] ?? ctx.ids.uuid();
  const read = readRefreshToken(ctx, form.get('refresh_token') ?? '', form.get('client_id') ?? '');
  const scope = form.get('scope') ?? read?.scope ?? '';
  const resource = resourceOfScope(scope);
  if (!read || resource === undefined) {
    ctx.log?.(
      `oauth2/v2.0/token: refresh token refused (${read ? 'no resource in scope' : 'not valid'})`,
    );
    const { status, body } = buildEntraError(
      AADSTS.InvalidGrant,
      {},
      { traceId: ctx.ids.uuid(), correlationId, now: ctx.clock.now() },
    );
    return jsonResponse(status, body, { 'client-request-id': correlationId });
  }
  const { token, expiresIn, claims } = issueAccessToken(ctx, {
    aud: resource,
    appid: form.get('client_id') ?? '',
    idp: `https://sts.windows.net/${ctx.tenant.id}/`,
    amr: ['fed'],
    upn: read.user.upn,
    unique_name: read.user.upn,
    oid: userObjectId(ctx.tenant, read.user),
  });
  ctx.log?.(
    `oauth2/v2.0/token: refreshed an access token for user ${read.user.upn} (aud ${resource})`,
  );
  const body = {
    ...buildV2TokenResponse(
      { accessToken: token, expiresIn, notBefore: claims.nbf, expiresOn: claims.exp },
      scope,
    ),
    ...userSessionExtras(ctx, read.user, form, scope),
  };
  return jsonResponse(200, body, { 'client-request-id': correlationId });
}

/** `GET` (or any verb but POST) on a token endpoint: AADSTS900561, as the error reference gives it. */
export function handleTokenEndpointVerb(ctx: EntraContext, req: PartyRequest): PartyResponse {
  const correlationId = req.headers['client-request-id'] ?? ctx.ids.uuid();
  const { status, body } = buildEntraError(
    AADSTS.BadResourceRequestInvalidRequest,
    { validVerbs: 'POST', verb: req.method.toUpperCase() },
    { traceId: ctx.ids.uuid(), correlationId, now: ctx.clock.now() },
  );
  return jsonResponse(status, body, { 'client-request-id': correlationId });
}
