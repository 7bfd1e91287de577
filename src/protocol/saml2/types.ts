/**
 * SAML 2.0 assertion model: what the mock IdP builds when a scenario asks for SAML 2.0 tokens,
 * and what a relying party (mock Entra, saml2-bearer grant) reads back.
 * @see saml-core-2.0-os §2.3.3 (Assertion), §2.4 (Subject), §2.5 (Conditions), §2.7 (statements);
 *   RFC 7522 §3 (SAML 2.0 bearer assertion for OAuth)
 */
export type { Verified } from '../xmldsig/verified.ts';

/** One `saml:Attribute`. Its claim type is its `Name` (WIF and AD FS write the full claim URI there). */
export interface Saml2Attribute {
  readonly name: string;
  readonly nameFormat?: string;
  readonly values: readonly string[];
}

export interface Saml2AssertionInput {
  /** Becomes `ID`; an NCName (AD FS: `_` + GUID). */
  id: string;
  issuer: string;
  issueInstant: Date;
  /** The Subject's NameID (Entra: the user's ImmutableID, format persistent). */
  nameId?: { value: string; format?: string };
  /** Bearer SubjectConfirmation; RFC 7522 §3 requires one with a NotOnOrAfter. */
  subjectConfirmation?: { notOnOrAfter: Date; recipient?: string };
  notBefore: Date;
  notOnOrAfter: Date;
  audiences: readonly string[];
  attributes: readonly Saml2Attribute[];
  authnInstant: Date;
  authnContextClassRef: string;
}

/** An assertion as read from XML: times stay the strings the issuer wrote. */
export interface Saml2Assertion {
  version: string;
  id: string;
  issuer: string;
  issueInstant: string;
  nameId?: { value: string; format?: string };
  /** `Method` of every SubjectConfirmation, in document order. */
  subjectConfirmationMethods: string[];
  /** Every SubjectConfirmation with its SubjectConfirmationData's times, in document order. */
  subjectConfirmations: { method: string; notBefore?: string; notOnOrAfter?: string }[];
  notBefore?: string;
  notOnOrAfter?: string;
  /** Every `Audience` of every `AudienceRestriction`, in document order. */
  audiences: string[];
  /** The `Audience`s of each `AudienceRestriction` (each must name the relying party). */
  audienceRestrictions: string[][];
  attributes: Saml2Attribute[];
  /** `AuthnContextClassRef` of every AuthnStatement (Entra reads inbound MFA here). */
  authnContextClassRefs: string[];
}
