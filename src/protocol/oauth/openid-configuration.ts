/**
 * The OpenID Connect discovery documents of the Microsoft identity platform for one tenant:
 * v2.0 (`/{tenant}/v2.0/.well-known/openid-configuration`) and v1 (`/{tenant}/.well-known/…`).
 * Keys and values in the order Entra writes them.
 * @see public recordings of login.microsoftonline.com answers (Azure SDK for JS nock recordings of
 *   `GET /<tenant>/v2.0/.well-known/openid-configuration`); AADInternals AccessToken_utils.ps1
 *   Get-OpenIDConfiguration (v1 fields: issuer `https://sts.windows.net/<tenant>/`)
 * For `common`/`organizations` the endpoints keep the segment asked for (MSAL posts to the
 *   `token_endpoint` it reads: `/organizations/oauth2/v2.0/token`, [MSALPY] authority.py and
 *   tests/test_application.py's `/common/oauth2/v2.0/token`); only the issuer carries the literal
 *   `{tenantid}` placeholder. modeled: the placeholder (no recording in our sources).
 */
export interface OpenIdConfigurationInput {
  /** `https://login.microsoftonline.com` */
  readonly authority: string;
  /** The path segment as requested: a tenant id, a domain, `common`, `organizations`. */
  readonly segment: string;
  /** The tenant id the document is for, or `{tenantid}` for the multi-tenant segments. */
  readonly tenantId: string;
  readonly region?: string;
}

/** Endpoints live under the segment for the multi-tenant names, under the tenant id otherwise. */
function endpointBase(i: OpenIdConfigurationInput): string {
  return i.tenantId === '{tenantid}'
    ? `${i.authority}/${i.segment}`
    : `${i.authority}/${i.tenantId}`;
}

export function buildOpenIdConfigurationV2(i: OpenIdConfigurationInput): Record<string, unknown> {
  const base = endpointBase(i);
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: [
      'client_secret_post',
      'private_key_jwt',
      'client_secret_basic',
    ],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${i.authority}/${i.tenantId}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub',
      'iss',
      'cloud_instance_name',
      'cloud_instance_host_name',
      'cloud_graph_host_name',
      'msgraph_host',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'at_hash',
      'c_hash',
      'email',
    ],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: i.region ?? 'WW',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  };
}

export function buildOpenIdConfigurationV1(i: OpenIdConfigurationInput): Record<string, unknown> {
  const base = endpointBase(i);
  return {
    token_endpoint: `${base}/oauth2/token`,
    token_endpoint_auth_methods_supported: [
      'client_secret_post',
      'private_key_jwt',
      'client_secret_basic',
    ],
    jwks_uri: `${i.authority}/common/discovery/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
    scopes_supported: ['openid'],
    issuer: `https://sts.windows.net/${i.tenantId}/`,
    microsoft_multi_refresh_token: true,
    authorization_endpoint: `${base}/oauth2/authorize`,
    device_authorization_endpoint: `${base}/oauth2/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/logout`,
    check_session_iframe: `${base}/oauth2/checksession`,
    userinfo_endpoint: `${base}/openid/userinfo`,
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: i.region ?? 'WW',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  };
}
