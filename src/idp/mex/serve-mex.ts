/**
 * The MEX documents an IdP publishes, generated from its profile's endpoints and changed by the
 * scenario's named variant: an endpoint dropped, an address made http, a binding piece removed,
 * HTML instead of XML, or POST (WS-Transfer Get) only.
 * @see [HJM] [MSALPY] [ADALN] [DSRT] [WINRT] (Windows GETs the MEX; a POST-only STS answered
 *   Windows with an error, IdentityServer/IdentityServer2#878; ADAL warnings 0x8aa90024–2a;
 *   0xcaa9002b/2c/22), §6 (PingOne /wsf/mex without 13)
 * modeled: the HTML page (a sign-in page a proxy or a disabled endpoint serves instead of the
 *   metadata).
 */
import { xmlResponse, type PartyResponse, type Route } from '../../core/http.ts';
import { buildMex, type MexBreakage, type MexEndpoint } from '../../protocol/mex/build-mex.ts';
import type { IdpConfig, MexVariant } from '../idp-config.ts';
import type { IdpEndpoints, MexDocument, MexOffer } from '../profiles/idp-profile.ts';

const BREAKAGE: Partial<Readonly<Record<MexVariant, MexBreakage>>> = {
  'no-soap-action': { omitSoapAction: true },
  'no-soap-transport': { omitSoapTransport: true },
  'no-binding': { omitBinding: true },
  'no-binding-name': { omitBindingName: true },
  'no-policy-reference-uri': { omitPolicyReferenceUri: true },
  'no-address': { omitAddress: true },
};

/** The offers of a document under a variant. */
export function offersFor(doc: MexDocument, variant: MexVariant): MexOffer[] {
  if (variant === 'no-windows-auth') return doc.offers.filter((o) => o.kind !== 'windowstransport');
  if (variant === '2005-only') {
    const kinds = [...new Set(doc.offers.map((o) => o.kind))];
    return kinds.map((kind) => ({ kind, version: '2005' as const }));
  }
  return [...doc.offers];
}

export function mexXml(
  cfg: IdpConfig,
  endpoints: IdpEndpoints,
  doc: MexDocument,
  variant: MexVariant,
): string {
  const scheme = variant === 'http-address' ? 'http' : 'https';
  const mexEndpoints: MexEndpoint[] = offersFor(doc, variant).map((offer) => ({
    ...offer,
    address: `${scheme}://${cfg.host}${endpoints.stsPathFor(offer)}`,
    ...(offer.kind === 'windowstransport' && endpoints.windowsIdentityUpn !== undefined
      ? { upn: endpoints.windowsIdentityUpn }
      : {}),
  }));
  return buildMex({
    endpoints: mexEndpoints,
    breakage: BREAKAGE[variant] ?? {},
    mexUrl: `https://${cfg.host}${doc.path}`,
  });
}

const HTML_PAGE =
  '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Sign In</title></head>' +
  '<body><p>Sign in with your organizational account<br>' +
  '<form method="post"><input id="userNameInput" name="UserName" type="email">' +
  '<input id="passwordInput" name="Password" type="password"></form></body></html>\n';

export function mexRoutes(cfg: IdpConfig, endpoints: IdpEndpoints): Route[] {
  const variant = cfg.mexVariant;
  return endpoints.mex.map((doc) => {
    const handle = (): PartyResponse =>
      variant === 'html'
        ? { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: HTML_PAGE }
        : xmlResponse(200, mexXml(cfg, endpoints, doc, variant));
    // post-only: a WS-MetadataExchange GetMetadata (SOAP POST) server; Windows' GET gets 405.
    return { method: variant === 'post-only' ? 'POST' : 'GET', path: doc.path, handle };
  });
}
