/**
 * The assertion is one well-formed XML document without DTD, whose root the grant's reader can
 * read: `saml1_1-bearer` reads a SAML 1.1 Assertion only ("Cannot read SecurityToken. Expected
 * element is (Assertion, urn:oasis:names:tc:SAML:1.0:assertion) …", Entra's own AADSTS50008
 * text); `saml2-bearer` reads a SAML 2.0 Assertion. A SAML 1.1 assertion sent with saml2-bearer is
 * read here and refused by the version check after the validity check (the order).
 * @see [ERR] (50008 text), [HJM] [MSALPY] [ADALN] [DSRT] [WINRT] (DTD refused); reference-error-codes (7500514 text)
 * modeled: 50008 "SAML token is invalid." for a DTD or malformed XML; 7500514 for a saml2-bearer
 *   root that is no assertion; a samlp:Response is not unwrapped (RFC 7522 §2.1: the parameter is
 *   one Assertion).
 */
import { isSimError } from '../../core/errors.ts';
import { NS } from '../../protocol/xml/namespaces.ts';
import { assertionDocument } from './assertion-document.ts';
import type { TokenCheck } from './token-state.ts';

const INVALID = { detail: 'SAML token is invalid.' };

export const checkXml: TokenCheck = (s) => {
  let root: Element;
  try {
    root = assertionDocument(s, s.assertionXml ?? '').documentElement;
  } catch (e) {
    const why = isSimError(e, 'ERR_XML_DTD') ? 'dtd' : 'malformed';
    return {
      code: 50008,
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
      code: 50008,
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
  else {
    return {
      code: 7500514,
      detail: `saml2-bearer with a <${root.nodeName}> root in ${root.namespaceURI ?? 'no namespace'}`,
    };
  }
  return undefined;
};
