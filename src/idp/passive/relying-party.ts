/**
 * Relying parties the passive endpoints know, and where their sign-in responses are posted.
 * @see [FEDSAML] [NWSFED] [AADI] (Entra: realm urn:federation:MicrosoftOnline, responses
 *   posted to https://login.microsoftonline.com/login.srf)
 * modeled: AD FS's refusal texts for an unknown relying party (MSIS7007, as in AD FS event 364)
 *   and for a wreply outside the relying party's endpoint.
 */
import { ENTRA_AUDIENCE } from '../../protocol/entra-names.ts';
import { ENTRA_PASSIVE_ENDPOINT } from '../../protocol/wsfed/constants.ts';
import type { IdpConfig } from '../idp-config.ts';

export function unknownRelyingParty(realm: string): string {
  return `MSIS7007: The requested relying party trust '${realm}' is unspecified or unsupported.`;
}

/**
 * Where to post the response for `realm`: the relying party's own endpoint, or `reply` when it
 * is on that endpoint's origin. An error text when the realm is unknown or `reply` points
 * elsewhere.
 */
export function responseEndpoint(
  cfg: IdpConfig,
  realm: string,
  reply: string | undefined,
): { ok: true; url: string } | { ok: false; error: string } {
  if (!cfg.relyingParties.includes(realm)) return { ok: false, error: unknownRelyingParty(realm) };
  const own = realm === ENTRA_AUDIENCE ? ENTRA_PASSIVE_ENDPOINT : undefined;
  if (reply === undefined) {
    return own === undefined
      ? {
          ok: false,
          error: `The relying party trust '${realm}' has no passive endpoint; send wreply.`,
        }
      : { ok: true, url: own };
  }
  let origin: string;
  try {
    origin = new URL(reply).origin;
  } catch {
    return { ok: false, error: `The reply address '${reply}' is not an absolute URL.` };
  }
  if (own !== undefined && origin !== new URL(own).origin) {
    return {
      ok: false,
      error: `The wreply '${reply}' is not an endpoint of the relying party trust '${realm}'.`,
    };
  }
  return { ok: true, url: reply };
}
