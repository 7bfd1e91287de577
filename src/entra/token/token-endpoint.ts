/**
 * `POST /{tenant}/oauth2/token` for SAML bearer grants: the checks below run in order (the list
 * is the policy); the first failure answers with Entra's AADSTS JSON, success with a v1 token
 * response whose access token describes the device.
 * @see DESIGN.md "Fidelity rules"; ../shared/research/protocol.md §1.7, §3c
 */
import { DSREG_CLIENT_ID } from '../../core/defaults.ts';
import { jsonResponse, type PartyRequest, type PartyResponse } from '../../core/http.ts';
import { describeProvenance } from '../../core/provenance.ts';
import { aadstsEntry } from '../../protocol/oauth/aadsts.ts';
import { buildEntraError } from '../../protocol/oauth/error-response.ts';
import { issueAccessToken } from '../access-token.ts';
import type { EntraContext } from '../tenant.ts';
import { checkAssertionVersion } from './check-assertion-version.ts';
import { checkAudience } from './check-audience.ts';
import { checkDeviceClaims } from './check-device-claims.ts';
import { checkImmutableId } from './check-immutable-id.ts';
import { checkIssuer } from './check-issuer.ts';
import { checkReplay } from './check-replay.ts';
import { checkRequestShape } from './check-request-shape.ts';
import { checkSignature } from './check-signature.ts';
import { checkTenant } from './check-tenant.ts';
import { checkValidity } from './check-validity.ts';
import { decodeAssertion } from './decode-assertion.ts';
import type { TokenCheck, TokenState } from './token-state.ts';

export const TOKEN_CHECKS: readonly (readonly [string, TokenCheck])[] = [
  ['request shape', checkRequestShape],
  ['tenant', checkTenant],
  ['assertion encoding', decodeAssertion],
  ['assertion version vs grant', checkAssertionVersion],
  ['signature and signing key', checkSignature],
  ['issuer', checkIssuer],
  ['audience', checkAudience],
  ['validity', checkValidity],
  ['replay', checkReplay],
  ['ImmutableID', checkImmutableId],
  ['device claims', checkDeviceClaims],
];

export function handleTokenRequest(
  ctx: EntraContext,
  req: PartyRequest,
  tenantSegment: string,
): PartyResponse {
  const state: TokenState = {
    ctx,
    tenantSegment,
    form: new URLSearchParams(req.body),
    contentType: req.headers['content-type'] ?? '',
  };
  const correlationId = req.headers['client-request-id'] ?? ctx.ids.uuid();
  for (const [name, check] of TOKEN_CHECKS) {
    const failure = check(state);
    if (!failure) continue;
    const entry = aadstsEntry(failure.code);
    ctx.log?.(
      `oauth2/token: check '${name}' failed: AADSTS${failure.code}${failure.detail ? ` (${failure.detail})` : ''}` +
        (entry ? ` [${describeProvenance(entry.provenance)}]` : ''),
    );
    const { status, body } = buildEntraError(failure.code, failure.params ?? {}, {
      traceId: ctx.ids.uuid(),
      correlationId,
      now: ctx.clock.now(),
    });
    return jsonResponse(status, body, { 'client-request-id': correlationId });
  }
  const resource = state.form.get('resource') ?? state.form.get('scope') ?? '';
  const a = state.assertion!;
  const { token, expiresIn, claims } = issueAccessToken(ctx, {
    appid: state.form.get('client_id') ?? DSREG_CLIENT_ID,
    idp: a.issuer,
    ...(state.device
      ? {
          accounttype: 'DJ',
          deviceid: state.device.deviceId,
          onprem_object_guid: state.device.objectGuidClaim,
          onprem_sid: state.device.sid,
        }
      : {}),
  });
  ctx.log?.(
    `oauth2/token: issued an access token for ${state.device ? `device ${state.device.deviceId}` : 'a user'}`,
  );
  return jsonResponse(
    200,
    {
      token_type: 'Bearer',
      expires_in: String(expiresIn),
      ext_expires_in: String(expiresIn),
      expires_on: String(claims.exp),
      not_before: String(claims.nbf),
      resource,
      access_token: token,
    },
    { 'client-request-id': correlationId },
  );
}
