/**
 * The assertion's text parsed once per token request: the tenant check peeks at its issuer and
 * the XML check reads its root, from the same strict parse (the signature check still parses
 * what it verifies itself). Neither changes the document.
 */
import { parseXml } from '../../protocol/xml/parse-xml.ts';
import type { TokenState } from './token-state.ts';

const parsed = new WeakMap<TokenState, { readonly xml: string; readonly doc: Document | Error }>();

/** The parsed assertion, or throws what `parseXml` throws for it (each time it is asked). */
export function assertionDocument(s: TokenState, xml: string): Document {
  let entry = parsed.get(s);
  if (entry?.xml !== xml) {
    let doc: Document | Error;
    try {
      doc = parseXml(xml, 'SAML assertion');
    } catch (e) {
      doc = e instanceof Error ? e : new Error(String(e));
    }
    entry = { xml, doc };
    parsed.set(s, entry);
  }
  if (entry.doc instanceof Error) throw entry.doc;
  return entry.doc;
}
