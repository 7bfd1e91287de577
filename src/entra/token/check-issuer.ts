/**
 * The assertion's Issuer must equal a federated domain's `issuerUri` exactly (a trailing slash
 * matters), and that domain must be the one whose key signed it. When the token carries an
 * issuerid claim (AD FS `-SupportMultipleDomain`), that claim is the Issuer ID compared instead.
 * @see [ERR] (50107), [FEDSAML] [NWSFED] [AADI]; mandiant/ADFSpoof#6; jpazureid blog
 *   "adfs-AADSTS50107" (the Issuer ID the IdP issued must match the domain's Issuer URI; the
 *   error names that Issuer ID)
 * modeled: a token signed with another domain's registered key is refused with 5000811 (the key
 *   does not match the keys registered for the issuer's realm).
 */
import { CLAIM, claimType } from '../../protocol/claims/claim-types.ts';
import { federatedDomains } from '../tenant.ts';
import type { TokenCheck } from './token-state.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

const ISSUER_ID = claimType(CLAIM.issuerid.namespace, CLAIM.issuerid.name);

export const checkIssuer: TokenCheck = (s) => {
  const issuerIdClaim = s.token?.claims.find((c) => c.type === ISSUER_ID)?.values[0];
  const issuer = issuerIdClaim ?? s.token?.issuer ?? '';
  const domain = federatedDomains(s.ctx.tenant).find((d) => d.federation?.issuerUri === issuer);
  if (!domain) {
    return {
      code: AADSTS.InvalidRealmUri,
      params: { issuer },
      ...(issuerIdClaim === undefined ? {} : { detail: `issuerid claim ${issuerIdClaim}` }),
    };
  }
  const f = domain.federation!;
  if (
    s.signingCertificate !== f.signingCertificate &&
    s.signingCertificate !== f.nextSigningCertificate
  ) {
    return {
      code: AADSTS.InvalidSigningKey,
      detail: `signed with a key registered for another domain than ${domain.name}`,
    };
  }
  s.domain = domain;
  return undefined;
};
