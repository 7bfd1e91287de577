/**
 * User realm discovery, api-version 1.0: the domain type and, for federated domains, the MEX and
 * active sign-in URLs the client uses.
 * @see ../shared/research/protocol.md §1.3 (JSON shapes from AADInternals Get-UserRealm)
 */
import { ENTRA_AUDIENCE } from '../../core/defaults.ts';
import { jsonResponse, type PartyRequest, type PartyResponse } from '../../core/http.ts';
import { findDomain, type EntraContext } from '../tenant.ts';

export function handleUserRealm(ctx: EntraContext, req: PartyRequest, user: string): PartyResponse {
  const domainName = user.includes('@') ? user.slice(user.lastIndexOf('@') + 1) : user;
  const common = { cloud_instance_name: 'microsoftonline.com', cloud_audience_urn: ENTRA_AUDIENCE };
  const apiVersion = req.url.searchParams.get('api-version') ?? '1.0';
  if (apiVersion !== '1.0') {
    return jsonResponse(400, {
      error: 'invalid_request',
      error_description: `api-version '${apiVersion}' is not supported by this user realm endpoint; use 1.0`,
    });
  }
  const domain = findDomain(ctx.tenant, domainName);
  if (!domain) return jsonResponse(200, { ver: '1.0', account_type: 'Unknown', ...common });
  if (domain.authentication === 'managed' || !domain.federation) {
    return jsonResponse(200, {
      ver: '1.0',
      account_type: 'Managed',
      domain_name: domain.name,
      ...common,
    });
  }
  const f = domain.federation;
  return jsonResponse(200, {
    ver: '1.0',
    account_type: 'Federated',
    domain_name: domain.name,
    federation_protocol: f.preferredAuthenticationProtocol === 'saml' ? 'SAML20' : 'WSTrust',
    federation_metadata_url: f.metadataExchangeUri,
    federation_active_auth_url: f.activeSignInUri,
    ...common,
  });
}
