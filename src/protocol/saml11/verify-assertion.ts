/**
 * Verifies a SAML 1.1 assertion the way a strict relying party (mock Entra) does, and returns
 * only what the signature covers, re-read from xml-crypto's signed reference.
 * @see XML-DSig core §3.2 (core validation); xml-crypto 6 README "getSignedReferences";
 *   research/protocol.md §3b (AADSTS50008 wording); DESIGN.md "Fidelity rules"
 */
import { NS } from '../xml/namespaces.ts';
import { attributeOf, parseXml } from '../xml/parse-xml.ts';
import {
  isSignatureFailed,
  parseSignedDocument,
  signatureFailure,
  verifyEnvelopedSignature,
  type SignatureFailed,
  type SignatureFailure,
  type VerifyOptions,
} from '../xmldsig/verify-enveloped.ts';
import { readAssertion } from './parse-assertion.ts';
import type { Saml11Assertion, Verified } from './types.ts';

export type VerifyFailure = SignatureFailure;
export type { VerifyOptions };

export type VerifyResult =
  | { ok: true; assertion: Verified<Saml11Assertion>; certificateIndex: number }
  | { ok: false; failure: VerifyFailure; detail: string };

/** The root must be a SAML 1.x Assertion; the detail is Entra's own AADSTS50008 wording. */
function checkRoot(root: Element): SignatureFailed | undefined {
  if (root.localName !== 'Assertion' || root.namespaceURI !== NS.saml11) {
    return signatureFailure(
      'not-an-assertion',
      `Expected element is (Assertion, ${NS.saml11}) the actual element is ` +
        `(${root.localName ?? root.nodeName}, ${root.namespaceURI ?? ''})`,
    );
  }
  const major = attributeOf(root, 'MajorVersion');
  if (major !== '1') {
    return signatureFailure(
      'not-an-assertion',
      `Expected MajorVersion is (1) the actual MajorVersion is (${major ?? ''})`,
    );
  }
  if (!attributeOf(root, 'AssertionID'))
    return signatureFailure('malformed', 'the assertion has no AssertionID');
  return undefined;
}

/** Reads the claims from the signed reference only, never from the document we were sent. */
function readSigned(signedXml: string, assertionId: string): VerifyResult {
  const signedRoot = parseXml(signedXml, 'signed SAML assertion').documentElement;
  if (
    signedRoot.namespaceURI !== NS.saml11 ||
    signedRoot.localName !== 'Assertion' ||
    attributeOf(signedRoot, 'AssertionID') !== assertionId
  ) {
    return signatureFailure('wrapping', 'the signed reference is not the assertion that was sent');
  }
  const assertion = readAssertion(signedRoot) as Verified<Saml11Assertion>;
  return { ok: true, assertion, certificateIndex: -1 };
}

/**
 * Strict relying-party verification. Never throws: every problem is a `failure` with a `detail`
 * for the transcript. `trustedCertificates` are PEM or bare base64 (Graph's `signingCertificate`),
 * tried in order; `certificateIndex` says which one verified (0 = current, 1 = next, …).
 * When none does but the certificate in the signature's own KeyInfo does, the failure is
 * `key-not-registered` (a valid signature by a key the tenant did not register).
 */
export function verifyAssertion(
  xml: string,
  trustedCertificates: readonly string[],
  opts: VerifyOptions = {},
): VerifyResult {
  try {
    const source = typeof xml === 'string' && xml.startsWith('\uFEFF') ? xml.slice(1) : xml;
    const doc = parseSignedDocument(source, 'SAML assertion');
    if (isSignatureFailed(doc)) return doc;
    const root = doc.documentElement;
    const structural = checkRoot(root);
    if (structural) return structural;
    const checked = verifyEnvelopedSignature(
      source,
      doc,
      trustedCertificates,
      { idAttribute: 'AssertionID' },
      opts,
    );
    if (!checked.ok) return checked;
    const result = readSigned(checked.signedXml, attributeOf(root, 'AssertionID')!);
    return result.ok ? { ...result, certificateIndex: checked.certificateIndex } : result;
  } catch (e) {
    return signatureFailure('malformed', e instanceof Error ? e.message : String(e));
  }
}
