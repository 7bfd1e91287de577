/**
 * `GET /common/discovery/instance?api-version=1.1&authorization_endpoint=<url>`: the instance
 * discovery MSAL clients call before they trust an authority. The answer names the tenant
 * discovery (OpenID configuration) URL of the authority asked about and the public cloud's
 * host aliases.
 * @see [AZSDKJSREC] (recorded replies: `tenant_discovery_endpoint`, `api-version` 1.1,
 *   `metadata[0]` = preferred_network login.microsoftonline.com, preferred_cache
 *   login.windows.net, aliases login.microsoftonline.com, login.windows.net, login.microsoft.com,
 *   sts.windows.net); [MSALPY] authority.py (the request, and `invalid_instance` for an
 *   authority Microsoft does not know)
 * modeled: only the public cloud's entry (the recordings list the sovereign clouds after it);
 *   the `invalid_instance` body is the usual error shape without an AADSTS code (none recorded).
 */
import { jsonResponse, type PartyRequest, type PartyResponse } from '../../core/http.ts';
import { LOGIN_HOST } from '../../protocol/entra-names.ts';

const PUBLIC_CLOUD = {
  preferred_network: 'login.microsoftonline.com',
  preferred_cache: 'login.windows.net',
  aliases: [
    'login.microsoftonline.com',
    'login.windows.net',
    'login.microsoft.com',
    'sts.windows.net',
  ],
};

export function handleInstanceDiscovery(req: PartyRequest): PartyResponse {
  const raw = req.url.searchParams.get('authorization_endpoint') ?? '';
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  const tenant = url?.pathname.split('/').filter(Boolean)[0];
  if (url === undefined || !PUBLIC_CLOUD.aliases.includes(url.hostname.toLowerCase()) || !tenant) {
    return jsonResponse(400, {
      error: 'invalid_instance',
      error_description: `The authority in authorization_endpoint '${raw}' is not a known Microsoft identity platform instance.`,
    });
  }
  return jsonResponse(200, {
    tenant_discovery_endpoint: `https://${LOGIN_HOST}/${tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [PUBLIC_CLOUD],
  });
}
