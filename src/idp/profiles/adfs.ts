/**
 * AD FS as the federated IdP: the `/adfs/services/trust/…` WS-Trust endpoints (one per version
 * and authentication), the MEX publishing all four, `/adfs/ls/` for WS-Fed passive and SAML-P,
 * FederationMetadata.xml, the issuer `http://<domain>/adfs/services/trust/`, and the hybrid join
 * claim rules (adfs-claim-rules.ts).
 * @see [HJM] [MSALPY] [ADALN] [DSRT] [WINRT] (endpoint paths from hybrid-join-manual.md), [MSALPY] [ADALN] [ROAD] [AADI]
 *   (token shape, Issuer), §2 (rules), §5 (FederationMetadata path; /adfs/ls/ with wa=wsignin1.0)
 * With an issuerid rule, the rule's value is the assertion Issuer and no issuerid attribute is
 *   sent [AADIBLOG]; without one, under `-SupportMultipleDomain`, the Issuer is the Federation
 *   Service identifier `http://<host>/adfs/services/trust` (AADSTS50107 then names it).
 * modeled: AD FS
 *   decrypts RC4 tickets (only PingOne's gateway is documented as AES-only); the service account
 *   `svc-adfs@<domain>` published as the windowstransport ports' Identity/Upn.
 * modeled: the relying party's rules make the NameIdentifier from the ImmutableID claim (the
 *   ADAL RSTR fixture [ADALN] and AADInternals' device token [AADI] carry the same value in both),
 *   so a rule set that issues no ImmutableID for computers issues no NameIdentifier: AADSTS90020.
 *   [HJM] asks for "Issue ImmutableID for computers" when users get an ImmutableID claim, and
 *   DSRegTool fails a device token without ImmutableID [DSRT].
 */
import { NAMEID_UNSPECIFIED } from '../../protocol/claims/claim-types.ts';
import { TOKEN_TYPE } from '../../protocol/wstrust/constants.ts';
import type { IdpProfile } from './idp-profile.ts';
import { runAdfsRules } from './adfs-claim-rules.ts';

const TRUST = '/adfs/services/trust';

export const ADFS_PATHS = {
  mex: `${TRUST}/mex`,
  windowstransport13: `${TRUST}/13/windowstransport`,
  windowstransport2005: `${TRUST}/2005/windowstransport`,
  usernamemixed13: `${TRUST}/13/usernamemixed`,
  usernamemixed2005: `${TRUST}/2005/usernamemixed`,
  ls: '/adfs/ls/',
  federationMetadata: '/FederationMetadata/2007-06/FederationMetadata.xml',
} as const;

export function adfsIssuer(domain: string): string {
  return `http://${domain}/adfs/services/trust/`;
}

export const adfsProfile: IdpProfile = {
  name: 'adfs',
  displayName: 'Active Directory Federation Services',
  endpoints: (site) => ({
    windowsIdentityUpn: `svc-adfs@${site.domain}`,
    mex: [
      {
        path: ADFS_PATHS.mex,
        // Every endpoint AD FS publishes, in its order: 2005 then 1.3, windowstransport first
        // under 2005 and last under 1.3 ([MSALPY] tests/microsoft.mex.xml). modeled: only the
        // windowstransport and usernamemixed addresses are served (no client here uses the rest).
        offers: [
          { kind: 'windowstransport', version: '2005' },
          { kind: 'certificatemixed', version: '2005' },
          { kind: 'usernamemixed', version: '2005' },
          { kind: 'kerberosmixed', version: '2005' },
          { kind: 'issuedtokenmixedasymmetricbasic256', version: '2005' },
          { kind: 'issuedtokenmixedsymmetricbasic256', version: '2005' },
          { kind: 'kerberosmixed', version: '1.3' },
          { kind: 'certificatemixed', version: '1.3' },
          { kind: 'usernamemixed', version: '1.3' },
          { kind: 'issuedtokenmixedasymmetricbasic256', version: '1.3' },
          { kind: 'issuedtokenmixedsymmetricbasic256', version: '1.3' },
          { kind: 'windowstransport', version: '1.3' },
        ],
      },
    ],
    sts: [
      { path: ADFS_PATHS.windowstransport13, version: '1.3', auth: ['windows'] },
      { path: ADFS_PATHS.windowstransport2005, version: '2005', auth: ['windows'] },
      { path: ADFS_PATHS.usernamemixed13, version: '1.3', auth: ['username'] },
      { path: ADFS_PATHS.usernamemixed2005, version: '2005', auth: ['username'] },
    ],
    stsPathFor: (offer) => `${TRUST}/${offer.version === '1.3' ? '13' : '2005'}/${offer.kind}`,
    passive: ADFS_PATHS.ls,
    federationMetadata: ADFS_PATHS.federationMetadata,
    samlp: { metadata: ADFS_PATHS.federationMetadata, sso: ADFS_PATHS.ls },
  }),
  defaultIssuer: (site) =>
    site.adfs.multipleDomains ? `http://${site.host}${TRUST}` : adfsIssuer(site.domain),
  claimRules: (principal, site, how) => runAdfsRules(principal, site, how),
  issuerIdIsIssuer: true,
  nameIdentifier: () => ({
    format: NAMEID_UNSPECIFIED,
    value: { kind: 'immutableId', encoding: 'uuidAsBase64Guid' },
  }),
  nameIdentifierFromClaim: 'ImmutableID',
  claimKeys: ['UPN', 'ImmutableID', 'accounttype', 'onpremobjectguid', 'primarysid', 'issuerid'],
  acceptsRc4Tickets: true,
  tokenTypesOffered: [TOKEN_TYPE.saml2, TOKEN_TYPE.saml11],
};
