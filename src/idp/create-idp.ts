/**
 * The mock IdP as a party: the routes of its profile — MEX documents (by the scenario's variant),
 * the WS-Trust STS endpoints, the WS-Fed passive endpoint (which also serves SAML-P where the
 * profile shares it), SAML-P, and FederationMetadata.xml.
 * @see [HJM] [MSALPY] [ADALN] [DSRT] [WINRT] (Windows GETs the MEX URL), [FEDSAML] [NWSFED] [AADI], [PING]
 */
import { xmlResponse, type Party, type PartyRequest, type Route } from '../core/http.ts';
import type { IdpConfig } from './idp-config.ts';
import { mexRoutes } from './mex/serve-mex.ts';
import { federationMetadataXml } from './passive/federation-metadata-document.ts';
import { requestParams } from './passive/request-params.ts';
import { handleWsFedPassive } from './passive/ws-fed-passive.ts';
import { samlpMetadata } from './samlp/samlp-provider.ts';
import { handleSamlpSso } from './samlp/samlp-sso.ts';
import { handleStsRequest } from './sts/sts-endpoint.ts';

const METADATA_TYPE = 'application/samlmetadata+xml';

export function createIdpParty(cfg: IdpConfig): Party {
  const endpoints = cfg.profile.endpoints(cfg);
  const ssoUrl = `https://${cfg.host}${endpoints.samlp.sso}`;
  const sharedSso = endpoints.samlp.sso === endpoints.passive;

  const passive = (req: PartyRequest) => {
    const params = requestParams(req);
    return sharedSso && params.has('SAMLRequest')
      ? handleSamlpSso(cfg, ssoUrl, req, params)
      : handleWsFedPassive(cfg, req, params);
  };
  const samlp = (req: PartyRequest) => handleSamlpSso(cfg, ssoUrl, req, requestParams(req));

  const routes: Route[] = [
    ...mexRoutes(cfg, endpoints),
    ...endpoints.sts.map((sts): Route => ({
      method: 'POST',
      path: sts.path,
      handle: (req) => handleStsRequest(cfg, sts, req),
    })),
    { method: 'GET', path: endpoints.passive, handle: passive },
    { method: 'POST', path: endpoints.passive, handle: passive },
    {
      method: 'GET',
      path: endpoints.federationMetadata,
      handle: () => xmlResponse(200, federationMetadataXml(cfg, endpoints), METADATA_TYPE),
    },
  ];
  if (!sharedSso) {
    routes.push(
      { method: 'GET', path: endpoints.samlp.sso, handle: samlp },
      { method: 'POST', path: endpoints.samlp.sso, handle: samlp },
    );
  }
  if (endpoints.samlp.metadata !== endpoints.federationMetadata) {
    routes.push({
      method: 'GET',
      path: endpoints.samlp.metadata,
      handle: () => xmlResponse(200, samlpMetadata(cfg, ssoUrl), METADATA_TYPE),
    });
  }
  return { name: 'mock-idp', host: cfg.host, routes };
}
