/**
 * SAML 1.1 assertion model: what the mock IdP builds and what a relying party reads back.
 * @see oasis-sstc-saml-core-1.1 §2 (Assertion, Conditions, AttributeStatement)
 */

/** One `saml:Attribute`; its claim type is `claimType(namespace, name)`. */
export interface Saml11Attribute {
  readonly namespace: string;
  readonly name: string;
  readonly values: readonly string[];
  /**
   * Written as `a:OriginalIssuer` (namespace `http://schemas.xmlsoap.org/ws/2009/09/identity/claims`)
   * when set: AD FS marks request-context claims `CLIENT CONTEXT` [AADIBLOG].
   */
  readonly originalIssuer?: string;
}

export interface Saml11AssertionInput {
  /** Becomes `AssertionID`; must be an NCName (AD FS: `_` + GUID). */
  assertionId: string;
  issuer: string;
  issueInstant: Date;
  notBefore: Date;
  notOnOrAfter: Date;
  audiences: readonly string[];
  nameIdentifier?: { value: string; format: string };
  attributes: readonly Saml11Attribute[];
  authenticationMethod: string;
  authenticationInstant: Date;
}

/** An assertion as read from XML: times stay the strings the issuer wrote. */
export interface Saml11Assertion {
  majorVersion: string;
  minorVersion: string;
  assertionId: string;
  issuer: string;
  issueInstant: string;
  notBefore?: string;
  notOnOrAfter?: string;
  /** Every `Audience` of every `AudienceRestrictionCondition`, in document order. */
  audiences: string[];
  /** The `Audience`s of each `AudienceRestrictionCondition` (each must name the relying party). */
  audienceRestrictions: string[][];
  nameIdentifier?: { value: string; format?: string };
  attributes: Saml11Attribute[];
  authenticationMethod?: string;
}

/** Data read only from XML whose signature was verified; only verifiers create it. */
export type { Verified } from '../xmldsig/verified.ts';
