import { describe, expect, it } from 'vitest';
import { isSimError } from '../../core/errors.ts';
import { NS } from '../xml/namespaces.ts';
import { parseXml } from '../xml/parse-xml.ts';
import { peekAssertion, readAssertion } from './parse-assertion.ts';

const head = `<saml:Assertion xmlns:saml="${NS.saml11}" MajorVersion="1" MinorVersion="1" AssertionID="_a" Issuer="urn:i" IssueInstant="2025-07-10T17:22:13.000Z">`;
const subject = (id: string) =>
  `<saml:Subject><saml:NameIdentifier>${id}</saml:NameIdentifier></saml:Subject>`;
const read = (xml: string) => readAssertion(parseXml(xml, 'test').documentElement);

function shapeError(xml: string): string | undefined {
  try {
    read(xml);
    return undefined;
  } catch (e) {
    return isSimError(e, 'ERR_XML_SHAPE') ? e.message : 'other error';
  }
}

describe('readAssertion', () => {
  it('reads a bare assertion: no conditions, no statements', () => {
    expect(read(`${head}</saml:Assertion>`)).toEqual({
      majorVersion: '1',
      minorVersion: '1',
      assertionId: '_a',
      issuer: 'urn:i',
      issueInstant: '2025-07-10T17:22:13.000Z',
      audiences: [],
      audienceRestrictions: [],
      attributes: [],
    });
  });

  it('collects every Audience and the attributes of every AttributeStatement, in order', () => {
    const a = read(
      `${head}<saml:Conditions><saml:AudienceRestrictionCondition><saml:Audience>a1</saml:Audience>` +
        `<saml:Audience>a2</saml:Audience></saml:AudienceRestrictionCondition><saml:AudienceRestrictionCondition>` +
        `<saml:Audience>a3</saml:Audience></saml:AudienceRestrictionCondition></saml:Conditions>` +
        `<saml:AttributeStatement>${subject('n')}<saml:Attribute AttributeName="x" AttributeNamespace="ns">` +
        `<saml:AttributeValue>1</saml:AttributeValue><saml:AttributeValue>2</saml:AttributeValue></saml:Attribute>` +
        `</saml:AttributeStatement><saml:AttributeStatement>${subject('n')}` +
        `<saml:Attribute AttributeName="y" AttributeNamespace="ns"/></saml:AttributeStatement></saml:Assertion>`,
    );
    expect(a.audiences).toEqual(['a1', 'a2', 'a3']);
    expect(a.attributes).toEqual([
      { namespace: 'ns', name: 'x', values: ['1', '2'] },
      { namespace: 'ns', name: 'y', values: [] },
    ]);
    expect(a.nameIdentifier).toEqual({ value: 'n' });
  });

  it('ignores an assertion nested in Advice', () => {
    const nested = `${head.replace('_a', '_n')}<saml:AttributeStatement>${subject('n')}<saml:Attribute AttributeName="evil" AttributeNamespace="ns"><saml:AttributeValue>1</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion>`;
    const a = read(`${head}<saml:Advice>${nested}</saml:Advice></saml:Assertion>`);
    expect(a.attributes).toEqual([]);
  });

  it.each([
    ['not an assertion', `<saml:Conditions xmlns:saml="${NS.saml11}"/>`, /expected saml:Assertion/],
    ['no Issuer', `${head.replace(' Issuer="urn:i"', '')}</saml:Assertion>`, /Issuer/],
    ['no AssertionID', `${head.replace(' AssertionID="_a"', '')}</saml:Assertion>`, /AssertionID/],
    [
      'two Conditions',
      `${head}<saml:Conditions/><saml:Conditions/></saml:Assertion>`,
      /more than one Conditions/,
    ],
    [
      'an Attribute without AttributeNamespace',
      `${head}<saml:AttributeStatement>${subject('n')}<saml:Attribute AttributeName="x"/></saml:AttributeStatement></saml:Assertion>`,
      /AttributeNamespace/,
    ],
    [
      'subjects that disagree',
      `${head}<saml:AttributeStatement>${subject('a')}<saml:Attribute AttributeName="x" AttributeNamespace="n"/></saml:AttributeStatement>` +
        `<saml:AuthenticationStatement AuthenticationMethod="m" AuthenticationInstant="t">${subject('b')}</saml:AuthenticationStatement></saml:Assertion>`,
      /different subjects/,
    ],
  ])('refuses %s with ERR_XML_SHAPE', (_label, xml, message) => {
    expect(shapeError(xml)).toMatch(message);
  });
});

describe('peekAssertion', () => {
  it('reads the SAML 1.1 Issuer attribute', () => {
    expect(peekAssertion(`${head}</saml:Assertion>`)).toEqual({
      issuer: 'urn:i',
      rootNamespace: NS.saml11,
      rootLocalName: 'Assertion',
    });
  });

  it('reads the SAML 2.0 Issuer element', () => {
    const xml = `<saml2:Assertion xmlns:saml2="${NS.saml2}"><saml2:Issuer>urn:i2</saml2:Issuer></saml2:Assertion>`;
    expect(peekAssertion(xml)).toEqual({
      issuer: 'urn:i2',
      rootNamespace: NS.saml2,
      rootLocalName: 'Assertion',
    });
  });

  it('answers what it can for other roots and nothing for garbage', () => {
    expect(peekAssertion('<x/>')).toEqual({ rootLocalName: 'x' });
    expect(peekAssertion('<<')).toEqual({});
    expect(peekAssertion('<!DOCTYPE x><x/>')).toEqual({});
  });
});
