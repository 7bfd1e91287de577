/**
 * Issues the signed assertion for one authenticated computer, as the IdP's claim rules shape it:
 * SAML 1.1 (AD FS's and PingOne's WS-Trust token) or, when the scenario asks, SAML 2.0.
 * @see ../shared/research/protocol.md §1.6 (AD FS token shape; AuthenticationMethod for devices)
 * modeled (SAML 2.0): each claim becomes an Attribute whose Name is the full claim type
 *   (namespace + "/" + name, as AD FS and WIF write SAML 2.0 claims); the NameID carries the
 *   ImmutableID in the persistent format Entra requires for SAML 2.0
 *   (how-to-connect-fed-saml-idp); bearer SubjectConfirmation until NotOnOrAfter; the
 *   AuthnContextClassRef is the Windows authentication method AD FS uses.
 */
import { ENTRA_AUDIENCE } from '../../core/defaults.ts';
import { claimType } from '../../protocol/claims/claim-types.ts';
import { buildAssertion } from '../../protocol/saml11/build-assertion.ts';
import { signAssertion } from '../../protocol/saml11/sign-assertion.ts';
import {
  buildAssertion as buildSaml2Assertion,
  NAMEID_PERSISTENT,
} from '../../protocol/saml2/build-assertion.ts';
import { signAssertion as signSaml2Assertion } from '../../protocol/saml2/sign-assertion.ts';
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
  const id = `_${cfg.ids.uuid()}`;
  const audiences = [cfg.audience || ENTRA_AUDIENCE];
  const attributes = resolveClaims(cfg.claims, computer);
  const subject = cfg.nameIdentifier && claimValue(cfg.nameIdentifier.value, computer);
  if (cfg.tokenVersion === '2.0') {
    const unsigned = buildSaml2Assertion({
      id,
      issuer: cfg.issuer,
      issueInstant: now,
      ...(subject === undefined ? {} : { nameId: { value: subject, format: NAMEID_PERSISTENT } }),
      subjectConfirmation: { notOnOrAfter },
      notBefore,
      notOnOrAfter,
      audiences,
      attributes: attributes.map((a) => ({
        name: claimType(a.namespace, a.name),
        values: a.values,
      })),
      authnInstant: now,
      authnContextClassRef: AUTHN_WINDOWS,
    });
    return {
      xml: signSaml2Assertion(unsigned, cfg.signingKey, cfg.signingCertificatePem),
      created: notBefore,
      expires: notOnOrAfter,
    };
  }
  const unsigned = buildAssertion({
    assertionId: id,
    issuer: cfg.issuer,
    issueInstant: now,
    notBefore,
    notOnOrAfter,
    audiences,
    ...(cfg.nameIdentifier && subject !== undefined
      ? { nameIdentifier: { value: subject, format: cfg.nameIdentifier.format } }
      : {}),
    attributes,
    authenticationMethod: AUTHN_WINDOWS,
    authenticationInstant: now,
  });
  return {
    xml: signAssertion(unsigned, cfg.signingKey, cfg.signingCertificatePem),
    created: notBefore,
    expires: notOnOrAfter,
  };
}
