/**
 * Core validation (XML-DSig §3.2) of one enveloped signature with one key, KeyInfo never
 * consulted: the reference's digest, then the SignatureValue over the canonical SignedInfo.
 * Returns the canonical XML the reference covers (what xml-crypto's `getSignedReferences()`
 * returns) or why not.
 *
 * Two engines give the same answer. xml-crypto's `checkSignature` is the reference: it handles
 * every shape the allow-list lets through. The direct path does the same steps for the one shape
 * real IdPs send (one Reference to the root's own id, enveloped-signature then exc-c14n, no
 * InclusiveNamespaces) with xml-crypto's own exc-c14n canonicaliser on the document already
 * parsed, instead of re-parsing it and finding nodes by XPath (most of a token check's time
 * before). Anything else goes to xml-crypto. test/entra/signature-engines.test.ts holds both to
 * the same result, signed bytes and error text, over every attack fixture and mutations of them.
 * @see XML-DSig core §3.2.1 (reference validation), §3.2.2 (signature validation), §6.6.4
 *   (enveloped-signature transform); Exclusive XML Canonicalization 1.0 §3
 */
import { createHash, verify, type KeyObject } from 'node:crypto';
import { ExclusiveCanonicalization, SignedXml } from 'xml-crypto';
import { ALG, NS } from '../xml/namespaces.ts';
import { attributeOf, childElements, parseXml, textOf } from '../xml/parse-xml.ts';

export type SignatureCheck = { signed: string } | { error: string };

/**
 * xml-crypto always resolves `Id`, `ID` and `id`, and counts an element once per listed name:
 * naming one of those again would make every id look duplicated. Only other names are added.
 */
export function xmlCryptoIdAttribute(idAttribute: string): { idAttribute?: string } {
  return XML_CRYPTO_ID_ATTRIBUTES.has(idAttribute) ? {} : { idAttribute };
}
const XML_CRYPTO_ID_ATTRIBUTES = new Set(['Id', 'ID', 'id']);

/** The reference engine: xml-crypto's `checkSignature` on the whole document text. */
export function checkWithXmlCrypto(
  xml: string,
  signature: Element,
  key: KeyObject,
  idAttribute: string,
): SignatureCheck {
  const verifier = new SignedXml({
    publicCert: key,
    getCertFromKeyInfo: () => null,
    ...xmlCryptoIdAttribute(idAttribute),
  });
  try {
    verifier.loadSignature(signature);
    if (!verifier.checkSignature(xml)) {
      const why = verifier.getReferences().find((r) => r.validationError)?.validationError?.message;
      return { error: why ?? 'a reference did not validate' };
    }
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  const signed = verifier.getSignedReferences();
  if (signed.length !== 1) return { error: `expected one signed reference, got ${signed.length}` };
  return { signed: signed[0]! };
}

const excC14n = new ExclusiveCanonicalization();
const C14N_OPTIONS = { defaultNsForPrefix: SignedXml.defaultNsForPrefix } as const;
const HASHES: Readonly<Record<string, string>> = { [ALG.sha256]: 'sha256', [ALG.sha1]: 'sha1' };
const SIGNATURES: Readonly<Record<string, string>> = {
  [ALG.rsaSha256]: 'sha256',
  [ALG.rsaSha1]: 'sha1',
};
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

const dsChild = (el: Element, name: string): Element | undefined =>
  childElements(el).find((c) => c.namespaceURI === NS.ds && c.localName === name);

/** The one element of this local name under `el` (any depth, any namespace), if it is in ds. */
function onlyDescendant(el: Element, localName: string): Element | undefined {
  const found = el.getElementsByTagNameNS('*', localName);
  const only = found.length === 1 ? found.item(0)! : undefined;
  return only?.namespaceURI === NS.ds ? only : undefined;
}

/** Elements carrying `value` in any id attribute xml-crypto resolves (it refuses more than one). */
function elementsWithId(root: Element, names: ReadonlySet<string>, value: string): number {
  let count = 0;
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    for (const name of names) {
      // xml-crypto matches `@*[local-name(.)=name]`: an attribute in any namespace.
      for (let i = 0; i < el.attributes.length; i++) {
        const a = el.attributes.item(i)!;
        if ((a.localName ?? a.name) === name && a.value === value) {
          count++;
          break;
        }
      }
    }
    for (let c = el.firstChild; c; c = c.nextSibling)
      if (c.nodeType === ELEMENT_NODE) stack.push(c as Element);
  }
  return count;
}

/**
 * The direct path, or undefined when the signature is not of its shape (xml-crypto decides).
 * `signature` must be a child of `root`, the document element.
 */
export function checkEnvelopedRoot(
  root: Element,
  signature: Element,
  key: KeyObject,
  idAttribute: string,
): SignatureCheck | undefined {
  if (signature.parentNode !== root || root.ownerDocument?.documentElement !== root)
    return undefined;
  // xml-crypto finds these by local name anywhere under the signature: one of each, in ds.
  const [signedInfo, signatureMethod, signatureValueEl] = (
    ['SignedInfo', 'SignatureMethod', 'SignatureValue'] as const
  ).map((name) => onlyDescendant(signature, name));
  if (!signedInfo || !signatureMethod || !signatureValueEl) return undefined;
  if (onlyDescendant(signature, 'CanonicalizationMethod') === undefined) return undefined;
  if (signedInfo.getElementsByTagNameNS('*', 'InclusiveNamespaces').length > 0) return undefined;
  const method = dsChild(signedInfo, 'CanonicalizationMethod');
  if (!method || attributeOf(method, 'Algorithm') !== ALG.excC14n) return undefined;
  const rsa = SIGNATURES[attributeOf(signatureMethod, 'Algorithm') ?? ''];
  const valueNodes = signatureValueEl.childNodes;
  if (!rsa || valueNodes.length !== 1 || valueNodes.item(0)!.nodeType !== TEXT_NODE)
    return undefined;

  // Like xml-crypto, the reference is read from the canonical SignedInfo, re-parsed: only what
  // the signature value covers is used.
  const canonicalSignedInfo = excC14n.process(signedInfo, C14N_OPTIONS);
  const parsed = parseXml(canonicalSignedInfo, 'canonical ds:SignedInfo').documentElement;
  const references = childElements(parsed).filter((c) => c.localName === 'Reference');
  if (references.length !== 1 || references[0]!.namespaceURI !== NS.ds) return undefined;
  const reference = references[0]!;
  const parts = childElements(reference);
  const [transforms, digestMethod, digestValueEl] = parts;
  if (
    parts.length !== 3 ||
    parts.some((p) => p.namespaceURI !== NS.ds) ||
    transforms?.localName !== 'Transforms' ||
    digestMethod?.localName !== 'DigestMethod' ||
    digestValueEl?.localName !== 'DigestValue'
  )
    return undefined;
  const transformEls = childElements(transforms);
  const algorithms = transformEls.map((t) =>
    t.namespaceURI === NS.ds && t.localName === 'Transform' && childElements(t).length === 0
      ? attributeOf(t, 'Algorithm')
      : undefined,
  );
  if (algorithms.length !== 2 || algorithms[0] !== ALG.envelopedSignature) return undefined;
  if (algorithms[1] !== ALG.excC14n) return undefined;
  const uri = attributeOf(reference, 'URI') ?? '';
  const id = uri.slice(1);
  if (!uri.startsWith('#') || id === '' || id.includes("'")) return undefined;
  if (attributeOf(root, idAttribute) !== id) return undefined;
  const hash = HASHES[attributeOf(digestMethod, 'Algorithm') ?? ''];
  const supplied = textOf(digestValueEl);
  if (!hash || supplied === '') return undefined;

  const names = new Set([...XML_CRYPTO_ID_ATTRIBUTES, idAttribute]);
  if (elementsWithId(root, names, id) > 1) {
    return {
      error:
        'Cannot validate a document which contains multiple elements with the same value for the ID / Id / Id attributes, in order to prevent signature wrapping attack.',
    };
  }

  // enveloped-signature: the root without this signature; then exc-c14n, comments dropped.
  const next = signature.nextSibling;
  root.removeChild(signature);
  let signed: string;
  try {
    signed = excC14n.process(root, C14N_OPTIONS);
  } finally {
    root.insertBefore(signature, next);
  }
  const digest = createHash(hash).update(signed).digest('base64');
  if (!Buffer.from(digest, 'base64').equals(Buffer.from(supplied, 'base64'))) {
    return {
      error: `invalid signature: for uri ${uri} calculated digest is ${digest} but the xml to validate supplies digest ${supplied}`,
    };
  }
  const signatureValue = (valueNodes.item(0)!.nodeValue ?? '').replace(/\r?\n/g, '');
  if (!verify(rsa, Buffer.from(canonicalSignedInfo), key, Buffer.from(signatureValue, 'base64'))) {
    return { error: `invalid signature: the signature value ${signatureValue} is incorrect` };
  }
  return { signed };
}

/** The direct path where the signature has its shape, xml-crypto everywhere else. */
export function checkSignatureWithKey(
  xml: string,
  signature: Element,
  key: KeyObject,
  idAttribute: string,
): SignatureCheck {
  const root = signature.ownerDocument?.documentElement;
  return (
    (root && checkEnvelopedRoot(root, signature, key, idAttribute)) ??
    checkWithXmlCrypto(xml, signature, key, idAttribute)
  );
}
