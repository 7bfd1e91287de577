import { describe, expect, it } from 'vitest';
import { isSimError, type SimErrorCode } from '../../core/errors.ts';
import {
  AUDIENCE_MICROSOFT_ONLINE,
  AUTHN_METHOD_WINDOWS,
  CLAIM,
  NAMEID_UNSPECIFIED,
} from '../claims/claim-types.ts';
import { NS } from '../xml/namespaces.ts';
import { childElements, firstChild, parseXml } from '../xml/parse-xml.ts';
import { buildAssertion } from './build-assertion.ts';
import { readAssertion } from './parse-assertion.ts';
import type { Saml11AssertionInput } from './types.ts';

const T0 = new Date('2025-07-10T17:22:13.000Z');
const T1 = new Date('2025-07-10T18:22:13.000Z');

const minimal: Saml11AssertionInput = {
  assertionId: '_a1',
  issuer: 'http://fs.example.com/adfs/services/trust/',
  issueInstant: T0,
  notBefore: T0,
  notOnOrAfter: T1,
  audiences: [AUDIENCE_MICROSOFT_ONLINE],
  nameIdentifier: { value: 'uRcIPxfKFEergfe1lD3sew==', format: NAMEID_UNSPECIFIED },
  attributes: [{ ...CLAIM.accounttype, values: ['DJ'] }],
  authenticationMethod: AUTHN_METHOD_WINDOWS,
  authenticationInstant: T0,
};

function codeOf(fn: () => unknown): SimErrorCode | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return isSimError(e) ? e.code : undefined;
  }
}

describe('buildAssertion', () => {
  it('writes the AD FS shape', () => {
    const subject =
      '<saml:Subject><saml:NameIdentifier Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">' +
      'uRcIPxfKFEergfe1lD3sew==</saml:NameIdentifier><saml:SubjectConfirmation><saml:ConfirmationMethod>' +
      'urn:oasis:names:tc:SAML:1.0:cm:bearer</saml:ConfirmationMethod></saml:SubjectConfirmation></saml:Subject>';
    expect(buildAssertion(minimal)).toBe(
      '<saml:Assertion MajorVersion="1" MinorVersion="1" AssertionID="_a1"' +
        ' Issuer="http://fs.example.com/adfs/services/trust/" IssueInstant="2025-07-10T17:22:13.000Z"' +
        ' xmlns:saml="urn:oasis:names:tc:SAML:1.0:assertion">' +
        '<saml:Conditions NotBefore="2025-07-10T17:22:13.000Z" NotOnOrAfter="2025-07-10T18:22:13.000Z">' +
        '<saml:AudienceRestrictionCondition><saml:Audience>urn:federation:MicrosoftOnline</saml:Audience>' +
        '</saml:AudienceRestrictionCondition></saml:Conditions>' +
        `<saml:AttributeStatement>${subject}` +
        '<saml:Attribute AttributeName="accounttype" AttributeNamespace="http://schemas.microsoft.com/ws/2012/01">' +
        '<saml:AttributeValue>DJ</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>' +
        '<saml:AuthenticationStatement AuthenticationMethod="urn:federation:authentication:windows"' +
        ` AuthenticationInstant="2025-07-10T17:22:13.000Z">${subject}</saml:AuthenticationStatement>` +
        '</saml:Assertion>',
    );
  });

  it('keeps hostile claim values intact through a parse', () => {
    const nasty = `<evil attr="x">&amp; 'q' "dq"\ttab\nnl\rcr ]]>`;
    const xml = buildAssertion({
      ...minimal,
      issuer: nasty,
      audiences: [nasty, 'second'],
      nameIdentifier: { value: nasty, format: nasty },
      attributes: [{ namespace: nasty, name: nasty, values: [nasty, '', 'three'] }],
      authenticationMethod: nasty,
    });
    const a = readAssertion(parseXml(xml, 'test').documentElement);
    expect(a.issuer).toBe(nasty);
    expect(a.audiences).toEqual([nasty, 'second']);
    expect(a.nameIdentifier).toEqual({ value: nasty, format: nasty });
    expect(a.attributes).toEqual([{ namespace: nasty, name: nasty, values: [nasty, '', 'three'] }]);
    expect(a.authenticationMethod).toBe(nasty);
  });

  it('leaves out AudienceRestrictionCondition and AttributeStatement when empty, keeping the Subject', () => {
    const xml = buildAssertion({ ...minimal, audiences: [], attributes: [] });
    const root = parseXml(xml, 'test').documentElement;
    const conditions = firstChild(root, NS.saml11, 'Conditions')!;
    expect(childElements(conditions)).toEqual([]);
    expect(firstChild(root, NS.saml11, 'AttributeStatement')).toBeUndefined();
    const authn = firstChild(root, NS.saml11, 'AuthenticationStatement')!;
    expect(firstChild(authn, NS.saml11, 'Subject')).toBeDefined();
    expect(readAssertion(root).nameIdentifier?.value).toBe('uRcIPxfKFEergfe1lD3sew==');
  });

  it('writes a Subject without NameIdentifier when none is given', () => {
    const input: Saml11AssertionInput = { ...minimal };
    delete input.nameIdentifier;
    const xml = buildAssertion(input);
    expect(xml).not.toContain('NameIdentifier');
    expect(xml).toContain('<saml:Subject><saml:SubjectConfirmation>');
    expect(readAssertion(parseXml(xml, 'test').documentElement).nameIdentifier).toBeUndefined();
  });

  it('omits Format when the format is empty', () => {
    const xml = buildAssertion({ ...minimal, nameIdentifier: { value: 'v', format: '' } });
    expect(xml).toContain('<saml:NameIdentifier>v</saml:NameIdentifier>');
  });

  it('refuses what it cannot write', () => {
    expect(codeOf(() => buildAssertion({ ...minimal, assertionId: '1abc' }))).toBe('ERR_USAGE');
    expect(codeOf(() => buildAssertion({ ...minimal, assertionId: '_a"b' }))).toBe('ERR_USAGE');
    expect(codeOf(() => buildAssertion({ ...minimal, notBefore: new Date('nope') }))).toBe(
      'ERR_USAGE',
    );
    expect(
      codeOf(() =>
        buildAssertion({
          ...minimal,
          attributes: [{ namespace: 'n', name: 'x', values: ['\u0000'] }],
        }),
      ),
    ).toBe('ERR_ENCODING');
  });
});
