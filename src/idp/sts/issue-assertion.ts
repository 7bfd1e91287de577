/**
 * Issues the signed SAML 1.1 assertion for one authenticated computer, as the IdP's claim rules
 * shape it.
 * @see ../shared/research/protocol.md §1.6 (AD FS token shape; AuthenticationMethod for devices)
 */
import { ENTRA_AUDIENCE } from '../../core/defaults.ts';
import { buildAssertion } from '../../protocol/saml11/build-assertion.ts';
import { signAssertion } from '../../protocol/saml11/sign-assertion.ts';
import { claimValue, resolveClaims } from '../claims/resolve-claims.ts';
import type { DirectoryComputer, IdpConfig } from '../idp-config.ts';

/** AADInternals' device tokens use this AuthenticationMethod (research §1.6). */
const AUTHN_WINDOWS = 'urn:federation:authentication:windows';

export interface IssuedAssertion {
  readonly xml: string;
  readonly created: Date;
  readonly expires: Date;
}

export function issueAssertion(cfg: IdpConfig, computer: DirectoryComputer): IssuedAssertion {
  const now = cfg.clock.now();
  const notBefore = new Date(now.getTime() + cfg.validity.notBeforeOffsetSeconds * 1000);
  const notOnOrAfter = new Date(notBefore.getTime() + cfg.validity.lifetimeSeconds * 1000);
  const unsigned = buildAssertion({
    assertionId: `_${cfg.ids.uuid()}`,
    issuer: cfg.issuer,
    issueInstant: now,
    notBefore,
    notOnOrAfter,
    audiences: [cfg.audience || ENTRA_AUDIENCE],
    ...(cfg.nameIdentifier
      ? {
          nameIdentifier: {
            value: claimValue(cfg.nameIdentifier.value, computer),
            format: cfg.nameIdentifier.format,
          },
        }
      : {}),
    attributes: resolveClaims(cfg.claims, computer),
    authenticationMethod: AUTHN_WINDOWS,
    authenticationInstant: now,
  });
  const signed = signAssertion(unsigned, cfg.signingKey, cfg.signingCertificatePem);
  return {
    xml: cfg.mutateAssertion ? cfg.mutateAssertion(signed) : signed,
    created: notBefore,
    expires: notOnOrAfter,
  };
}
