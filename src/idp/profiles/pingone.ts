/**
 * PingOne's WS-Federation application for Microsoft 365: endpoint paths, issuer shape and the
 * attribute mappings (with NameFormats) a hybrid-join device needs.
 * @see ../shared/seeds/004_cfe8f5bb4b6ae74c.txt "Attribute mappings reference", "Federated IdP settings"
 * modeled: `/wsf/mex/<appId>` offering only a WS-Trust 2005 username endpoint (the seed says
 * only that `mex` without `13` breaks hybrid join); windowstransport and usernamemixed share the
 * `/wsf/sts/<appId>` address, told apart by Negotiate vs UsernameToken.
 */
import { CLAIM, NAMEID_UNSPECIFIED } from '../../protocol/claims/claim-types.ts';
import type { ClaimRule, ClaimValueSource } from '../idp-config.ts';

export const PINGONE_PATHS = {
  mex13: (appId: string) => `/wsf/mex13/${appId}`,
  mex2005: (appId: string) => `/wsf/mex/${appId}`,
  sts: (appId: string) => `/wsf/sts/${appId}`,
  prp: (appId: string) => `/wsf/prp/${appId}`,
} as const;

export function pingoneIssuer(host: string, appId: string): string {
  return `https://${host}/applications/${appId}`;
}

const guid: ClaimValueSource = { kind: 'objectGuid', encoding: 'uuidAsBase64Guid' };

/** The seed's required mappings for hybrid-joined devices (UPN: devices have none, so none is mapped). */
export function pingoneDeviceClaims(): ClaimRule[] {
  return [
    { key: 'ImmutableID', ...CLAIM.ImmutableID, value: guid },
    { key: 'accounttype', ...CLAIM.accounttype, value: { kind: 'literal', value: 'DJ' } },
    { key: 'onpremobjectguid', ...CLAIM.onpremobjectguid, value: guid },
    { key: 'primarysid', ...CLAIM.primarysid, value: { kind: 'objectSid' } },
  ];
}

/** Subject NameIdentifier: `#string.uuidAsBase64Guid(user.externalId,null)`, format unspecified. */
export function pingoneNameIdentifier(): { format: string; value: ClaimValueSource } {
  return { format: NAMEID_UNSPECIFIED, value: guid };
}
