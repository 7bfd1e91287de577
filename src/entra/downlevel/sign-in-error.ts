/**
 * A down-level sign-in that fails answers like Entra's authorize endpoint with `prompt=none`: a
 * redirect to the client's redirect URI whose fragment carries `error` and an AADSTS
 * `error_description` (message, Trace ID, Correlation ID, Timestamp).
 * @see RFC 6749 §4.2.2.1; [ERR] (description shape)
 */
import type { PartyResponse } from '../../core/http.ts';
import { describeProvenance } from '../../core/provenance.ts';
import { authorizeRedirect } from '../../protocol/downlevel/authorize-request.ts';
import { aadstsEntry } from '../../protocol/oauth/aadsts.ts';
import { buildEntraError } from '../../protocol/oauth/error-response.ts';
import type { EntraContext } from '../tenant.ts';

export function signInError(
  ctx: EntraContext,
  where: string,
  redirectUri: string,
  correlationId: string,
  code: number,
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
