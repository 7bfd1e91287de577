/**
 * The token endpoint's success body, v1 (`/oauth2/token`: numbers as strings, `resource`,
 * `expires_on`, `not_before`) and v2.0 (`/oauth2/v2.0/token`: numbers as numbers, `scope`).
 * @see ADAL/AADInternals v1 responses ([WIKI] [AADI] [ROAD] [MSALPY]); public recordings of
 *   login.microsoftonline.com v2.0 answers (Azure SDK for JS nock recordings:
 *   `{"token_type":"Bearer","expires_in":86399,"ext_expires_in":86399,"access_token":…}`)
 */
export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresIn: number;
  /** Seconds since the epoch. */
  readonly notBefore: number;
  readonly expiresOn: number;
}

export interface V1TokenResponse {
  readonly token_type: 'Bearer';
  readonly expires_in: string;
  readonly ext_expires_in: string;
  readonly expires_on: string;
  readonly not_before: string;
  readonly resource: string;
  readonly access_token: string;
}

export interface V2TokenResponse {
  readonly token_type: 'Bearer';
  readonly scope: string;
  readonly expires_in: number;
  readonly ext_expires_in: number;
  readonly access_token: string;
}

export function buildV1TokenResponse(t: IssuedToken, resource: string): V1TokenResponse {
  return {
    token_type: 'Bearer',
    expires_in: String(t.expiresIn),
    ext_expires_in: String(t.expiresIn),
    expires_on: String(t.expiresOn),
    not_before: String(t.notBefore),
    resource,
    access_token: t.accessToken,
  };
}

export function buildV2TokenResponse(t: IssuedToken, scope: string): V2TokenResponse {
  return {
    token_type: 'Bearer',
    scope,
    expires_in: t.expiresIn,
    ext_expires_in: t.expiresIn,
    access_token: t.accessToken,
  };
}

/** OpenID Connect scopes that name no resource (they ride along with a resource scope). */
export const OIDC_SCOPES: ReadonlySet<string> = new Set([
  'openid',
  'profile',
  'email',
  'offline_access',
]);

/**
 * The resource a v2.0 `scope` asks for: `urn:ms-drs:…/.default` → `urn:ms-drs:…`,
 * `https://graph.microsoft.com/User.Read` → `https://graph.microsoft.com`. Undefined when the
 * scopes name no resource or more than one. [v2 scopes: `<resource>/<permission>`, `.default`]
 */
export function resourceOfScope(scope: string): string | undefined {
  const resources = new Set<string>();
  for (const s of scope.split(/\s+/).filter(Boolean)) {
    if (OIDC_SCOPES.has(s)) continue;
    const slash = s.lastIndexOf('/');
    // `urn:ms-drs:host/.default`, `https://host/perm`; a bare resource (no path) is the resource.
    const isUrl = /^https?:\/\//i.test(s);
    if (slash > 0 && (!isUrl || slash > s.indexOf('//') + 1)) resources.add(s.slice(0, slash));
    else resources.add(s);
  }
  return resources.size === 1 ? [...resources][0] : undefined;
}
