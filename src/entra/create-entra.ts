/**
 * Mock Entra as parties: the login host (user realm, oauth2/token) and the DRS host.
 */
import { LOGIN_HOST } from '../core/defaults.ts';
import type { Party } from '../core/http.ts';
import { createDownlevelParties } from './downlevel/create-downlevel.ts';
import { createDrsParty } from './drs/create-drs.ts';
import { handleUserRealm } from './login/user-realm.ts';
import type { EntraContext } from './tenant.ts';
import { handleTokenRequest } from './token/token-endpoint.ts';

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
        method: 'POST',
        path: '/:tenant/oauth2/token',
        handle: (req, p) => handleTokenRequest(ctx, req, p['tenant'] ?? ''),
      },
    ],
  };
}

export function createEntraParties(ctx: EntraContext): Party[] {
  return [createLoginParty(ctx), createDrsParty(ctx), ...createDownlevelParties(ctx)];
}
