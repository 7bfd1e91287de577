/**
 * Verifies a SAML 1.1 assertion the way a strict relying party (mock Entra) does, and returns
 * only what the signature covers, re-read from xml-crypto's signed reference.
 * @see XML-DSig core §3.2 (core validation); xml-crypto 6 README "getSignedReferences";
 *   research/protocol.md §3b (AADSTS50008 wording); DESIGN.md "Fidelity rules"
 */
import { createHash, type X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { isSimError } from '../../core/errors.ts';
import { checkSignatureWithKey } from '../xmldsig/check-signature.ts';
import { certificateKey, tryReadCertificate } from '../x509/read-certificate.ts';
import { ALG, NS } from '../xml/namespaces.ts';
import { attributeOf, childElements, firstChild, parseXml, textOf } from '../xml/parse-xml.ts';
import { readAssertion } from './parse-assertion.ts';
import type { Saml11Assertion, Verified } from './types.ts';
import {
  UNSAFE_WEAKEN_FOR_TESTS,
  type Defense,
  type SignatureEngine,
  type Weakening,
} from './unsafe-weaken.ts';

export type VerifyFailure =
  | 'malformed'
  | 'dtd'
  | 'not-an-assertion'
  | 'not-signed'
  | 'signature-invalid'
  | 'key-not-registered'
  | 'wrapping'
  | 'algorithm-not-allowed';

export type VerifyResult =
  | { ok: true; assertion: Verified<Saml11Assertion>; certificateIndex: number }
  | { ok: false; failure: VerifyFailure; detail: string };

export interface VerifyOptions {
  /** Accept rsa-sha1 signatures and sha1 digests (old AD FS farms). Default false. */
  allowSha1?: boolean;
  /** TEST ONLY (see unsafe-weaken.ts): defenses switched off. Nothing in src/ sets it. */
  readonly [UNSAFE_WEAKEN_FOR_TESTS]?: Weakening;
}

type Failed = Extract<VerifyResult, { ok: false }>;

const fail = (failure: VerifyFailure, detail: string): Failed => ({ ok: false, failure, detail });

// The attribute names xml-crypto resolves a Reference URI against (any namespace), plus SAML 1.1's.
const ID_ATTRIBUTES = new Set(['AssertionID', 'ID', 'Id', 'id']);
const ELEMENT_NODE = 1;

function parseDocument(xml: string): Document | Failed {
  try {
    return parseXml(xml, 'SAML assertion');
  } catch (e) {
    if (isSimError(e, 'ERR_XML_DTD')) return fail('dtd', e.message);
    return fail('malformed', e instanceof Error ? e.message : String(e));
  }
}

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

/** No ID value twice anywhere: the precondition of resolving `#id` to one element. */
function checkUniqueIds(doc: Document): Failed | undefined {
  const seen = new Set<string>();
  const stack: Node[] = [doc.documentElement];
  while (stack.length > 0) {
    const el = stack.pop() as Element;
    for (let i = 0; i < el.attributes.length; i++) {
      const a = el.attributes.item(i)!;
      if (!ID_ATTRIBUTES.has(a.localName ?? a.name)) continue;
      if (seen.has(a.value)) {
        return fail('wrapping', `the ID value ${JSON.stringify(a.value)} appears more than once`);
      }
      seen.add(a.value);
    }
    for (let c = el.lastChild; c; c = c.previousSibling)
      if (c.nodeType === ELEMENT_NODE) stack.push(c);
  }
  return undefined;
}

/** Exactly one ds:Signature in the document, and it is a direct child of the root. */
function findSignature(doc: Document, root: Element): Element | Failed {
  const signatures = doc.getElementsByTagNameNS(NS.ds, 'Signature');
  if (signatures.length === 0) return fail('not-signed', 'the assertion carries no ds:Signature');
  if (signatures.length > 1) {
    return fail(
      'wrapping',
      `the document carries ${signatures.length} ds:Signature elements, expected one`,
    );
  }
  const signature = signatures.item(0)!;
  if (signature.parentNode !== root) {
    return fail('wrapping', 'the ds:Signature is not a direct child of the assertion it must sign');
  }
  return signature;
}

function dsChildren(el: Element): Element[] | Failed {
  const children = childElements(el);
  const foreign = children.find((c) => c.namespaceURI !== NS.ds);
  return foreign
    ? fail('malformed', `unexpected <${foreign.nodeName}> in ds:${el.localName}`)
    : children;
}

const isFailed = (x: unknown): x is Failed =>
  typeof x === 'object' && x !== null && (x as { ok?: unknown }).ok === false;

/** SignedInfo's shape: one Reference, and it points at `#<root AssertionID>`. */
function checkSignedInfo(signature: Element, root: Element): Failed | undefined {
  const parts = dsChildren(signature);
  if (isFailed(parts)) return parts;
  const names = parts.map((c) => c.localName);
  if (names.includes('Object')) {
    return fail('wrapping', 'the ds:Signature carries a ds:Object (where wrapped copies hide)');
  }
  if (
    names[0] !== 'SignedInfo' ||
    names[1] !== 'SignatureValue' ||
    names.length > 3 ||
    (names[2] ?? 'KeyInfo') !== 'KeyInfo'
  ) {
    return fail(
      'malformed',
      `ds:Signature must hold SignedInfo, SignatureValue and optionally KeyInfo, not ${names.join(', ')}`,
    );
  }
  const signedInfoParts = dsChildren(parts[0]!);
  if (isFailed(signedInfoParts)) return signedInfoParts;
  const [canonicalization, signatureMethod, ...references] = signedInfoParts;
  if (
    canonicalization?.localName !== 'CanonicalizationMethod' ||
    signatureMethod?.localName !== 'SignatureMethod'
  ) {
    return fail(
      'malformed',
      'ds:SignedInfo must start with CanonicalizationMethod and SignatureMethod',
    );
  }
  if (references.length !== 1 || references[0]!.localName !== 'Reference') {
    return fail(
      'wrapping',
      `ds:SignedInfo must hold exactly one Reference, found ${references.length}`,
    );
  }
  const reference = references[0]!;
  const expectedUri = `#${attributeOf(root, 'AssertionID') ?? ''}`;
  const uri = attributeOf(reference, 'URI');
  if (uri !== expectedUri) {
    return fail(
      'wrapping',
      `the Reference URI is ${JSON.stringify(uri ?? null)}, expected "${expectedUri}" (the assertion's AssertionID)`,
    );
  }
  const referenceParts = dsChildren(reference);
  return isFailed(referenceParts) ? referenceParts : undefined;
}

/**
 * Algorithms: exc-c14n only, enveloped-signature and exc-c14n transforms only, RSA-SHA256 /
 * SHA-256 (SHA-1 with allowSha1). Reads the first SignedInfo and its first Reference.
 */
function checkAlgorithms(signature: Element, allowSha1: boolean): Failed | undefined {
  const signedInfo = firstChild(signature, NS.ds, 'SignedInfo');
  if (!signedInfo) return fail('malformed', 'the ds:Signature has no ds:SignedInfo');
  const canonicalization = firstChild(signedInfo, NS.ds, 'CanonicalizationMethod');
  const signatureMethod = firstChild(signedInfo, NS.ds, 'SignatureMethod');
  const reference = firstChild(signedInfo, NS.ds, 'Reference');
  const c14n = canonicalization && attributeOf(canonicalization, 'Algorithm');
  if (c14n !== ALG.excC14n)
    return fail(
      'algorithm-not-allowed',
      `canonicalization ${c14n ?? '(none)'} is not allowed; only ${ALG.excC14n}`,
    );
  const signatureAlgorithm = signatureMethod && attributeOf(signatureMethod, 'Algorithm');
  const signatureAllowed =
    signatureAlgorithm === ALG.rsaSha256 || (allowSha1 && signatureAlgorithm === ALG.rsaSha1);
  if (!signatureAllowed)
    return fail(
      'algorithm-not-allowed',
      `signature algorithm ${signatureAlgorithm ?? '(none)'} is not allowed`,
    );

  const referenceParts = reference ? childElements(reference) : [];
  const transformsEl = referenceParts.find(
    (c) => c.namespaceURI === NS.ds && c.localName === 'Transforms',
  );
  const transforms = transformsEl
    ? childElements(transformsEl, NS.ds, 'Transform').map(
        (t) => attributeOf(t, 'Algorithm') ?? '(none)',
      )
    : [];
  const badTransform = transforms.find((t) => t !== ALG.envelopedSignature && t !== ALG.excC14n);
  if (badTransform !== undefined)
    return fail('algorithm-not-allowed', `transform ${badTransform} is not allowed`);
  // Without a final exc-c14n transform the digest input is inclusive C14N 1.0 (XML-DSig §4.3.3.2).
  if (transforms[transforms.length - 1] !== ALG.excC14n) {
    return fail(
      'algorithm-not-allowed',
      `the Reference must end with the ${ALG.excC14n} transform`,
    );
  }
  const digestMethod = referenceParts.find(
    (c) => c.namespaceURI === NS.ds && c.localName === 'DigestMethod',
  );
  const digest = digestMethod && attributeOf(digestMethod, 'Algorithm');
  const digestAllowed = digest === ALG.sha256 || (allowSha1 && digest === ALG.sha1);
  if (!digestAllowed)
    return fail('algorithm-not-allowed', `digest algorithm ${digest ?? '(none)'} is not allowed`);
  return undefined;
}

/** The default engine: xml-crypto's core validation (direct path where the shape allows). */
const checkWithKey: SignatureEngine = (xml, signature, key) =>
  checkSignatureWithKey(xml, signature, key, 'AssertionID');

/** Reads the claims from the signed reference only, never from the document we were sent. */
function readSigned(signedXml: string, assertionId: string): VerifyResult {
  const signedRoot = parseXml(signedXml, 'signed SAML assertion').documentElement;
  if (
    signedRoot.namespaceURI !== NS.saml11 ||
    signedRoot.localName !== 'Assertion' ||
    attributeOf(signedRoot, 'AssertionID') !== assertionId
  ) {
    return fail('wrapping', 'the signed reference is not the assertion that was sent');
  }
  const assertion = readAssertion(signedRoot) as Verified<Saml11Assertion>;
  return { ok: true, assertion, certificateIndex: -1 };
}

function embeddedCertificate(signature: Element): X509Certificate | undefined {
  const keyInfo = firstChild(signature, NS.ds, 'KeyInfo');
  const x509Data = keyInfo && firstChild(keyInfo, NS.ds, 'X509Data');
  const cert = x509Data && firstChild(x509Data, NS.ds, 'X509Certificate');
  return cert ? tryReadCertificate(textOf(cert)) : undefined;
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
  const check = weakening?.engine ?? checkWithKey;
  try {
    const source = typeof xml === 'string' && xml.startsWith('\uFEFF') ? xml.slice(1) : xml;
    const doc = on('strict-parser') ? parseDocument(source) : lenientDocument(source);
    if (isFailed(doc)) return doc;
    const root = doc.documentElement;
    if (on('structure')) {
      const structural = checkRoot(root) ?? checkUniqueIds(doc);
      if (structural) return structural;
    }
    const signature = on('structure') ? findSignature(doc, root) : anySignature(doc);
    if (isFailed(signature)) {
      return signature.failure === 'not-signed' && !on('signature-required')
        ? readWeakened(doc, root, on, undefined)
        : signature;
    }
    const shape =
      (on('structure') ? checkSignedInfo(signature, root) : undefined) ??
      (on('algorithm-allow-list')
        ? checkAlgorithms(signature, opts.allowSha1 ?? false)
        : undefined);
    if (shape) return shape;
    const assertionId = attributeOf(root, 'AssertionID') ?? '';

    const errors: string[] = [];
    for (const [index, trusted] of trustedCertificates.entries()) {
      const cert = tryReadCertificate(trusted);
      if (!cert) {
        errors.push(`trusted certificate ${index} is not a readable certificate`);
        continue;
      }
      const outcome = check(source, signature, certificateKey(cert));
      if ('signed' in outcome) {
        const result =
          on('claims-from-signed-reference') && on('whole-text-values')
            ? readSigned(outcome.signed, assertionId)
            : readWeakened(doc, root, on, outcome.signed);
        return result.ok ? { ...result, certificateIndex: index } : result;
      }
      errors.push(`trusted certificate ${index}: ${outcome.error}`);
    }

    const embedded = embeddedCertificate(signature);
    const byEmbedded = embedded && check(source, signature, certificateKey(embedded));
    if (embedded && byEmbedded && 'signed' in byEmbedded) {
      // A validator that believes KeyInfo takes the token for one of the registered issuer's.
      if (!on('registered-key-only')) {
        const result = readWeakened(doc, root, on, byEmbedded.signed);
        return result.ok ? { ...result, certificateIndex: 0 } : result;
      }
      const thumbprint = createHash('sha1').update(embedded.raw).digest('hex').toUpperCase();
      return fail(
        'key-not-registered',
        `the signature verifies with the certificate in its KeyInfo (${embedded.subject.replace(/\n/g, ', ')}; ` +
          `thumbprint ${thumbprint}), which is not a registered signing certificate`,
      );
    }
    return fail(
      'signature-invalid',
      errors.length > 0 ? errors.join('; ') : 'no trusted signing certificate is configured',
    );
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

function anySignature(doc: Document): Element | Failed {
  const signature = doc.getElementsByTagNameNS(NS.ds, 'Signature').item(0);
  return signature ?? fail('not-signed', 'the assertion carries no ds:Signature');
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
