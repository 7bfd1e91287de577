/**
 * Builds an unsigned SAML 2.0 assertion in the element order the schema requires (Issuer, then
 * where the signature goes, Subject, Conditions, statements), in the default namespace as AD FS
 * writes its SAML 2.0 tokens, with millisecond UTC times.
 * @see saml-core-2.0-os §2.3.3 (element order), §2.4.1.1 (SubjectConfirmationData);
 *   learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-fed-saml-idp (sample assertion)
 */
import { SimError } from '../../core/errors.ts';
import { escapeAttribute, escapeText } from '../xml/escape-xml.ts';
import { NS } from '../xml/namespaces.ts';
import type { Saml2AssertionInput } from './types.ts';

// XML NCName, restricted to ASCII: what AD FS (`_` + GUID) and every other issuer use.
const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
export const CONFIRMATION_BEARER_2 = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
export const NAMEID_PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
export const ATTRNAME_FORMAT_URI = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';

function instant(d: Date, field: string): string {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) {
    throw new SimError('ERR_USAGE', `SAML 2.0 assertion ${field} is not a valid Date`);
  }
  return d.toISOString();
}

function subject(input: Saml2AssertionInput): string {
  const id = input.nameId;
  const nameId = id
    ? `<NameID${id.format ? ` Format="${escapeAttribute(id.format, 'NameID Format')}"` : ''}>` +
      `${escapeText(id.value, 'NameID')}</NameID>`
    : '';
  const sc = input.subjectConfirmation;
  const confirmation = sc
    ? `<SubjectConfirmation Method="${CONFIRMATION_BEARER_2}"><SubjectConfirmationData` +
      ` NotOnOrAfter="${instant(sc.notOnOrAfter, 'SubjectConfirmationData NotOnOrAfter')}"` +
      (sc.recipient ? ` Recipient="${escapeAttribute(sc.recipient, 'Recipient')}"` : '') +
      `/></SubjectConfirmation>`
    : '';
  return nameId || confirmation ? `<Subject>${nameId}${confirmation}</Subject>` : '';
}

/**
 * The assertion XML, unsigned. Conditions always carry NotBefore/NotOnOrAfter; AudienceRestriction
 * is left out without audiences and the AttributeStatement without attributes (the schema needs
 * at least one child in each).
 */
export function buildAssertion(input: Saml2AssertionInput): string {
  if (typeof input.id !== 'string' || !NCNAME.test(input.id)) {
    throw new SimError('ERR_USAGE', 'SAML 2.0 assertion ID must be an XML NCName such as _<guid>', {
      where: JSON.stringify(input.id),
    });
  }
  const audiences = input.audiences
    .map((a) => `<Audience>${escapeText(a, 'Audience')}</Audience>`)
    .join('');
  const conditions =
    `<Conditions NotBefore="${instant(input.notBefore, 'NotBefore')}"` +
    ` NotOnOrAfter="${instant(input.notOnOrAfter, 'NotOnOrAfter')}"` +
    (audiences ? `><AudienceRestriction>${audiences}</AudienceRestriction></Conditions>` : '/>');
  const attributes = input.attributes.map((a) => {
    const values = a.values
      .map((v) => `<AttributeValue>${escapeText(v, `${a.name} value`)}</AttributeValue>`)
      .join('');
    return (
      `<Attribute Name="${escapeAttribute(a.name, 'Attribute Name')}"` +
      (a.nameFormat ? ` NameFormat="${escapeAttribute(a.nameFormat, 'NameFormat')}"` : '') +
      `>${values}</Attribute>`
    );
  });
  const attributeStatement =
    attributes.length > 0 ? `<AttributeStatement>${attributes.join('')}</AttributeStatement>` : '';
  const authnStatement =
    `<AuthnStatement AuthnInstant="${instant(input.authnInstant, 'AuthnInstant')}">` +
    `<AuthnContext><AuthnContextClassRef>${escapeText(input.authnContextClassRef, 'AuthnContextClassRef')}` +
    `</AuthnContextClassRef></AuthnContext></AuthnStatement>`;
  return (
    `<Assertion ID="${input.id}" IssueInstant="${instant(input.issueInstant, 'IssueInstant')}"` +
    ` Version="2.0" xmlns="${NS.saml2}">` +
    `<Issuer>${escapeText(input.issuer, 'Issuer')}</Issuer>` +
    `${subject(input)}${conditions}${attributeStatement}${authnStatement}</Assertion>`
  );
}
