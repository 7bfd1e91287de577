/**
 * Mock Entra as parties: the login host (user realm, OpenID configuration and keys, oauth2/token
 * v1 and v2.0), the DRS host, and Microsoft Graph's domain federation admin API.
 */
import { handleInstanceDiscovery } from './login/instance-discovery.ts';
import { LOGIN_HOST } from '../protocol/entra-names.ts';
import type { Party } from '../core/http.ts';
import { createDownlevelParties } from './downlevel/create-downlevel.ts';
import { createDrsParty } from './drs/create-drs.ts';
import { createGraphParty } from './graph/create-graph.ts';
import { handleKeys, handleOpenIdConfiguration } from './login/openid-configuration.ts';
import { handleGetUserRealmSrf, handleUserRealm } from './login/user-realm.ts';
import type { EntraContext } from './tenant.ts';
import { handlePrtRequest, isPrtRequest } from './token/handle-prt-request.ts';
import {
  handleRefreshGrant,
  handleTokenEndpointVerb,
  handleTokenRequest,
  isRefreshGrant,
} from './token/token-endpoint.ts';

export function createLoginParty(ctx: EntraContext): Party {
  return {
    name: 'mock-entra-login',
    host: LOGIN_HOST,
    routes: [
      {
        method: 'GET',
        path: '/common/userrealm/:user',
        handle: (req, p) => handleUserRealm(ctx, req, p['user'] ?? ''),
      },
      {
        method: 'GET',
        path: '/GetUserRealm.srf',
        handle: (req) => handleGetUserRealmSrf(ctx, req),
      },
      {
        method: 'POST',
        path: '/:tenant/oauth2/token',
        handle: (req, p) =>
          isPrtRequest(new URLSearchParams(req.body))
            ? handlePrtRequest(ctx, req)
            : handleTokenRequest(ctx, req, p['tenant'] ?? '', 'v1'),
      },
      {
        method: 'POST',
        path: '/:tenant/oauth2/v2.0/token',
        handle: (req, p) =>
          isRefreshGrant(req.body)
            ? handleRefreshGrant(ctx, req)
            : handleTokenRequest(ctx, req, p['tenant'] ?? '', 'v2'),
      },
      {
        method: 'ANY',
        path: '/:tenant/oauth2/token',
        handle: (req) => handleTokenEndpointVerb(ctx, req),
      },
      {
        method: 'ANY',
        path: '/:tenant/oauth2/v2.0/token',
        handle: (req) => handleTokenEndpointVerb(ctx, req),
      },
      {
        method: 'GET',
        path: '/common/discovery/instance',
        handle: (req) => handleInstanceDiscovery(req),
      },
      {
        method: 'GET',
        path: '/:tenant/v2.0/.well-known/openid-configuration',
        handle: (req, p) => handleOpenIdConfiguration(ctx, req, p['tenant'] ?? '', 'v2'),
      },
      {
        method: 'GET',
        path: '/:tenant/.well-known/openid-configuration',
        handle: (req, p) => handleOpenIdConfiguration(ctx, req, p['tenant'] ?? '', 'v1'),
      },
      {
        method: 'GET',
        path: '/:tenant/discovery/v2.0/keys',
        handle: (req, p) => handleKeys(ctx, req, p['tenant'] ?? ''),
      },
      {
        method: 'GET',
        path: '/:tenant/discovery/keys',
        handle: (req, p) => handleKeys(ctx, req, p['tenant'] ?? ''),
      },
    ],
  };
}

export function createEntraParties(ctx: EntraContext): Party[] {
  return [
    createLoginParty(ctx),
    createDrsParty(ctx),
    createGraphParty(ctx),
    ...createDownlevelParties(ctx),
  ];
}
