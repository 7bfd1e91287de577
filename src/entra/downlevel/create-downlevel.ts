/**
 * Mock Entra's down-level endpoints as parties: the silent sign-in on the login host
 * (`oauth2/authorize`, `login.srf`), Seamless SSO's autologon host, and DRS's enrollment service.
 * @see [DL] [TSL]
 */
import { DRS_HOST, LOGIN_HOST } from '../../protocol/entra-names.ts';
import type { Party } from '../../core/http.ts';
import type { EntraContext } from '../tenant.ts';
import { AUTOLOGON_HOST, handleAuthorize } from './handle-authorize.ts';
import { handleAutologon } from './handle-autologon.ts';
import { handleDeviceEnrollment } from './handle-device-enrollment.ts';
import { handleLoginSrf } from './handle-login-srf.ts';

export function createDownlevelParties(ctx: EntraContext): Party[] {
  return [
    {
      name: 'mock-entra-login-downlevel',
      host: LOGIN_HOST,
      routes: [
        {
          method: 'GET',
          path: '/:tenant/oauth2/authorize',
          handle: (req, p) => handleAuthorize(ctx, req, p['tenant'] ?? ''),
        },
        { method: 'POST', path: '/login.srf', handle: (req) => handleLoginSrf(ctx, req) },
      ],
    },
    {
      name: 'mock-entra-autologon',
      host: AUTOLOGON_HOST,
      routes: [
        { method: 'GET', path: '/:tenant/winauth/sso', handle: (req) => handleAutologon(ctx, req) },
      ],
    },
    {
      name: 'mock-entra-drs-downlevel',
      host: DRS_HOST,
      routes: [
        {
          method: 'POST',
          path: '/EnrollmentServer/DeviceEnrollmentWebService.svc',
          handle: (req) => handleDeviceEnrollment(ctx, req),
        },
      ],
    },
  ];
}
