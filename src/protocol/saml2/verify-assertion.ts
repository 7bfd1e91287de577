/**
 * Verifies a SAML 2.0 assertion the way a strict relying party (mock Entra, saml2-bearer grant)
 * does, with the same rules as the SAML 1.1 verifier, and returns only what the signature covers,
 * re-read from xml-crypto's signed reference.
 * @see saml-core-2.0-os §2.3.3 (Signature after Issuer), §5.4; XML-DSig core §3.2;
 *   learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-fed-saml-idp ("The assertion
 *   node itself must be signed"; enveloped-signature + exc-c14n transforms)
 * modeled: SHA-256 is required by default although that page still names rsa-sha1 (it also says
 *   SHA-1 is deprecated); `allowSha1` models an old IdP.
 */
import { NS } from '../xml/namespaces.ts';
import { attributeOf, childElements } from '../xml/parse-xml.ts';
import {
  isSignatureFailed,
  parseSignedDocument,
  signatureFailure,
  signedRoot,
  verifyEnvelopedSignature,
  type SignatureFailed,
  type SignatureFailure,
  type VerifyOptions,
} from '../xmldsig/verify-enveloped.ts';
import { readAssertion } from './parse-assertion.ts';
import type { Saml2Assertion, Verified } from './types.ts';

export type VerifyFailure = SignatureFailure;
export type { VerifyOptions };

export type VerifyResult =
  | { ok: true; assertion: Verified<Saml2Assertion>; certificateIndex: number }
  | { ok: false; failure: VerifyFailure; detail: string };

function checkRoot(root: Element): SignatureFailed | undefined {
  if (root.localName !== 'Assertion' || root.namespaceURI !== NS.saml2) {
    return signatureFailure(
      'not-an-assertion',
      `Expected element is (Assertion, ${NS.saml2}) the actual element is ` +
        `(${root.localName ?? root.nodeName}, ${root.namespaceURI ?? ''})`,
    );
  }
  const version = attributeOf(root, 'Version');
  if (version !== '2.0') {
    return signatureFailure(
      'not-an-assertion',
      `Expected Version is (2.0) the actual Version is (${version ?? ''})`,
    );
  }
  if (!attributeOf(root, 'ID')) return signatureFailure('malformed', 'the assertion has no ID');
  return undefined;
}

/** The schema puts ds:Signature immediately after Issuer. */
function afterIssuer(signature: Element, root: Element): string | undefined {
  const [first, second] = childElements(root);
  if (first?.namespaceURI !== NS.saml2 || first.localName !== 'Issuer')
    return 'the assertion does not start with its Issuer';
  return second === signature
    ? undefined
    : 'the ds:Signature must immediately follow the Issuer (saml-core-2.0 §2.3.3)';
}

function readSigned(signedXml: string, id: string): VerifyResult {
  const root = signedRoot(
    signedXml,
    'signed SAML 2.0 assertion',
    { namespace: NS.saml2, localName: 'Assertion', idAttribute: 'ID' },
    id,
  );
  if (isSignatureFailed(root)) return root;
  return {
    ok: true,
    assertion: readAssertion(root) as Verified<Saml2Assertion>,
    certificateIndex: -1,
  };
}

/**
 * Strict relying-party verification. Never throws. `trustedCertificates` are PEM or bare base64,
 * tried in order; `certificateIndex` says which one verified. When none does but the certificate
 * in the signature's own KeyInfo does, the failure is `key-not-registered`.
 */
export function verifyAssertion(
  xml: string,
  trustedCertificates: readonly string[],
  opts: VerifyOptions = {},
): VerifyResult {
  try {
    const source = typeof xml === 'string' && xml.startsWith('\uFEFF') ? xml.slice(1) : xml;
    const doc = parseSignedDocument(source, 'SAML 2.0 assertion');
    if (isSignatureFailed(doc)) return doc;
    const root = doc.documentElement;
    const structural = checkRoot(root);
    if (structural) return structural;
    const checked = verifyEnvelopedSignature(
      source,
      doc,
      trustedCertificates,
      { idAttribute: 'ID', placement: afterIssuer },
      opts,
    );
    if (!checked.ok) return checked;
    const result = readSigned(checked.signedXml, attributeOf(root, 'ID')!);
    return result.ok ? { ...result, certificateIndex: checked.certificateIndex } : result;
  } catch (e) {
    return signatureFailure('malformed', e instanceof Error ? e.message : String(e));
  }
}
