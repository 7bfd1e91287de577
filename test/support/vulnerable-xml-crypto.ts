/**
 * TEST ONLY: an emulation of xml-crypto 6.0.0, before the fixes for CVE-2025-29774 (multiple
 * SignedInfo) and CVE-2025-29775 (DigestValue comment), as a `SignatureEngine` the weakened
 * verifier can use. It is what those advisories describe and nothing more:
 * - SignatureValue is checked against the first ds:SignedInfo, canonicalized (no comments);
 * - References are read from the raw ds:Signature, all of them, whichever SignedInfo holds them;
 * - a DigestValue is its first child node's text (a leading comment wins);
 * - `#id` must name exactly one element (6.0.0 already refused duplicate IDs).
 * Only exc-c14n, RSA-SHA256/SHA1 and SHA-256/SHA1 are emulated; anything else is an error.
 * @see GHSA-9p8x-f768-wp2g (CVE-2025-29774), GHSA-x3m8-899r-f7c3 (CVE-2025-29775)
 */
import { createHash, verify } from 'node:crypto';
import { ExclusiveCanonicalization } from 'xml-crypto';
import type { SignatureEngine } from '../../src/protocol/saml11/unsafe-weaken.ts';
import { ALG, NS } from '../../src/protocol/xml/namespaces.ts';

const ID_ATTRIBUTES = ['AssertionID', 'ID', 'Id', 'id'];
const canonical = (el: Element) => new ExclusiveCanonicalization().process(el, {});

function elementsWithId(doc: Document, id: string): Element[] {
  const out: Element[] = [];
  const all = doc.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const el = all.item(i)!;
    if (ID_ATTRIBUTES.some((a) => el.getAttribute(a) === id && el.hasAttribute(a))) out.push(el);
  }
  return out;
}

function withoutSignatures(el: Element): Element {
  const copy = el.cloneNode(true) as Element;
  for (const s of Array.from(copy.getElementsByTagNameNS(NS.ds, 'Signature')))
    s.parentNode?.removeChild(s);
  return copy;
}

const first = (el: Element, name: string) =>
  el.getElementsByTagNameNS(NS.ds, name).item(0) ?? undefined;

export const xmlCrypto600: SignatureEngine = (_xml, signature, key) => {
  try {
    const signedInfo = first(signature, 'SignedInfo');
    const signatureValue = first(signature, 'SignatureValue');
    if (!signedInfo || !signatureValue) return { error: 'no SignedInfo or SignatureValue' };
    const method = first(signedInfo, 'SignatureMethod')?.getAttribute('Algorithm');
    const hash = method === ALG.rsaSha256 ? 'sha256' : method === ALG.rsaSha1 ? 'sha1' : undefined;
    if (!hash) return { error: `signature algorithm ${method} is not emulated` };
    const signed = verify(
      hash,
      Buffer.from(canonical(signedInfo), 'utf8'),
      key,
      Buffer.from((signatureValue.textContent ?? '').replace(/\s+/g, ''), 'base64'),
    );
    if (!signed) return { error: 'the signature value is incorrect' };

    const doc = signature.ownerDocument;
    let rootReference: string | undefined;
    let firstReference: string | undefined;
    for (const reference of Array.from(signature.getElementsByTagNameNS(NS.ds, 'Reference'))) {
      const id = (reference.getAttribute('URI') ?? '').replace(/^#/, '');
      const targets = elementsWithId(doc, id);
      if (targets.length !== 1) return { error: `#${id} names ${targets.length} elements` };
      const digestMethod = first(reference, 'DigestMethod')?.getAttribute('Algorithm');
      const digestHash =
        digestMethod === ALG.sha256 ? 'sha256' : digestMethod === ALG.sha1 ? 'sha1' : undefined;
      if (!digestHash) return { error: `digest algorithm ${digestMethod} is not emulated` };
      const text = canonical(withoutSignatures(targets[0]!));
      const digest = createHash(digestHash).update(text, 'utf8').digest('base64');
      // CVE-2025-29775: the first child node, comment or text.
      const claimed = (first(reference, 'DigestValue')?.firstChild?.nodeValue ?? '').trim();
      if (digest !== claimed) return { error: `digest mismatch for #${id}` };
      firstReference ??= text;
      if (targets[0] === doc.documentElement) rootReference = text;
    }
    const covered = rootReference ?? firstReference;
    return covered === undefined ? { error: 'no Reference' } : { signed: covered };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
};
