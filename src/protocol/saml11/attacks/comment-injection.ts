/**
 * Comment injection in a claim value: an empty comment is put before the last character of the
 * `accounttype` value, so `DJx` reads `DJ<!---->x`. Exclusive canonicalization drops comments,
 * so the signature still verifies; a reader that stops at the first text node reads `DJ`, a
 * value the issuer never signed.
 *
 * The rule the verified value follows: a claim value is the concatenation of all text of its
 * element as the signature covers it (exc-c14n without comments), never one text node of the
 * document. `DJ<!---->x` is `DJx`.
 * @see CVE-2017-11427 / CVE-2018-0489 family (Duo Security, "Duo Finds SAML Vulnerabilities
 *   Affecting Multiple Implementations", 2018); exc-c14n §1 (comments removed)
 */
import { NS } from '../../xml/namespaces.ts';
import { attributeOf, childElements } from '../../xml/parse-xml.ts';
import { readSigned, write } from './edit.ts';
import type { SamlAttack } from './types.ts';

/** The claim whose value is split (AttributeName). */
export const COMMENT_INJECTION_TARGET = 'accounttype';

export const COMMENT_INJECTION: SamlAttack = {
  name: 'comment-injection',
  fixture: 'comment-injection-in-accounttype',
  summary:
    'an empty comment before the last character of the signed accounttype value (DJx → DJ<!---->x)',
  source: 'Duo Security 2018, CVE-2017-11427 family (comment truncation of NameID/attributes)',
  apply: ({ signed }) => {
    const s = readSigned(signed);
    for (const attribute of Array.from(
      s.assertion.getElementsByTagNameNS(NS.saml11, 'Attribute'),
    )) {
      if (attributeOf(attribute, 'AttributeName') !== COMMENT_INJECTION_TARGET) continue;
      for (const value of childElements(attribute, NS.saml11, 'AttributeValue')) {
        const text = value.textContent ?? '';
        if (text.length < 2) continue;
        while (value.firstChild) value.removeChild(value.firstChild);
        value.appendChild(s.doc.createTextNode(text.slice(0, -1)));
        value.appendChild(s.doc.createComment(''));
        value.appendChild(s.doc.createTextNode(text.slice(-1)));
      }
    }
    return write(s.doc);
  },
};
