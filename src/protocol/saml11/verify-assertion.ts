/**
 * Verifies a SAML 1.1 assertion the way a strict relying party (mock Entra) does, and returns
 * only what the signature covers, re-read from the signed reference. The signature rules are
 * xmldsig/verify-enveloped.ts's (shared with SAML 2.0); this file adds the SAML 1.1 root and the
 * claims reading, and the TEST ONLY weakened readings of issue 9's attack suite.
 * @see XML-DSig core §3.2 (core validation); xml-crypto 6 README "getSignedReferences";
 *   [ERR] (AADSTS50008 wording); DESIGN.md "Fidelity rules"
 */
import { DOMParser } from '@xmldom/xmldom';
import { NS } from '../xml/namespaces.ts';
import { attributeOf, childElements, parseXml } from '../xml/parse-xml.ts';
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
import type { Saml11Assertion, Verified } from './types.ts';
import { UNSAFE_WEAKEN_FOR_TESTS, type Defense } from './unsafe-weaken.ts';

export type VerifyFailure = SignatureFailure;
export type { VerifyOptions };

export type VerifyResult =
  | { ok: true; assertion: Verified<Saml11Assertion>; certificateIndex: number }
  | { ok: false; failure: VerifyFailure; detail: string };

type Failed = SignatureFailed;

const fail = signatureFailure;
const isFailed = isSignatureFailed;

/** The root must be a SAML 1.x Assertion; the detail is Entra's own AADSTS50008 wording. */
function checkRoot(root: Element): Failed | undefined {
  if (root.localName !== 'Assertion' || root.namespaceURI !== NS.saml11) {
    return fail(
      'not-an-assertion',
      `Expected element is (Assertion, ${NS.saml11}) the actual element is ` +
        `(${root.localName ?? root.nodeName}, ${root.namespaceURI ?? ''})`,
    );
  }
  const major = attributeOf(root, 'MajorVersion');
  if (major !== '1') {
    return fail(
      'not-an-assertion',
      `Expected MajorVersion is (1) the actual MajorVersion is (${major ?? ''})`,
    );
  }
  if (!attributeOf(root, 'AssertionID'))
    return fail('malformed', 'the assertion has no AssertionID');
  return undefined;
}

/** Reads the claims from the signed reference only, never from the document we were sent. */
function readSigned(signedXml: string, assertionId: string): VerifyResult {
  const root = signedRoot(
    signedXml,
    'signed SAML assertion',
    { namespace: NS.saml11, localName: 'Assertion', idAttribute: 'AssertionID' },
    assertionId,
  );
  if (isFailed(root)) return root;
  return {
    ok: true,
    assertion: readAssertion(root) as Verified<Saml11Assertion>,
    certificateIndex: -1,
  };
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
  const weakening = opts[UNSAFE_WEAKEN_FOR_TESTS];
  const on = (d: Defense) => !weakening?.off.has(d);
  try {
    const source = typeof xml === 'string' && xml.startsWith('\uFEFF') ? xml.slice(1) : xml;
    const doc = on('strict-parser')
      ? parseSignedDocument(source, 'SAML assertion')
      : lenientDocument(source);
    if (isFailed(doc)) return doc;
    const root = doc.documentElement;
    if (on('structure')) {
      const structural = checkRoot(root);
      if (structural) return structural;
    }
    const checked = verifyEnvelopedSignature(
      source,
      doc,
      trustedCertificates,
      { idAttribute: 'AssertionID' },
      opts,
    );
    if (!checked.ok) {
      return checked.failure === 'not-signed' && !on('signature-required')
        ? readWeakened(doc, root, on, undefined)
        : checked;
    }
    const result =
      on('claims-from-signed-reference') && on('whole-text-values')
        ? readSigned(checked.signedXml, attributeOf(root, 'AssertionID') ?? '')
        : readWeakened(doc, root, on, checked.signedXml);
    return result.ok ? { ...result, certificateIndex: checked.certificateIndex } : result;
  } catch (e) {
    return fail('malformed', e instanceof Error ? e.message : String(e));
  }
}

// ---- TEST ONLY paths, reached only with UNSAFE_WEAKEN_FOR_TESTS (see unsafe-weaken.ts) ----

/** xmldom with its defaults: DTDs kept, errors ignored, a second root dropped. */
function lenientDocument(xml: string): Document | Failed {
  const ignore = () => undefined;
  const doc = new DOMParser({
    errorHandler: { warning: ignore, error: ignore, fatalError: ignore },
  }).parseFromString(String(xml), 'text/xml');
  return doc?.documentElement ? doc : fail('malformed', 'no root element');
}

/** Keeps only the first text node of every element whose text a comment splits. */
function truncateAtFirstTextNode(el: Element): void {
  for (const child of childElements(el)) truncateAtFirstTextNode(child);
  let textSeen = false;
  for (let node = el.firstChild; node;) {
    const next = node.nextSibling;
    if (node.nodeType === 3 || node.nodeType === 4) {
      if (textSeen) el.removeChild(node);
      textSeen = true;
    } else if (node.nodeType === 8 && textSeen) {
      // Everything after the comment is what a first-text-node reader never sees.
      for (let rest: ChildNode | null = node; rest;) {
        const after: ChildNode | null = rest.nextSibling;
        if (rest.nodeType !== 1) el.removeChild(rest);
        rest = after;
      }
      break;
    }
    node = next;
  }
}

/** Reads claims the way the switched-off defenses would have let a naive relying party read them. */
function readWeakened(
  doc: Document,
  root: Element,
  on: (d: Defense) => boolean,
  signedXml: string | undefined,
): VerifyResult {
  let el: Element;
  if (signedXml !== undefined && on('claims-from-signed-reference')) {
    el = parseXml(signedXml, 'signed SAML assertion').documentElement;
  } else {
    el =
      root.namespaceURI === NS.saml11 && root.localName === 'Assertion'
        ? root
        : (doc.getElementsByTagNameNS(NS.saml11, 'Assertion').item(0) ?? root);
  }
  if (!on('whole-text-values')) {
    el = el.cloneNode(true) as Element;
    truncateAtFirstTextNode(el);
  }
  try {
    const assertion = readAssertion(el) as Verified<Saml11Assertion>;
    return { ok: true, assertion, certificateIndex: 0 };
  } catch (e) {
    return fail('malformed', e instanceof Error ? e.message : String(e));
  }
}
