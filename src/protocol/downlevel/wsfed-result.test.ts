import { describe, expect, it } from 'vitest';
import { parseRstr } from '../wstrust/rstr.ts';
import { buildWsFedResult } from './wsfed-result.ts';

describe('WS-Fed wresult', () => {
  it('carries the assertion byte for byte, as a SAML 1.1 token', () => {
    const assertionXml =
      '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:1.0:assertion" MajorVersion="1" MinorVersion="1" AssertionID="_a" Issuer="http://contoso.com/adfs/services/trust/" IssueInstant="2025-07-10T17:22:13.000Z"><saml:Conditions NotBefore="2025-07-10T17:22:13.000Z" NotOnOrAfter="2025-07-10T18:22:13.000Z"/></saml:Assertion>';
    const r = parseRstr(
      buildWsFedResult({
        assertionXml,
        created: new Date('2025-07-10T17:22:13Z'),
        expires: new Date('2025-07-10T18:22:13Z'),
        appliesTo: 'urn:federation:MicrosoftOnline',
      }),
    );
    expect(r).toEqual({
      kind: 'token',
      version: '2005',
      tokenType: 'urn:oasis:names:tc:SAML:1.0:assertion',
      assertionXml,
    });
  });
});
