/**
 * Home realm discovery: `common/userrealm/<upn>?api-version=1.0` (ADAL, MSAL, dsreg),
 * `?api-version=2.0`, and the old `GetUserRealm.srf?login=<upn>`: the domain type and, for
 * federated domains, where to authenticate.
 * @see [TSC] [MSALPY] [ADALN] [AADI] [DSRT] (JSON shapes from AADInternals Get-UserRealm,
 *   Get-UserRealmExtended (2.0) and Get-UserRealmV2 (GetUserRealm.srf)); 90014 for a missing
 *   api-version (AzureAD/microsoft-authentication-library-for-go ops/authority comment)
 * modeled: `State`/`UserState` take the values of AADInternals' examples (federated 3/2, managed
 *   4/1) and `Unknown` for a domain no tenant verified; `AuthURL` is the passive sign-in URI with the
 *   WS-Federation query of those examples; an api-version other than 1.0/2.0 gets a plain
 *   invalid_request (no public sample).
 * GetUserRealm.srf for a federated domain also carries `AuthNForwardType` 1 and
 *   `CloudInstanceIssuerUri` urn:federation:MicrosoftOnline after `CloudInstanceName` [AADI]
 *   (Get-UserRealmV2's example output); `FederationBrandName` is the tenant's brand (its display
 *   name, the organisation's name), never the domain [AADI].
 */
import { ENTRA_AUDIENCE } from '../../protocol/entra-names.ts';
import { jsonResponse, type PartyRequest, type PartyResponse } from '../../core/http.ts';
import { buildEntraError } from '../../protocol/oauth/error-response.ts';
import { findDomain, type EntraContext, type TenantDomain } from '../tenant.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

type Realm = { kind: 'Unknown' } | { kind: 'Managed' | 'Federated'; domain: TenantDomain };

function realmOf(ctx: EntraContext, user: string): Realm {
  const domainName = user.includes('@') ? user.slice(user.lastIndexOf('@') + 1) : user;
  const domain = findDomain(ctx.tenant, domainName);
  if (!domain) return { kind: 'Unknown' };
  return {
    kind: domain.authentication === 'federated' && domain.federation ? 'Federated' : 'Managed',
    domain,
  };
}

function federationProtocol(domain: TenantDomain): string {
  return domain.federation?.preferredAuthenticationProtocol === 'saml' ? 'SAML20' : 'WSTrust';
}

/** `https://sts/adfs/ls/?username=…&wa=wsignin1.0&wtrealm=urn%3afederation%3aMicrosoftOnline&wctx=` */
function authUrl(domain: TenantDomain, login: string): string | undefined {
  const passive = domain.federation?.passiveSignInUri;
  if (!passive) return undefined;
  const sep = passive.includes('?') ? '&' : '?';
  return `${passive}${sep}username=${encodeURIComponent(login)}&wa=wsignin1.0&wtrealm=${encodeURIComponent(ENTRA_AUDIENCE).replace(/%3A/g, '%3a')}&wctx=`;
}

function realmV1(ctx: EntraContext, user: string): Record<string, unknown> {
  const common = { cloud_instance_name: 'microsoftonline.com', cloud_audience_urn: ENTRA_AUDIENCE };
  const realm = realmOf(ctx, user);
  if (realm.kind === 'Unknown') return { ver: '1.0', account_type: 'Unknown', ...common };
  if (realm.kind === 'Managed')
    return { ver: '1.0', account_type: 'Managed', domain_name: realm.domain.name, ...common };
  const f = realm.domain.federation!;
  return {
    ver: '1.0',
    account_type: 'Federated',
    domain_name: realm.domain.name,
    federation_protocol: federationProtocol(realm.domain),
    federation_metadata_url: f.metadataExchangeUri,
    federation_active_auth_url: f.activeSignInUri,
    ...common,
  };
}

function realmV2(ctx: EntraContext, user: string): Record<string, unknown> {
  const realm = realmOf(ctx, user);
  if (realm.kind === 'Unknown')
    return { NameSpaceType: 'Unknown', Login: user, cloud_instance_name: 'microsoftonline.com' };
  const brand = ctx.tenant.displayName;
  if (realm.kind === 'Managed') {
    return {
      NameSpaceType: 'Managed',
      Login: user,
      DomainName: realm.domain.name,
      FederationBrandName: brand,
      TenantBrandingInfo: null,
      cloud_instance_name: 'microsoftonline.com',
    };
  }
  const url = authUrl(realm.domain, user);
  return {
    NameSpaceType: 'Federated',
    federation_protocol: federationProtocol(realm.domain),
    Login: user,
    ...(url ? { AuthURL: url } : {}),
    DomainName: realm.domain.name,
    FederationBrandName: brand,
    TenantBrandingInfo: null,
    cloud_instance_name: 'microsoftonline.com',
  };
}

function realmSrf(ctx: EntraContext, user: string): Record<string, unknown> {
  const realm = realmOf(ctx, user);
  if (realm.kind === 'Unknown')
    return { State: 4, UserState: 1, Login: user, NameSpaceType: 'Unknown' };
  if (realm.kind === 'Managed') {
    return {
      State: 4,
      UserState: 1,
      Login: user,
      NameSpaceType: 'Managed',
      DomainName: realm.domain.name,
      FederationBrandName: ctx.tenant.displayName,
      CloudInstanceName: 'microsoftonline.com',
    };
  }
  const url = authUrl(realm.domain, user);
  return {
    State: 3,
    UserState: 2,
    Login: user,
    NameSpaceType: 'Federated',
    DomainName: realm.domain.name,
    FederationGlobalVersion: -1,
    ...(url ? { AuthURL: url } : {}),
    FederationBrandName: ctx.tenant.displayName,
    AuthNForwardType: 1,
    CloudInstanceName: 'microsoftonline.com',
    CloudInstanceIssuerUri: ENTRA_AUDIENCE,
  };
}

export function handleUserRealm(ctx: EntraContext, req: PartyRequest, user: string): PartyResponse {
  const apiVersion = req.url.searchParams.get('api-version');
  if (apiVersion === null || apiVersion === '') {
    const { status, body } = buildEntraError(
      AADSTS.MissingRequiredField,
      { name: 'api-version' },
      {
        traceId: ctx.ids.uuid(),
        correlationId: req.headers['client-request-id'] ?? ctx.ids.uuid(),
        now: ctx.clock.now(),
      },
    );
    return jsonResponse(status, body);
  }
  if (apiVersion === '1.0') return jsonResponse(200, realmV1(ctx, user));
  if (apiVersion === '2.0') return jsonResponse(200, realmV2(ctx, user));
  return jsonResponse(400, {
    error: 'invalid_request',
    error_description: `api-version '${apiVersion}' is not supported by the user realm endpoint; use 1.0 or 2.0`,
  });
}

/** `GET /GetUserRealm.srf?login=<upn>`; without `login`, modeled: a plain 400. */
export function handleGetUserRealmSrf(ctx: EntraContext, req: PartyRequest): PartyResponse {
  const login = req.url.searchParams.get('login');
  if (!login) {
    return jsonResponse(400, {
      error: 'invalid_request',
      error_description: "GetUserRealm.srf needs the 'login' query parameter (a UPN or a domain)",
    });
  }
  return jsonResponse(200, realmSrf(ctx, login));
}
