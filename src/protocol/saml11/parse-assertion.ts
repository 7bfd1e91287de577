/**
 * Reads a SAML 1.1 assertion element into the model. It checks shape, not trust: only
 * verify-assertion.ts hands out data a relying party may act on.
 * @see oasis-sstc-saml-core-1.1 §2.3 (Assertion), §2.3.2 (Conditions), §2.4 (statements)
 */
import { SimError } from '../../core/errors.ts';
import { NS } from '../xml/namespaces.ts';
import { attributeOf, childElements, firstChild, parseXml, textOf } from '../xml/parse-xml.ts';
import type { Saml11Assertion, Saml11Attribute } from './types.ts';

function shape(message: string): SimError {
  return new SimError('ERR_XML_SHAPE', `SAML 1.1 assertion: ${message}`);
}

const STATEMENTS = new Set([
  'AttributeStatement',
  'AuthenticationStatement',
  'AuthorizationDecisionStatement',
  'SubjectStatement',
]);

function required(el: Element, name: string): string {
  const value = attributeOf(el, name);
  if (value === undefined) throw shape(`<${el.nodeName}> has no ${name} attribute`);
  return value;
}

function readAttribute(el: Element): Saml11Attribute {
  return {
    namespace: required(el, 'AttributeNamespace'),
    name: required(el, 'AttributeName'),
    values: childElements(el, NS.saml11, 'AttributeValue').map(textOf),
  };
}

/** The Subject's NameIdentifier of each statement that has one, in document order. */
function nameIdentifiers(statements: readonly Element[]): { value: string; format?: string }[] {
  const out: { value: string; format?: string }[] = [];
  for (const statement of statements) {
    const subject = firstChild(statement, NS.saml11, 'Subject');
    const id = subject && firstChild(subject, NS.saml11, 'NameIdentifier');
    if (!id) continue;
    const format = attributeOf(id, 'Format');
    out.push(format === undefined ? { value: textOf(id) } : { value: textOf(id), format });
  }
  return out;
}

/**
 * Reads a `saml:Assertion` (SAML 1.x namespace) element. Throws SimError `ERR_XML_SHAPE` when a
 * required attribute is missing, Conditions appears twice, or the statements' subjects name
 * different principals. Only direct children are read: an assertion nested in Advice is ignored.
 */
export function readAssertion(el: Element): Saml11Assertion {
  if (el.namespaceURI !== NS.saml11 || el.localName !== 'Assertion') {
    throw shape(
      `expected saml:Assertion in ${NS.saml11}, got <${el.nodeName}> in ${el.namespaceURI ?? 'no namespace'}`,
    );
  }
  const majorVersion = required(el, 'MajorVersion');
  const minorVersion = required(el, 'MinorVersion');
  const assertionId = required(el, 'AssertionID');
  const issuer = required(el, 'Issuer');
  const issueInstant = required(el, 'IssueInstant');

  const conditions = childElements(el, NS.saml11, 'Conditions');
  if (conditions.length > 1) throw shape('more than one Conditions element');
  const [condition] = conditions;
  const notBefore = condition && attributeOf(condition, 'NotBefore');
  const notOnOrAfter = condition && attributeOf(condition, 'NotOnOrAfter');
  const audienceRestrictions = (
    condition ? childElements(condition, NS.saml11, 'AudienceRestrictionCondition') : []
  ).map((restriction) => childElements(restriction, NS.saml11, 'Audience').map(textOf));
  const audiences = audienceRestrictions.flat();

  const attributes: Saml11Attribute[] = [];
  for (const statement of childElements(el, NS.saml11, 'AttributeStatement')) {
    for (const attribute of childElements(statement, NS.saml11, 'Attribute')) {
      attributes.push(readAttribute(attribute));
    }
  }

  const statements = childElements(el, NS.saml11).filter((s) => STATEMENTS.has(s.localName ?? ''));
  const ids = nameIdentifiers(statements);
  const [nameIdentifier] = ids;
  if (
    nameIdentifier &&
    ids.some((id) => id.value !== nameIdentifier.value || id.format !== nameIdentifier.format)
  ) {
    throw shape('the statements name different subjects (NameIdentifier differs)');
  }

  const [authnStatement] = childElements(el, NS.saml11, 'AuthenticationStatement');
  const authenticationMethod =
    authnStatement && attributeOf(authnStatement, 'AuthenticationMethod');

  return {
    majorVersion,
    minorVersion,
    assertionId,
    issuer,
    issueInstant,
    ...(notBefore === undefined ? {} : { notBefore }),
    ...(notOnOrAfter === undefined ? {} : { notOnOrAfter }),
    audiences,
    audienceRestrictions,
    ...(nameIdentifier === undefined ? {} : { nameIdentifier }),
    attributes,
    ...(authenticationMethod === undefined ? {} : { authenticationMethod }),
  };
}

export interface AssertionPeek {
  issuer?: string;
  rootNamespace?: string;
  rootLocalName?: string;
}

/**
 * UNVERIFIED look at a token, for error messages only (e.g. AADSTS50107 names the issuer, AADSTS50008
 * the root element). Never throws; reads SAML 1.1 `@Issuer` and SAML 2.0 `saml:Issuer`.
 */
export function peekAssertion(xml: string): AssertionPeek {
  try {
    return peekRoot(parseXml(xml, 'SAML assertion').documentElement);
  } catch {
    return {};
  }
}

/** The same, for a document already parsed. */
export function peekRoot(root: Element): AssertionPeek {
  const peek: AssertionPeek = {};
  if (root.localName) peek.rootLocalName = root.localName;
  if (root.namespaceURI) peek.rootNamespace = root.namespaceURI;
  if (root.namespaceURI === NS.saml11) {
    const issuer = attributeOf(root, 'Issuer');
    if (issuer !== undefined) peek.issuer = issuer;
  } else if (root.namespaceURI === NS.saml2) {
    const issuer = firstChild(root, NS.saml2, 'Issuer');
    if (issuer) peek.issuer = textOf(issuer);
  }
  return peek;
}
