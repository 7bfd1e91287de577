/**
 * Strict verification of one enveloped XML-DSig signature over the root element of a token (SAML
 * 1.1 or 2.0 assertion), the way a strict relying party does it: exactly one signature, a direct
 * child of the root, one Reference to the root's own id, exc-c14n and RSA-SHA256 only, the key
 * taken from the trusted certificates (KeyInfo is never trusted), and the signed XML handed back
 * as xml-crypto re-read it from the signed reference, never the document we were sent.
 * @see XML-DSig core §3.2 (core validation), §4.3.3.2 (default C14N); xml-crypto 6 README
 *   "getSignedReferences"; STYLE.md "Verifiers return only verified data"
 */
import { createHash, type X509Certificate } from 'node:crypto';
import { isSimError } from '../../core/errors.ts';
import { checkSignatureWithKey } from './check-signature.ts';
import { certificateKey, tryReadCertificate } from '../x509/read-certificate.ts';
import { ALG, NS } from '../xml/namespaces.ts';
import { attributeOf, childElements, firstChild, parseXml, textOf } from '../xml/parse-xml.ts';
import {
  UNSAFE_WEAKEN_FOR_TESTS,
  type Defense,
  type SignatureEngine,
  type Weakening,
} from '../saml11/unsafe-weaken.ts';

export type SignatureFailure =
  | 'malformed'
  | 'dtd'
  | 'not-an-assertion'
  | 'not-signed'
  | 'signature-invalid'
  | 'key-not-registered'
  | 'wrapping'
  | 'algorithm-not-allowed';

export interface SignatureFailed {
  readonly ok: false;
  readonly failure: SignatureFailure;
  readonly detail: string;
}

export interface SignatureVerified {
  readonly ok: true;
  /** The root element exactly as xml-crypto canonicalised and digested it. */
  readonly signedXml: string;
  /** Which trusted certificate verified (0 = current, 1 = next, …). */
  readonly certificateIndex: number;
}

export interface EnvelopedSignatureProfile {
  /** The root's id attribute the single Reference must name: `AssertionID` (SAML 1.1), `ID` (SAML 2.0). */
  readonly idAttribute: string;
  /** Extra rule on where the signature sits among the root's children; returns the problem. */
  readonly placement?: (signature: Element, root: Element) => string | undefined;
}

export interface VerifyOptions {
  /** Accept rsa-sha1 signatures and sha1 digests (old AD FS farms). Default false. */
  allowSha1?: boolean;
  /** TEST ONLY (see saml11/unsafe-weaken.ts): defenses switched off. Nothing in src/ sets it. */
  readonly [UNSAFE_WEAKEN_FOR_TESTS]?: Weakening;
}

export const signatureFailure = (failure: SignatureFailure, detail: string): SignatureFailed => ({
  ok: false,
  failure,
  detail,
});

export const isSignatureFailed = (x: unknown): x is SignatureFailed =>
  typeof x === 'object' && x !== null && (x as { ok?: unknown }).ok === false;

// The attribute names xml-crypto resolves a Reference URI against (any namespace), plus SAML 1.1's.
const ID_ATTRIBUTES = new Set(['AssertionID', 'ID', 'Id', 'id']);
const ELEMENT_NODE = 1;

/**
 * The root of the signed reference's XML, re-parsed, when it is the element that was sent (its
 * namespace, local name and id); otherwise the `wrapping` failure. Claims are read from it only.
 */
export function signedRoot(
  signedXml: string,
  what: string,
  root: { readonly namespace: string; readonly localName: string; readonly idAttribute: string },
  id: string,
): Element | SignatureFailed {
  const signed = parseXml(signedXml, what).documentElement;
  return signed.namespaceURI === root.namespace &&
    signed.localName === root.localName &&
    attributeOf(signed, root.idAttribute) === id
    ? signed
    : signatureFailure('wrapping', 'the signed reference is not the assertion that was sent');
}

/** Parses untrusted XML into a document, or says why not (`dtd` or `malformed`). Never throws. */
export function parseSignedDocument(xml: string, what: string): Document | SignatureFailed {
  try {
    return parseXml(xml, what);
  } catch (e) {
    if (isSimError(e, 'ERR_XML_DTD')) return signatureFailure('dtd', e.message);
    return signatureFailure('malformed', e instanceof Error ? e.message : String(e));
  }
}

/** No ID value twice anywhere: the precondition of resolving `#id` to one element. */
function checkUniqueIds(doc: Document): SignatureFailed | undefined {
  const seen = new Set<string>();
  const stack: Node[] = [doc.documentElement];
  while (stack.length > 0) {
    const el = stack.pop() as Element;
    for (let i = 0; i < el.attributes.length; i++) {
      const a = el.attributes.item(i)!;
      if (!ID_ATTRIBUTES.has(a.localName ?? a.name)) continue;
      if (seen.has(a.value)) {
        return signatureFailure(
          'wrapping',
          `the ID value ${JSON.stringify(a.value)} appears more than once`,
        );
      }
      seen.add(a.value);
    }
    for (let c = el.lastChild; c; c = c.previousSibling)
      if (c.nodeType === ELEMENT_NODE) stack.push(c);
  }
  return undefined;
}

/** Exactly one ds:Signature in the document, and it is a direct child of the root. */
function findSignature(
  doc: Document,
  root: Element,
  profile: EnvelopedSignatureProfile,
): Element | SignatureFailed {
  const signatures = doc.getElementsByTagNameNS(NS.ds, 'Signature');
  if (signatures.length === 0)
    return signatureFailure('not-signed', 'the assertion carries no ds:Signature');
  if (signatures.length > 1) {
    return signatureFailure(
      'wrapping',
      `the document carries ${signatures.length} ds:Signature elements, expected one`,
    );
  }
  const signature = signatures.item(0)!;
  if (signature.parentNode !== root) {
    return signatureFailure(
      'wrapping',
      'the ds:Signature is not a direct child of the assertion it must sign',
    );
  }
  const misplaced = profile.placement?.(signature, root);
  return misplaced === undefined ? signature : signatureFailure('malformed', misplaced);
}

function dsChildren(el: Element): Element[] | SignatureFailed {
  const children = childElements(el);
  const foreign = children.find((c) => c.namespaceURI !== NS.ds);
  return foreign
    ? signatureFailure('malformed', `unexpected <${foreign.nodeName}> in ds:${el.localName}`)
    : children;
}

/** The Signature's and SignedInfo's shape: one Reference, and it points at `#<root id>`. */
function checkSignedInfo(
  signature: Element,
  root: Element,
  profile: EnvelopedSignatureProfile,
): SignatureFailed | undefined {
  const parts = dsChildren(signature);
  if (isSignatureFailed(parts)) return parts;
  const names = parts.map((c) => c.localName);
  if (names.includes('Object')) {
    return signatureFailure(
      'wrapping',
      'the ds:Signature carries a ds:Object (where wrapped copies hide)',
    );
  }
  if (
    names[0] !== 'SignedInfo' ||
    names[1] !== 'SignatureValue' ||
    names.length > 3 ||
    (names[2] ?? 'KeyInfo') !== 'KeyInfo'
  ) {
    return signatureFailure(
      'malformed',
      `ds:Signature must hold SignedInfo, SignatureValue and optionally KeyInfo, not ${names.join(', ')}`,
    );
  }
  const signedInfoParts = dsChildren(parts[0]!);
  if (isSignatureFailed(signedInfoParts)) return signedInfoParts;
  const [canonicalization, signatureMethod, ...references] = signedInfoParts;
  if (
    canonicalization?.localName !== 'CanonicalizationMethod' ||
    signatureMethod?.localName !== 'SignatureMethod'
  ) {
    return signatureFailure(
      'malformed',
      'ds:SignedInfo must start with CanonicalizationMethod and SignatureMethod',
    );
  }
  if (references.length !== 1 || references[0]!.localName !== 'Reference') {
    return signatureFailure(
      'wrapping',
      `ds:SignedInfo must hold exactly one Reference, found ${references.length}`,
    );
  }
  const reference = references[0]!;
  const expectedUri = `#${attributeOf(root, profile.idAttribute) ?? ''}`;
  const uri = attributeOf(reference, 'URI');
  if (uri !== expectedUri) {
    return signatureFailure(
      'wrapping',
      `the Reference URI is ${JSON.stringify(uri ?? null)}, expected "${expectedUri}" (the assertion's ${profile.idAttribute})`,
    );
  }

  const referenceParts = dsChildren(reference);
  return isSignatureFailed(referenceParts) ? referenceParts : undefined;
}

/**
 * Algorithms: exc-c14n only, enveloped-signature and exc-c14n transforms only, RSA-SHA256 /
 * SHA-256 (SHA-1 with allowSha1). Reads the first SignedInfo and its first Reference.
 */
function checkAlgorithms(signature: Element, allowSha1: boolean): SignatureFailed | undefined {
  const signedInfo = firstChild(signature, NS.ds, 'SignedInfo');
  if (!signedInfo) return signatureFailure('malformed', 'the ds:Signature has no ds:SignedInfo');
  const canonicalization = firstChild(signedInfo, NS.ds, 'CanonicalizationMethod');
  const signatureMethod = firstChild(signedInfo, NS.ds, 'SignatureMethod');
  const reference = firstChild(signedInfo, NS.ds, 'Reference');
  const c14n = canonicalization && attributeOf(canonicalization, 'Algorithm');
  if (c14n !== ALG.excC14n)
    return signatureFailure(
      'algorithm-not-allowed',
      `canonicalization ${c14n ?? '(none)'} is not allowed; only ${ALG.excC14n}`,
    );
  const signatureAlgorithm = signatureMethod && attributeOf(signatureMethod, 'Algorithm');
  const signatureAllowed =
    signatureAlgorithm === ALG.rsaSha256 || (allowSha1 && signatureAlgorithm === ALG.rsaSha1);
  if (!signatureAllowed)
    return signatureFailure(
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
    return signatureFailure('algorithm-not-allowed', `transform ${badTransform} is not allowed`);
  // Without a final exc-c14n transform the digest input is inclusive C14N 1.0 (XML-DSig §4.3.3.2).
  if (transforms[transforms.length - 1] !== ALG.excC14n) {
    return signatureFailure(
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
    return signatureFailure(
      'algorithm-not-allowed',
      `digest algorithm ${digest ?? '(none)'} is not allowed`,
    );
  return undefined;
}

/** TEST ONLY path (structure off): the first ds:Signature anywhere in the document. */
function anySignature(doc: Document): Element | SignatureFailed {
  const signature = doc.getElementsByTagNameNS(NS.ds, 'Signature').item(0);
  return signature ?? signatureFailure('not-signed', 'the assertion carries no ds:Signature');
}

function embeddedCertificate(signature: Element): X509Certificate | undefined {
  const keyInfo = firstChild(signature, NS.ds, 'KeyInfo');
  const x509Data = keyInfo && firstChild(keyInfo, NS.ds, 'X509Data');
  const cert = x509Data && firstChild(x509Data, NS.ds, 'X509Certificate');
  return cert ? tryReadCertificate(textOf(cert)) : undefined;
}

/**
 * Checks the document's one enveloped signature against `trustedCertificates` (PEM or bare
 * base64, tried in order). When none verifies but the certificate in the signature's own KeyInfo
 * does, the failure is `key-not-registered` (a valid signature by a key the tenant did not
 * register). The caller has parsed `source` into `doc` and checked the root. Never throws.
 */
export function verifyEnvelopedSignature(
  source: string,
  doc: Document,
  trustedCertificates: readonly string[],
  profile: EnvelopedSignatureProfile,
  opts: VerifyOptions = {},
): SignatureVerified | SignatureFailed {
  const weakening = opts[UNSAFE_WEAKEN_FOR_TESTS];
  const on = (d: Defense) => !weakening?.off.has(d);
  const check: SignatureEngine =
    weakening?.engine ??
    ((xml, signature, key) => checkSignatureWithKey(xml, signature, key, profile.idAttribute));
  const root = doc.documentElement;
  let signature: Element | SignatureFailed;
  if (on('structure')) {
    const unique = checkUniqueIds(doc);
    if (unique) return unique;
    signature = findSignature(doc, root, profile);
    if (isSignatureFailed(signature)) return signature;
    const shape = checkSignedInfo(signature, root, profile);
    if (shape) return shape;
  } else {
    signature = anySignature(doc);
    if (isSignatureFailed(signature)) return signature;
  }
  if (on('algorithm-allow-list')) {
    const algorithms = checkAlgorithms(signature, opts.allowSha1 ?? false);
    if (algorithms) return algorithms;
  }

  const errors: string[] = [];
  for (const [index, trusted] of trustedCertificates.entries()) {
    const cert = tryReadCertificate(trusted);
    if (!cert) {
      errors.push(`trusted certificate ${index} is not a readable certificate`);
      continue;
    }
    const outcome = check(source, signature, certificateKey(cert));
    if ('signed' in outcome)
      return { ok: true, signedXml: outcome.signed, certificateIndex: index };
    errors.push(`trusted certificate ${index}: ${outcome.error}`);
  }

  const embedded = embeddedCertificate(signature);
  const byEmbedded = embedded && check(source, signature, certificateKey(embedded));
  if (embedded && byEmbedded && 'signed' in byEmbedded) {
    // A validator that believes KeyInfo takes the token for one of the registered issuer's.
    if (!on('registered-key-only'))
      return { ok: true, signedXml: byEmbedded.signed, certificateIndex: 0 };
    const thumbprint = createHash('sha1').update(embedded.raw).digest('hex').toUpperCase();
    return signatureFailure(
      'key-not-registered',
      `the signature verifies with the certificate in its KeyInfo (${embedded.subject.replace(/\n/g, ', ')}; ` +
        `thumbprint ${thumbprint}), which is not a registered signing certificate`,
    );
  }
  return signatureFailure(
    'signature-invalid',
    errors.length > 0 ? errors.join('; ') : 'no trusted signing certificate is configured',
  );
}
