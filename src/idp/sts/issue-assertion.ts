/**
 * Issues the signed SAML 1.1 assertion for one authenticated principal: the profile's claim
 * rules, the scenario's overrides, the configured NameIdentifier, validity window, audience and
 * signing key and algorithms.
 * @see ../shared/research/protocol.md §1.6 (AD FS token shape; AuthenticationMethod for devices)
 */
import { AUTHN_METHOD_PASSWORD, AUTHN_METHOD_WINDOWS } from '../../protocol/claims/claim-types.ts';
import { buildAssertion } from '../../protocol/saml11/build-assertion.ts';
import { signAssertion } from '../../protocol/saml11/sign-assertion.ts';
import type { Saml11Attribute } from '../../protocol/saml11/types.ts';
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
  const rule = cfg.profile.nameIdentifier(p);
  const value = cfg.nameIdentifier.value ?? (rule ? resolveClaimValue(rule.value, p) : undefined);
  if (value === undefined) return undefined;
  // An empty format leaves the Format attribute out.
  return { value, format: cfg.nameIdentifier.format ?? rule?.format ?? '' };
}

/** The claims the IdP issues for `p` (rules, then the scenario's overrides). */
function claimsFor(cfg: IdpConfig, p: Principal) {
  return applyClaimOverrides(cfg.profile.claimRules(p, cfg), cfg.claimOverrides);
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
  const subject = nameIdentifier(cfg, p);
  const unsigned = buildAssertion({
    assertionId: `_${cfg.ids.uuid()}`,
    issuer: cfg.issuer,
    issueInstant: now,
    notBefore,
    notOnOrAfter,
    audiences: [cfg.audience ?? relyingParty],
    ...(subject ? { nameIdentifier: subject } : {}),
    attributes: [...resolveClaims(claimsFor(cfg, p), p), ...extraAttributes],
    authenticationMethod: AUTHN_METHOD[how],
    authenticationInstant: now,
  });
  return {
    xml: signAssertion(unsigned, cfg.signing.key, cfg.signing.certificatePem, {
      signatureAlgorithm: cfg.signing.signatureAlgorithm,
      digestAlgorithm: cfg.signing.digestAlgorithm,
      includeKeyInfo: cfg.signing.includeKeyInfo,
    }),
    created: notBefore,
    expires: notOnOrAfter,
  };
}
