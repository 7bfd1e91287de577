/**
 * Reads a SAML 2.0 assertion element into the model. It checks shape, not trust: only
 * verify-assertion.ts hands out data a relying party may act on.
 * @see saml-core-2.0-os §2.3.3 (Assertion), §2.4 (Subject), §2.5 (Conditions), §2.7 (statements)
 */
import { SimError } from '../../core/errors.ts';
import { NS } from '../xml/namespaces.ts';
import { attributeOf, childElements, firstChild, textOf } from '../xml/parse-xml.ts';
import type { Saml2Assertion, Saml2Attribute } from './types.ts';

function shape(message: string): SimError {
  return new SimError('ERR_XML_SHAPE', `SAML 2.0 assertion: ${message}`);
}

function required(el: Element, name: string): string {
  const value = attributeOf(el, name);
  if (value === undefined) throw shape(`<${el.nodeName}> has no ${name} attribute`);
  return value;
}

const children = (el: Element, localName: string) => childElements(el, NS.saml2, localName);

function readAttribute(el: Element): Saml2Attribute {
  const nameFormat = attributeOf(el, 'NameFormat');
  return {
    name: required(el, 'Name'),
    ...(nameFormat === undefined ? {} : { nameFormat }),
    values: children(el, 'AttributeValue').map(textOf),
  };
}

/**
 * Reads a SAML 2.0 `Assertion` element. Throws SimError `ERR_XML_SHAPE` when a required
 * attribute or the Issuer is missing, or Subject / Conditions appear twice. Only direct children
 * are read: an assertion nested in Advice is ignored.
 */
export function readAssertion(el: Element): Saml2Assertion {
  if (el.namespaceURI !== NS.saml2 || el.localName !== 'Assertion') {
    throw shape(
      `expected Assertion in ${NS.saml2}, got <${el.nodeName}> in ${el.namespaceURI ?? 'no namespace'}`,
    );
  }
  const version = required(el, 'Version');
  const id = required(el, 'ID');
  const issueInstant = required(el, 'IssueInstant');
  const issuers = children(el, 'Issuer');
  if (issuers.length !== 1) throw shape(`expected one Issuer, found ${issuers.length}`);
  const issuer = textOf(issuers[0]!);

  const subjects = children(el, 'Subject');
  if (subjects.length > 1) throw shape('more than one Subject element');
  const [subject] = subjects;
  const nameIdEl = subject && firstChild(subject, NS.saml2, 'NameID');
  const format = nameIdEl && attributeOf(nameIdEl, 'Format');
  const nameId = nameIdEl
    ? format === undefined
      ? { value: textOf(nameIdEl) }
      : { value: textOf(nameIdEl), format }
    : undefined;
  const subjectConfirmations = (subject ? children(subject, 'SubjectConfirmation') : []).map(
    (c) => {
      const data = firstChild(c, NS.saml2, 'SubjectConfirmationData');
      const nb = data && attributeOf(data, 'NotBefore');
      const na = data && attributeOf(data, 'NotOnOrAfter');
      return {
        method: required(c, 'Method'),
        ...(nb === undefined ? {} : { notBefore: nb }),
        ...(na === undefined ? {} : { notOnOrAfter: na }),
      };
    },
  );
  const subjectConfirmationMethods = subjectConfirmations.map((c) => c.method);

  const conditions = children(el, 'Conditions');
  if (conditions.length > 1) throw shape('more than one Conditions element');
  const [condition] = conditions;
  const notBefore = condition && attributeOf(condition, 'NotBefore');
  const notOnOrAfter = condition && attributeOf(condition, 'NotOnOrAfter');
  const audienceRestrictions = (condition ? children(condition, 'AudienceRestriction') : []).map(
    (restriction) => children(restriction, 'Audience').map(textOf),
  );
  const audiences = audienceRestrictions.flat();

  const attributes: Saml2Attribute[] = [];
  for (const statement of children(el, 'AttributeStatement')) {
    for (const attribute of children(statement, 'Attribute'))
      attributes.push(readAttribute(attribute));
  }
  const authnContextClassRefs: string[] = [];
  for (const statement of children(el, 'AuthnStatement')) {
    const context = firstChild(statement, NS.saml2, 'AuthnContext');
    const ref = context && firstChild(context, NS.saml2, 'AuthnContextClassRef');
    if (ref) authnContextClassRefs.push(textOf(ref));
  }

  return {
    version,
    id,
    issuer,
    issueInstant,
    ...(nameId === undefined ? {} : { nameId }),
    subjectConfirmationMethods,
    subjectConfirmations,
    ...(notBefore === undefined ? {} : { notBefore }),
    ...(notOnOrAfter === undefined ? {} : { notOnOrAfter }),
    audiences,
    audienceRestrictions,
    attributes,
    authnContextClassRefs,
  };
}
