/**
 * What an attack on a signed SAML 1.1 assertion takes and gives: the correctly signed assertion,
 * the claims its evil part carries instead, and the signing a given attack needs.
 * @see CompassSecurity/SAMLRaider src/main/java/helpers/XSWHelpers.java ("match and replace"
 *   values applied to the evil copy)
 */
import type { SignAssertionOptions } from '../sign-assertion.ts';

/** The values the evil part carries (SAMLRaider's match-and-replace, by claim). */
export interface EvilClaims {
  /** AttributeName → the value every AttributeValue of that attribute gets. */
  readonly attributes: Readonly<Record<string, string>>;
  /** The Subject's NameIdentifier (the device's ImmutableID) in the evil part. */
  readonly nameIdentifier?: string;
}

export interface AttackTools {
  /** Signs an unsigned assertion with the issuer's own key (what the issuer itself would do). */
  readonly signAsIssuer: (unsignedXml: string, opts?: SignAssertionOptions) => string;
  /** Signs with a key no tenant registered, its certificate embedded in KeyInfo. */
  readonly signAsAttacker: (unsignedXml: string) => string;
}

export interface AttackInput {
  /** A correctly signed assertion: enveloped ds:Signature as the root's last child. */
  readonly signed: string;
  readonly evil: EvilClaims;
  readonly tools: AttackTools;
}

export interface SamlAttack {
  /** The name `idp.attack` takes. */
  readonly name: string;
  /** Base name of the fixture under test/attacks/ (`<fixture>.xml`). */
  readonly fixture: string;
  /** One line: what the attack does. */
  readonly summary: string;
  /** Where the attack is defined (public source), or `modeled: …`. */
  readonly source: string;
  /** Turns the signed assertion into the attack document. Pure. */
  readonly apply: (input: AttackInput) => string;
}
