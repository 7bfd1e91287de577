/**
 * Every attack on a signed SAML 1.1 assertion hjsim knows, by the name `idp.attack` takes.
 * Each turns a correctly signed assertion into the attack document (pure: no I/O, no clock, no
 * randomness; signing goes through the tools the caller injects).
 * @see the header of each attack's file for its source
 */
import { SimError } from '../../../core/errors.ts';
import { COMMENT_INJECTION } from './comment-injection.ts';
import { DIGEST_VALUE_COMMENT } from './digest-value-comment.ts';
import { TRANSFORM_ATTACKS } from './disallowed-transform.ts';
import { DTD_ATTACKS } from './dtd.ts';
import { DUPLICATE_IDS } from './duplicate-ids.ts';
import { KEYINFO_SUBSTITUTION } from './keyinfo-substitution.ts';
import { MULTIPLE_ROOTS } from './multiple-roots.ts';
import { MULTIPLE_SIGNED_INFO } from './multiple-signed-info.ts';
import { SIGNATURE_EXCLUSION } from './signature-exclusion.ts';
import type { AttackInput, SamlAttack } from './types.ts';
import { ALGORITHM_ATTACKS } from './weak-algorithm.ts';
import { XSW_ATTACKS } from './xsw.ts';

export const SAML_ATTACKS: readonly SamlAttack[] = [
  ...XSW_ATTACKS,
  SIGNATURE_EXCLUSION,
  KEYINFO_SUBSTITUTION,
  COMMENT_INJECTION,
  DIGEST_VALUE_COMMENT,
  MULTIPLE_SIGNED_INFO,
  MULTIPLE_ROOTS,
  ...DTD_ATTACKS,
  ...TRANSFORM_ATTACKS,
  ...ALGORITHM_ATTACKS,
  DUPLICATE_IDS,
];

export const SAML_ATTACK_NAMES = SAML_ATTACKS.map((a) => a.name) as readonly string[];

export function samlAttack(name: string): SamlAttack {
  const attack = SAML_ATTACKS.find((a) => a.name === name);
  if (!attack) {
    throw new SimError('ERR_USAGE', `unknown SAML attack '${name}'`, {
      hint: `one of ${SAML_ATTACK_NAMES.join(', ')}`,
    });
  }
  return attack;
}

export function applySamlAttack(name: string, input: AttackInput): string {
  return samlAttack(name).apply(input);
}
