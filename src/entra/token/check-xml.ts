/**
 * The assertion is one well-formed XML document without DTD, whose root the grant's reader can
 * read: `saml1_1-bearer` reads a SAML 1.1 Assertion only ("Cannot read SecurityToken. Expected
 * element is (Assertion, urn:oasis:names:tc:SAML:1.0:assertion) …", Entra's own AADSTS50008
 * text); `saml2-bearer` reads a SAML 2.0 Assertion. A SAML 1.1 assertion sent with saml2-bearer is
 * read here and refused by the version check after the validity check (the issue's order).
 * @see [ERR] (50008 text), [HJM] [MSALPY] [ADALN] [DSRT] [WINRT] (DTD refused); reference-error-codes (7500514 text)
 * modeled: 50008 "SAML token is invalid." for a DTD or malformed XML. `saml2-bearer` reads what
 *   7500514's own text says it supports: an `Assertion` (SAML 2.0 assertion namespace) or a
 *   `Response` (SAML 2.0 protocol namespace) whose Status is Success and which holds exactly one
 *   Assertion; that Assertion is then the token every later check reads (its own signature
 *   included: a signature over the Response alone does not count). Any other root is 7500514.
 */
import { XMLSerializer } from '@xmldom/xmldom';
import { isSimError } from '../../core/errors.ts';
import { NS } from '../../protocol/xml/namespaces.ts';
import { assertionDocument } from './assertion-document.ts';
import type { TokenCheck } from './token-state.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

const INVALID = { detail: 'SAML token is invalid.' };

export const checkXml: TokenCheck = (s) => {
  let root: Element;
  try {
    root = assertionDocument(s, s.assertionXml ?? '').documentElement;
  } catch (e) {
    const why = isSimError(e, 'ERR_XML_DTD') ? 'dtd' : 'malformed';
    return {
      code: AADSTS.InvalidSamlToken,
      params: INVALID,
      detail: `${why}: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  const isAssertion = (ns: string) => root.localName === 'Assertion' && root.namespaceURI === ns;
  if (s.grantType === 'saml1_1-bearer') {
    if (isAssertion(NS.saml11)) {
      s.documentVersion = '1.1';
      return undefined;
    }
    return {
      code: AADSTS.InvalidSamlToken,
      params: {
        detail:
          `Cannot read SecurityToken. Expected element is (Assertion, ${NS.saml11}) the actual element is ` +
          `(${root.localName ?? root.nodeName}, ${root.namespaceURI ?? ''}).`,
      },
      detail: `not-an-assertion: saml1_1-bearer with a <${root.nodeName}> root`,
    };
  }
  if (isAssertion(NS.saml2)) s.documentVersion = '2.0';
  else if (isAssertion(NS.saml11)) s.documentVersion = '1.1';
  else if (root.localName === 'Response' && root.namespaceURI === NS.samlp2) {
    const inner = responseAssertion(root);
    if (typeof inner === 'string')
      return {
        code: AADSTS.SamlResponseTypeNotSupported,
        detail: `saml2-bearer with a samlp:Response: ${inner}`,
      };
    s.assertionXml = new XMLSerializer().serializeToString(inner);
    s.documentVersion = '2.0';
  } else {
    return {
      code: AADSTS.SamlResponseTypeNotSupported,
      detail: `saml2-bearer with a <${root.nodeName}> root in ${root.namespaceURI ?? 'no namespace'}`,
    };
  }
  return undefined;
};

/** The one Assertion of a successful samlp:Response, or why there is none. */
function responseAssertion(response: Element): Element | string {
  const kids = Array.from(response.childNodes).filter((n): n is Element => n.nodeType === 1);
  const status = kids.find((e) => e.localName === 'Status' && e.namespaceURI === NS.samlp2);
  const code = status
    ? Array.from(status.childNodes).find(
        (n): n is Element => n.nodeType === 1 && (n as Element).localName === 'StatusCode',
      )
    : undefined;
  if (code?.getAttribute('Value') !== 'urn:oasis:names:tc:SAML:2.0:status:Success')
    return 'its Status is not Success';
  const assertions = kids.filter((e) => e.localName === 'Assertion' && e.namespaceURI === NS.saml2);
  if (assertions.length !== 1) return `it holds ${assertions.length} Assertions, not one`;
  return assertions[0]!;
}
