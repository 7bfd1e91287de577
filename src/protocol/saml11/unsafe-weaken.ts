/**
 * TEST ONLY: the switch that turns named defenses of `verifyAssertion` off, so that the attack
 * suite can prove each of its tests fails against a validator without them
 * (test/attacks/weakened-validator.test.ts). Nothing in the simulator sets it.
 *
 * Production code cannot reach it by accident: the option is keyed by this module's symbol (no
 * string key, nothing a scenario or a request can spell), and ESLint (`no-restricted-syntax` in
 * eslint.config.js) forbids importing this module anywhere under src/ except verify-assertion.ts
 * and xmldsig/verify-enveloped.ts (where the signature defenses live, shared with SAML 2.0).
 * A test proves the same by reading src/.
 * @see modeled: a harness device, not a behaviour of Entra
 */
import type { KeyObject } from 'node:crypto';

export const UNSAFE_WEAKEN_FOR_TESTS: unique symbol = Symbol('hjsim.unsafeWeakenForTests');

/** The defenses of `verifyAssertion`, each of which a test may switch off. */
export type Defense =
  /** No DTD, one root, nothing outside it (off: xmldom's lenient defaults, errors ignored). */
  | 'strict-parser'
  /**
   * The root is the SAML 1.1 Assertion, no ID twice, exactly one ds:Signature and it is a child of
   * the root, SignedInfo/Signature shape, one Reference and it names the root (off: the first
   * ds:Signature anywhere in the document is checked).
   */
  | 'structure'
  /** exc-c14n, RSA-SHA256, SHA-256, enveloped + exc-c14n transforms only (off: anything). */
  | 'algorithm-allow-list'
  /** An assertion without ds:Signature is refused (off: it is read as it is). */
  | 'signature-required'
  /** Only a registered certificate verifies (off: the certificate in KeyInfo is believed). */
  | 'registered-key-only'
  /** Claims come from xml-crypto's signed reference (off: from the first saml:Assertion). */
  | 'claims-from-signed-reference'
  /** A value is all its text (off: only its first text node, the comment-truncation bug). */
  | 'whole-text-values';

export const DEFENSES: readonly Defense[] = [
  'strict-parser',
  'structure',
  'algorithm-allow-list',
  'signature-required',
  'registered-key-only',
  'claims-from-signed-reference',
  'whole-text-values',
];

/**
 * Checks one signature with one key and returns the canonical XML it covers, or why not. The
 * default is xml-crypto; a test may substitute an emulation of a vulnerable library version.
 */
export type SignatureEngine = (
  xml: string,
  signature: Element,
  key: KeyObject,
) => { signed: string } | { error: string };

export interface Weakening {
  readonly off: ReadonlySet<Defense>;
  /** Replaces xml-crypto's signature check. */
  readonly engine?: SignatureEngine;
}
