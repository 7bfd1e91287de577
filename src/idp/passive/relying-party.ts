/**
 * Relying parties the passive endpoints know, and where their sign-in responses are posted: only
 * to an endpoint the relying party trust has configured, as AD FS does. The Entra trust
 * (`urn:federation:MicrosoftOnline`) has one: https://login.microsoftonline.com/login.srf. The other
 * realms a scenario lists are WS-Trust relying parties (the STS's `AppliesTo`) with no passive
 * endpoint, so a browser sign-in for them is refused, whatever `wreply` or ACS it names.
 * @see [FEDSAML] [NWSFED] [AADI] (Entra: realm urn:federation:MicrosoftOnline, responses
 *   posted to https://login.microsoftonline.com/login.srf)
 * modeled: AD FS's refusal texts for an unknown relying party (MSIS7007, as in AD FS event 364)
 *   and for a reply address that is no endpoint of the trust; that the listed non-Entra realms
 *   have no passive endpoint.
 */
import { echoed } from '../../core/echo.ts';
import { ENTRA_AUDIENCE } from '../../protocol/entra-names.ts';
import { ENTRA_PASSIVE_ENDPOINT } from '../../protocol/wsfed/constants.ts';
import type { IdpConfig } from '../idp-config.ts';

export function unknownRelyingParty(realm: string): string {
  return `MSIS7007: The requested relying party trust '${echoed(realm)}' is unspecified or unsupported.`;
}

/** The passive endpoints each relying party trust has configured (none for the non-Entra realms). */
export function relyingPartyEndpoints(realm: string): readonly string[] {
  return realm === ENTRA_AUDIENCE ? [ENTRA_PASSIVE_ENDPOINT] : [];
}

/** Same URL, comparing scheme and host without case (URL does) and everything else exactly. */
function sameEndpoint(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

/**
 * Where to post the response for `realm`: the relying party's configured endpoint, which `reply`
 * (wreply, or a SAML AuthnRequest's AssertionConsumerServiceURL) may name but never replace. An
 * error text when the realm is unknown, has no passive endpoint, or `reply` is not one of them.
 */
export function responseEndpoint(
  cfg: IdpConfig,
  realm: string,
  reply: string | undefined,
): { ok: true; url: string } | { ok: false; error: string } {
  if (!cfg.relyingParties.includes(realm)) return { ok: false, error: unknownRelyingParty(realm) };
  const endpoints = relyingPartyEndpoints(realm);
  if (endpoints.length === 0)
    return {
      ok: false,
      error: `The relying party trust '${echoed(realm)}' has no passive (WS-Federation or SAML) endpoint configured: no sign-in response is sent for it.`,
    };
  if (reply === undefined) return { ok: true, url: endpoints[0]! };
  const url = endpoints.find((e) => sameEndpoint(e, reply));
  if (url === undefined)
    return {
      ok: false,
      error: `The reply address '${echoed(reply)}' is not an endpoint of the relying party trust '${echoed(realm)}'.`,
    };
  return { ok: true, url };
}
