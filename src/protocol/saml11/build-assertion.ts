/**
 * Builds an unsigned SAML 1.1 assertion shaped like the one AD FS issues to Entra
 * (attribute order, statement order, bearer confirmation, millisecond UTC times, one line).
 * @see oasis-sstc-saml-core-1.1 §2.3–2.4; [MSALPY] [ADALN] [ROAD] [AADI] (AD FS token shape)
 */
import { SimError } from '../../core/errors.ts';
import { CONFIRMATION_BEARER } from '../claims/claim-types.ts';
import { escapeAttribute, escapeText } from '../xml/escape-xml.ts';
import { NS } from '../xml/namespaces.ts';
import type { Saml11AssertionInput } from './types.ts';

/** The namespace of the OriginalIssuer attribute AD FS writes on an Attribute [AADIBLOG]. */
const CLAIMS_2009 = 'http://schemas.xmlsoap.org/ws/2009/09/identity/claims';

// XML NCName, restricted to ASCII: what AD FS (`_` + GUID) and every other issuer use.
const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** `2025-07-10T17:22:13.000Z`, as AD FS writes it. */
function instant(d: Date, field: string): string {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) {
    throw new SimError('ERR_USAGE', `SAML assertion ${field} is not a valid Date`);
  }
  return d.toISOString();
}

function subject(input: Saml11AssertionInput): string {
  const id = input.nameIdentifier;
  const nameIdentifier = id
    ? `<saml:NameIdentifier${id.format ? ` Format="${escapeAttribute(id.format, 'NameIdentifier Format')}"` : ''}>` +
      `${escapeText(id.value, 'NameIdentifier')}</saml:NameIdentifier>`
    : '';
  return (
    `<saml:Subject>${nameIdentifier}<saml:SubjectConfirmation>` +
    `<saml:ConfirmationMethod>${CONFIRMATION_BEARER}</saml:ConfirmationMethod>` +
    `</saml:SubjectConfirmation></saml:Subject>`
  );
}

/**
 * The assertion XML, unsigned. Conditions always carry NotBefore/NotOnOrAfter; the
 * AudienceRestrictionCondition is left out without audiences and the AttributeStatement without
 * attributes (the schema requires at least one child in each); the AuthenticationStatement always
 * carries the Subject.
 */
export function buildAssertion(input: Saml11AssertionInput): string {
  if (typeof input.assertionId !== 'string' || !NCNAME.test(input.assertionId)) {
    throw new SimError('ERR_USAGE', `SAML assertion id must be an XML NCName such as _<guid>`, {
      where: JSON.stringify(input.assertionId),
    });
  }
  const audiences = input.audiences.map(
    (a) => `<saml:Audience>${escapeText(a, 'Audience')}</saml:Audience>`,
  );
  const conditionsAttrs =
    ` NotBefore="${instant(input.notBefore, 'NotBefore')}"` +
    ` NotOnOrAfter="${instant(input.notOnOrAfter, 'NotOnOrAfter')}"`;
  const conditions =
    audiences.length > 0
      ? `<saml:Conditions${conditionsAttrs}><saml:AudienceRestrictionCondition>${audiences.join('')}` +
        `</saml:AudienceRestrictionCondition></saml:Conditions>`
      : `<saml:Conditions${conditionsAttrs}/>`;

  const attributes = input.attributes.map((a) => {
    const values = a.values
      .map((v) => `<saml:AttributeValue>${escapeText(v, `${a.name} value`)}</saml:AttributeValue>`)
      .join('');
    return (
      `<saml:Attribute AttributeName="${escapeAttribute(a.name, 'AttributeName')}"` +
      ` AttributeNamespace="${escapeAttribute(a.namespace, 'AttributeNamespace')}"` +
      (a.originalIssuer === undefined
        ? ''
        : ` a:OriginalIssuer="${escapeAttribute(a.originalIssuer, 'OriginalIssuer')}" xmlns:a="${CLAIMS_2009}"`) +
      `>${values}</saml:Attribute>`
    );
  });
  const attributeStatement =
    attributes.length > 0
      ? `<saml:AttributeStatement>${subject(input)}${attributes.join('')}</saml:AttributeStatement>`
      : '';

  const authenticationStatement =
    `<saml:AuthenticationStatement` +
    ` AuthenticationMethod="${escapeAttribute(input.authenticationMethod, 'AuthenticationMethod')}"` +
    ` AuthenticationInstant="${instant(input.authenticationInstant, 'AuthenticationInstant')}">` +
    `${subject(input)}</saml:AuthenticationStatement>`;

  return (
    `<saml:Assertion MajorVersion="1" MinorVersion="1" AssertionID="${input.assertionId}"` +
    ` Issuer="${escapeAttribute(input.issuer, 'Issuer')}"` +
    ` IssueInstant="${instant(input.issueInstant, 'IssueInstant')}" xmlns:saml="${NS.saml11}">` +
    `${conditions}${attributeStatement}${authenticationStatement}</saml:Assertion>`
  );
}
