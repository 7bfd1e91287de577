/**
 * The assertion's Issuer must equal a federated domain's `issuerUri` exactly (a trailing slash
 * matters), and that domain must be the one whose key signed it.
 * @see ../shared/research/protocol.md §3b (50107), §5; mandiant/ADFSpoof#6
 * modeled: a token signed with another domain's registered key is refused with 5000811 (the key
 *   does not match the keys registered for the issuer's realm).
 */
import { federatedDomains } from '../tenant.ts';
import type { TokenCheck } from './token-state.ts';

export const checkIssuer: TokenCheck = (s) => {
  const issuer = s.token?.issuer ?? '';
  const domain = federatedDomains(s.ctx.tenant).find((d) => d.federation?.issuerUri === issuer);
  if (!domain) return { code: 50107, params: { issuer } };
  const f = domain.federation!;
  if (
    s.signingCertificate !== f.signingCertificate &&
    s.signingCertificate !== f.nextSigningCertificate
  ) {
    return {
      code: 5000811,
      detail: `signed with a key registered for another domain than ${domain.name}`,
    };
  }
  s.domain = domain;
  return undefined;
};
