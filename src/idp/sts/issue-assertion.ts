/**
 * Issues the signed assertion for one authenticated principal: the profile's claim rules, the
 * scenario's overrides, the configured NameIdentifier, validity window, audience and signing key
 * and algorithms. SAML 1.1 (AD FS's and PingOne's WS-Trust token) or, when the scenario asks,
 * SAML 2.0.
 * @see [MSALPY] [ADALN] [ROAD] [AADI] (AD FS token shape; AuthenticationMethod for devices)
 * modeled (SAML 2.0): each claim becomes an Attribute whose Name is the full claim type
 *   (namespace + "/" + name, as AD FS and WIF write SAML 2.0 claims); the NameID carries the
 *   ImmutableID in the persistent format Entra requires for SAML 2.0
 *   (how-to-connect-fed-saml-idp); bearer SubjectConfirmation until NotOnOrAfter; the
 *   AuthnContextClassRef is the authentication method AD FS uses.
 */
import {
  AUTHN_METHOD_PASSWORD,
  AUTHN_METHOD_WINDOWS,
  CLAIM,
  claimType,
} from '../../protocol/claims/claim-types.ts';
import { buildAssertion } from '../../protocol/saml11/build-assertion.ts';
import { signAssertion } from '../../protocol/saml11/sign-assertion.ts';
import type { Saml11Attribute } from '../../protocol/saml11/types.ts';
import {
  buildAssertion as buildSaml2Assertion,
  NAMEID_PERSISTENT,
} from '../../protocol/saml2/build-assertion.ts';
import { signAssertion as signSaml2Assertion } from '../../protocol/saml2/sign-assertion.ts';
import { applyClaimOverrides } from '../claims/apply-overrides.ts';
import { resolveClaims, resolveClaimValue } from '../claims/resolve-claims.ts';
import type { IdpConfig } from '../idp-config.ts';
import type { AuthenticationKind, Principal } from '../principal.ts';

export interface IssuedAssertion {
  readonly xml: string;
  readonly created: Date;
  readonly expires: Date;
}

const AUTHN_METHOD: Readonly<Record<AuthenticationKind, string>> = {
  windows: AUTHN_METHOD_WINDOWS,
  password: AUTHN_METHOD_PASSWORD,
};

function nameIdentifier(
  cfg: IdpConfig,
  p: Principal,
): { value: string; format: string } | undefined {
  if (cfg.nameIdentifier.omit) return undefined;
  const from = cfg.profile.nameIdentifierFromClaim;
  // The profile makes the NameIdentifier from an issued claim: none when the rules (with the
  // scenario's overrides) leave that claim out, unless the scenario gives the value itself.
  if (
    from !== undefined &&
    cfg.nameIdentifier.value === undefined &&
    !applyClaimOverrides(cfg.profile.claimRules(p, cfg), cfg.claimOverrides).some(
      (r) => r.key === from,
    )
  )
    return undefined;
  const rule = cfg.profile.nameIdentifier(p);
  const value = cfg.nameIdentifier.value ?? (rule ? resolveClaimValue(rule.value, p) : undefined);
  if (value === undefined) return undefined;
  // An empty format leaves the Format attribute out.
  return { value, format: cfg.nameIdentifier.format ?? rule?.format ?? '' };
}

/** The attributes the IdP issues for `p`: the profile's rules, then the scenario's overrides. */
export function issuedAttributes(
  cfg: IdpConfig,
  p: Principal,
  how: AuthenticationKind = 'windows',
) {
  return resolveClaims(
    applyClaimOverrides(cfg.profile.claimRules(p, cfg, how), cfg.claimOverrides),
    p,
  );
}

const ISSUER_ID = claimType(CLAIM.issuerid.namespace, CLAIM.issuerid.name);

/**
 * The assertion's Issuer and attributes: with AD FS an issuerid claim's value is the Issuer and
 * is not sent as an attribute [AADIBLOG: the captured device token has Issuer
 * `http://<domain>/adfs/services/trust/` and no issuerid attribute].
 */
export function issuerAndAttributes(
  cfg: IdpConfig,
  p: Principal,
  how: AuthenticationKind,
): { issuer: string; attributes: Saml11Attribute[] } {
  const attributes = issuedAttributes(cfg, p, how);
  if (!cfg.profile.issuerIdIsIssuer) return { issuer: cfg.issuer, attributes };
  const issuerId = attributes.find((a) => claimType(a.namespace, a.name) === ISSUER_ID);
  if (issuerId === undefined) return { issuer: cfg.issuer, attributes };
  return {
    issuer: issuerId.values[0] ?? cfg.issuer,
    attributes: attributes.filter((a) => a !== issuerId),
  };
}

export function issueAssertion(
  cfg: IdpConfig,
  p: Principal,
  how: AuthenticationKind,
  relyingParty: string,
  /** Attributes the endpoint adds after the claim rules' (the passive endpoint's authentication methods). */
  extraAttributes: readonly Saml11Attribute[] = [],
): IssuedAssertion {
  const now = cfg.clock.now();
  const notBefore = new Date(now.getTime() + cfg.validity.notBeforeOffsetSeconds * 1000);
  const notOnOrAfter = new Date(notBefore.getTime() + cfg.validity.lifetimeSeconds * 1000);
  const id = `_${cfg.ids.uuid()}`;
  const audiences = [cfg.audience ?? relyingParty];
  const subject = nameIdentifier(cfg, p);
  const issued = issuerAndAttributes(cfg, p, how);
  const attributes = [...issued.attributes, ...extraAttributes];
  const signing = {
    signatureAlgorithm: cfg.signing.signatureAlgorithm,
    digestAlgorithm: cfg.signing.digestAlgorithm,
    includeKeyInfo: cfg.signing.includeKeyInfo,
    // AD FS 2016+ writes <Signature xmlns=…> [AADIBLOG]; PingOne keeps ds: (the PingOne seed).
    ...(cfg.profile.name === 'adfs' ? { signaturePrefix: 'none' as const } : {}),
  };
  if (cfg.tokenVersion === '2.0') {
    const unsigned = buildSaml2Assertion({
      id,
      issuer: issued.issuer,
      issueInstant: now,
      ...(subject === undefined
        ? {}
        : { nameId: { value: subject.value, format: NAMEID_PERSISTENT } }),
      subjectConfirmation: { notOnOrAfter },
      notBefore,
      notOnOrAfter,
      audiences,
      attributes: attributes.map((a) => ({
        name: claimType(a.namespace, a.name),
        values: a.values,
      })),
      authnInstant: now,
      authnContextClassRef: AUTHN_METHOD[how],
    });
    return {
      xml: signSaml2Assertion(unsigned, cfg.signing.key, cfg.signing.certificatePem, signing),
      created: notBefore,
      expires: notOnOrAfter,
    };
  }
  const unsigned = buildAssertion({
    assertionId: id,
    issuer: issued.issuer,
    issueInstant: now,
    notBefore,
    notOnOrAfter,
    audiences,
    ...(subject ? { nameIdentifier: subject } : {}),
    attributes,
    authenticationMethod: AUTHN_METHOD[how],
    authenticationInstant: now,
  });
  const signed = signAssertion(unsigned, cfg.signing.key, cfg.signing.certificatePem, signing);
  return {
    xml: cfg.mutateAssertion ? cfg.mutateAssertion(signed) : signed,
    created: notBefore,
    expires: notOnOrAfter,
  };
}
