/**
 * The mock IdP as a party: MEX documents (GET) and the STS endpoint, on the profile's paths.
 * @see ../shared/research/protocol.md §1.4 (Windows GETs the MEX URL), §6 (PingOne paths)
 */
import { xmlResponse, type Party, type Route } from '../core/http.ts';
import { buildMex } from '../protocol/mex/build-mex.ts';
import { handlePassiveSignIn } from './downlevel/passive-sign-in.ts';
import type { IdpConfig } from './idp-config.ts';
import { PINGONE_PATHS } from './profiles/pingone.ts';
import { handleWindowsTransport } from './sts/windows-transport.ts';

export function createIdpParty(cfg: IdpConfig): Party {
  const stsUrl = `https://${cfg.host}${PINGONE_PATHS.sts(cfg.appId)}`;
  const mexXml = (xml: string) => xmlResponse(200, xml, 'application/soap+xml; charset=utf-8');
  const routes: Route[] = [
    {
      method: 'GET',
      path: PINGONE_PATHS.mex13(cfg.appId),
      handle: () =>
        mexXml(
          buildMex({
            endpoints: [
              { kind: 'windowstransport', version: '1.3', address: stsUrl },
              { kind: 'usernamemixed', version: '1.3', address: stsUrl },
            ],
          }),
        ),
    },
    {
      method: 'GET',
      path: PINGONE_PATHS.mex2005(cfg.appId),
      handle: () =>
        mexXml(
          buildMex({ endpoints: [{ kind: 'usernamemixed', version: '2005', address: stsUrl }] }),
        ),
    },
    {
      method: 'POST',
      path: PINGONE_PATHS.sts(cfg.appId),
      handle: (req) => handleWindowsTransport(cfg, req),
    },
    {
      method: 'GET',
      path: cfg.passiveSignInPath ?? PINGONE_PATHS.prp(cfg.appId),
      handle: (req) => handlePassiveSignIn(cfg, req),
    },
  ];
  return { name: 'mock-idp', host: cfg.host, routes };
}
