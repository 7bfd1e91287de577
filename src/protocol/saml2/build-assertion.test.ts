import { describe, expect, it } from 'vitest';
import { NS } from '../xml/namespaces.ts';
import { childElements, parseXml } from '../xml/parse-xml.ts';
import { buildAssertion, CONFIRMATION_BEARER_2, NAMEID_PERSISTENT } from './build-assertion.ts';
import { readAssertion } from './parse-assertion.ts';
import type { Saml2AssertionInput } from './types.ts';

const T0 = new Date('2025-07-10T17:22:13.000Z');
const input: Saml2AssertionInput = {
  id: '_7e3c1bcd-f180-4f78-83e1-7680920793aa',
  issuer: 'https://sso.example.com/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
  issueInstant: T0,
  nameId: { value: 'uRcIPxfKFEergfe1lD3sew==', format: NAMEID_PERSISTENT },
  subjectConfirmation: { notOnOrAfter: new Date(T0.getTime() + 300_000) },
  notBefore: T0,
  notOnOrAfter: new Date(T0.getTime() + 3_600_000),
  audiences: ['urn:federation:MicrosoftOnline'],
  attributes: [
    { name: 'http://schemas.microsoft.com/ws/2012/01/accounttype', values: ['DJ'] },
    { name: 'IDPEmail', values: ['a&b@example.com', 'x<y'] },
  ],
  authnInstant: T0,
  authnContextClassRef: 'urn:federation:authentication:windows',
};

describe('SAML 2.0 buildAssertion', () => {
  it('writes the schema order: Issuer, Subject, Conditions, AttributeStatement, AuthnStatement', () => {
    const root = parseXml(buildAssertion(input), 'test').documentElement;
    expect(root.namespaceURI).toBe(NS.saml2);
    expect(childElements(root).map((c) => c.localName)).toEqual([
      'Issuer',
      'Subject',
      'Conditions',
      'AttributeStatement',
      'AuthnStatement',
    ]);
  });

  it('reads back what it wrote, escaped values included', () => {
    const a = readAssertion(parseXml(buildAssertion(input), 'test').documentElement);
    expect(a).toEqual({
      version: '2.0',
      id: input.id,
      issuer: input.issuer,
      issueInstant: '2025-07-10T17:22:13.000Z',
      nameId: { value: 'uRcIPxfKFEergfe1lD3sew==', format: NAMEID_PERSISTENT },
      subjectConfirmationMethods: [CONFIRMATION_BEARER_2],
      subjectConfirmations: [
        {
          method: CONFIRMATION_BEARER_2,
          notOnOrAfter: input.subjectConfirmation!.notOnOrAfter.toISOString(),
        },
      ],
      notBefore: '2025-07-10T17:22:13.000Z',
      notOnOrAfter: '2025-07-10T18:22:13.000Z',
      audiences: ['urn:federation:MicrosoftOnline'],
      audienceRestrictions: [['urn:federation:MicrosoftOnline']],
      attributes: [
        { name: 'http://schemas.microsoft.com/ws/2012/01/accounttype', values: ['DJ'] },
        { name: 'IDPEmail', values: ['a&b@example.com', 'x<y'] },
      ],
      authnContextClassRefs: ['urn:federation:authentication:windows'],
    });
  });

  it('leaves out what is not given (no NameID, no audiences, no attributes)', () => {
    const { nameId: _n, subjectConfirmation: _s, ...rest } = input;
    void _n;
    void _s;
    const xml = buildAssertion({ ...rest, audiences: [], attributes: [] });
    expect(xml).not.toContain('<Subject>');
    expect(xml).toContain('<Conditions NotBefore="2025-07-10T17:22:13.000Z" NotOnOrAfter=');
    expect(xml).not.toContain('AudienceRestriction');
    expect(xml).not.toContain('AttributeStatement');
  });

  it('refuses an ID that is not an NCName and an invalid date, with SimErrors', () => {
    expect(() => buildAssertion({ ...input, id: '1abc' })).toThrow(/NCName/);
    expect(() => buildAssertion({ ...input, notBefore: new Date('x') })).toThrow(
      /NotBefore is not a valid Date/,
    );
  });
});
