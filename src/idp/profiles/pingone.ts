/**
 * PingOne's WS-Federation application for Microsoft 365: endpoint paths, issuer shape, and the
 * attribute mappings (with NameFormats) of the hybrid join reference. One STS URL serves both
 * WS-Trust versions and both authentications (Kerberos via the LDAP gateway, username/password).
 * @see [PING] "Attribute mappings reference", "Federated IdP
 *   settings" (IssuerUri, ActiveSignInUri, MetadataExchangeUri, PassiveSignInUri = SignOutUri),
 *   "Kerberos service account and AES encryption"
 * modeled: `/wsf/mex/<appId>` offering only a WS-Trust 2005 username endpoint (the seed says only
 *   that `mex` without `13` breaks hybrid join); windowstransport and usernamemixed sharing the
 *   `/wsf/sts/<appId>` address, told apart by Negotiate vs UsernameToken; the metadata and SAML-P
 *   paths (`/wsf/metadata/<appId>`, `/saml20/…`), which no public PingOne document names for a
 *   custom domain; attributes whose source is empty for a subject (UPN for a computer, objectSid
 *   for a user) are left out.
 */
import { SimError } from '../../core/errors.ts';
import { CLAIM, NAMEID_UNSPECIFIED } from '../../protocol/claims/claim-types.ts';
import { TOKEN_TYPE } from '../../protocol/wstrust/constants.ts';
import type { ClaimRule, ClaimValueSource } from '../idp-config.ts';
import type { IdpProfile, ProfileSite } from './idp-profile.ts';
import { mappingRules } from './pingone-mappings.ts';

export const PINGONE_PATHS = {
  mex13: (appId: string) => `/wsf/mex13/${appId}`,
  mex2005: (appId: string) => `/wsf/mex/${appId}`,
  sts: (appId: string) => `/wsf/sts/${appId}`,
  prp: (appId: string) => `/wsf/prp/${appId}`,
  metadata: (appId: string) => `/wsf/metadata/${appId}`,
  samlMetadata: (appId: string) => `/saml20/metadata/${appId}`,
  samlSso: () => `/saml20/idp/sso`,
} as const;

export function pingoneIssuer(host: string, appId: string): string {
  return `https://${host}/applications/${appId}`;
}

function appIdOf(site: ProfileSite): string {
  if (site.appId === undefined || site.appId === '') {
    throw new SimError('ERR_SCENARIO_INVALID', 'the pingone profile needs an application id', {
      where: 'idp.appId',
      hint: 'set idp.appId, or an activeSignInUri ending in /wsf/sts/<appId>',
    });
  }
  return site.appId;
}

const guid: ClaimValueSource = { kind: 'objectGuid', encoding: 'uuidAsBase64Guid' };
const immutableId: ClaimValueSource = { kind: 'immutableId', encoding: 'uuidAsBase64Guid' };

/** The Microsoft 365 application's attribute mappings (seed, "Attribute mappings reference"). */
export function pingoneMappings(): ClaimRule[] {
  return [
    { key: 'ImmutableID', ...CLAIM.ImmutableID, value: immutableId },
    { key: 'UPN', ...CLAIM.UPN, value: { kind: 'upn' } },
    { key: 'accounttype', ...CLAIM.accounttype, value: { kind: 'literal', value: 'DJ' } },
    { key: 'onpremobjectguid', ...CLAIM.onpremobjectguid, value: guid },
    { key: 'primarysid', ...CLAIM.primarysid, value: { kind: 'objectSid' } },
  ];
}

export const pingoneProfile: IdpProfile = {
  name: 'pingone',
  displayName: 'PingOne WS-Federation Identity Provider',
  endpoints(site) {
    const appId = appIdOf(site);
    return {
      mex: [
        {
          path: PINGONE_PATHS.mex13(appId),
          offers: [
            { kind: 'windowstransport', version: '1.3' },
            { kind: 'usernamemixed', version: '1.3' },
          ],
        },
        {
          path: PINGONE_PATHS.mex2005(appId),
          offers: [{ kind: 'usernamemixed', version: '2005' }],
        },
      ],
      sts: [{ path: PINGONE_PATHS.sts(appId), version: undefined, auth: ['windows', 'username'] }],
      stsPathFor: () => PINGONE_PATHS.sts(appId),
      passive: PINGONE_PATHS.prp(appId),
      federationMetadata: PINGONE_PATHS.metadata(appId),
      samlp: { metadata: PINGONE_PATHS.samlMetadata(appId), sso: PINGONE_PATHS.samlSso() },
    };
  },
  defaultIssuer: (site) => pingoneIssuer(site.host, appIdOf(site)),
  claimRules: (_p, site) =>
    site.pingone?.attributeMappings === undefined
      ? pingoneMappings()
      : mappingRules(site.pingone.attributeMappings, 'idp.pingone.attributeMappings'),
  // Subject: `#string.uuidAsBase64Guid(user.externalId,null)`; the seed allows either format.
  nameIdentifier: () => ({ format: NAMEID_UNSPECIFIED, value: immutableId }),
  claimKeys: ['ImmutableID', 'UPN', 'accounttype', 'onpremobjectguid', 'primarysid'],
  acceptsRc4Tickets: false,
  tokenTypesOffered: [TOKEN_TYPE.saml11],
};
