/**
 * One view of a verified SAML token for the checks after the signature, whatever its version:
 * SAML 1.1 claims are `AttributeNamespace + "/" + AttributeName`, SAML 2.0 claims are the
 * Attribute `Name` (the full claim URI, as WIF and AD FS write it); the subject is the SAML 1.1
 * NameIdentifier or the SAML 2.0 NameID; the authentication methods are the SAML 1.1
 * AuthenticationMethod or the SAML 2.0 AuthnContextClassRefs (where Entra reads inbound MFA).
 * Built only from `Verified<…>` assertions, so every field was covered by the signature.
 * @see [HJM] [AADI] [DVRJ] [WIKI] (claim type = namespace + "/" + name);
 *   learn.microsoft.com/entra/identity/authentication/how-to-mfa-expected-inbound-assertions
 */
import { claimType } from '../../protocol/claims/claim-types.ts';
import type { Saml11Assertion } from '../../protocol/saml11/types.ts';
import type { Saml2Assertion } from '../../protocol/saml2/types.ts';
import type { Verified } from '../../protocol/xmldsig/verified.ts';

export interface TokenClaim {
  readonly type: string;
  readonly values: readonly string[];
}

export interface TokenView {
  readonly version: '1.1' | '2.0';
  /** AssertionID (SAML 1.1) or ID (SAML 2.0). */
  readonly id: string;
  readonly issuer: string;
  readonly notBefore?: string;
  readonly notOnOrAfter?: string;
  readonly audiences: readonly string[];
  /** The audiences of each restriction element: every one must name the relying party. */
  readonly audienceRestrictions: readonly (readonly string[])[];
  /** SAML 2.0: each SubjectConfirmation (method, SubjectConfirmationData times). */
  readonly subjectConfirmations?: readonly {
    readonly method: string;
    readonly notBefore?: string;
    readonly notOnOrAfter?: string;
  }[];
  readonly subject?: { readonly value: string; readonly format?: string };
  readonly claims: readonly TokenClaim[];
  readonly authnMethods: readonly string[];
}

export function viewOfSaml11(a: Verified<Saml11Assertion>): TokenView {
  return {
    version: '1.1',
    id: a.assertionId,
    issuer: a.issuer,
    ...(a.notBefore === undefined ? {} : { notBefore: a.notBefore }),
    ...(a.notOnOrAfter === undefined ? {} : { notOnOrAfter: a.notOnOrAfter }),
    audiences: a.audiences,
    audienceRestrictions: a.audienceRestrictions,
    ...(a.nameIdentifier === undefined ? {} : { subject: a.nameIdentifier }),
    claims: a.attributes.map((x) => ({ type: claimType(x.namespace, x.name), values: x.values })),
    authnMethods: a.authenticationMethod === undefined ? [] : [a.authenticationMethod],
  };
}

export function viewOfSaml2(a: Verified<Saml2Assertion>): TokenView {
  return {
    version: '2.0',
    id: a.id,
    issuer: a.issuer,
    ...(a.notBefore === undefined ? {} : { notBefore: a.notBefore }),
    ...(a.notOnOrAfter === undefined ? {} : { notOnOrAfter: a.notOnOrAfter }),
    audiences: a.audiences,
    audienceRestrictions: a.audienceRestrictions,
    subjectConfirmations: a.subjectConfirmations,
    ...(a.nameId === undefined ? {} : { subject: a.nameId }),
    claims: a.attributes.map((x) => ({ type: x.name, values: x.values })),
    authnMethods: a.authnContextClassRefs,
  };
}

/** The first value of the first claim of this type, or undefined. */
export function claimValue(view: TokenView, type: string): string | undefined {
  return view.claims.find((c) => c.type === type)?.values[0];
}

/** Every value of every claim of this type. */
export function claimValues(view: TokenView, type: string): string[] {
  return view.claims.filter((c) => c.type === type).flatMap((c) => c.values);
}
