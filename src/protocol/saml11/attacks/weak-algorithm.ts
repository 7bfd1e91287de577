/**
 * Algorithms a strict relying party refuses: an assertion the issuer signed with RSA-SHA1 and a
 * SHA-1 digest (old AD FS farms, "SHA-1 signing cert once required" for PingFederate), and a
 * SignatureMethod no verifier knows (the signature cannot be checked, so must not be skipped).
 * @see W3C XML Signature Best Practices (SHA-1 deprecated); RFC 6931 §2.3.2 (rsa-sha1 "MUST NOT"
 *   for new signatures); RFC 6963 (`urn:example` is reserved, so the unknown URI names nothing)
 */
import { NS } from '../../xml/namespaces.ts';
import { dropSignature, readSigned, write } from './edit.ts';
import type { SamlAttack } from './types.ts';

export const UNKNOWN_SIGNATURE_METHOD = 'urn:example:hjsim:unknown-signature-method';

export const ALGORITHM_ATTACKS: readonly SamlAttack[] = [
  {
    name: 'algorithm-sha1',
    fixture: 'algorithm-sha1',
    summary: 'the same assertion signed by the issuer with RSA-SHA1 over a SHA-1 digest',
    source: 'RFC 6931 §2.3.2; PING (SHA-1 signing once required by PingFederate)',
    apply: ({ signed, tools }) => {
      const s = readSigned(signed);
      dropSignature(s.assertion);
      return tools.signAsIssuer(write(s.doc), {
        signatureAlgorithm: 'rsa-sha1',
        digestAlgorithm: 'sha1',
      });
    },
  },
  {
    name: 'algorithm-unknown',
    fixture: 'algorithm-unknown',
    summary: 'the SignatureMethod replaced by an algorithm URI no verifier implements',
    source: 'RFC 6963 (urn:example); XML-DSig §4.4.2 (SignatureMethod)',
    apply: ({ signed }) => {
      const s = readSigned(signed);
      s.signature
        .getElementsByTagNameNS(NS.ds, 'SignatureMethod')
        .item(0)!
        .setAttribute('Algorithm', UNKNOWN_SIGNATURE_METHOD);
      return write(s.doc);
    },
  },
];
