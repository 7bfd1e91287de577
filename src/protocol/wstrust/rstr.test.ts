import { describe, expect, it } from 'vitest';
import { isSimError } from '../../core/errors.ts';
import { TOKEN_TYPE, WSTRUST } from './constants.ts';
import { buildRstr, grantTypeForTokenType, parseRstr, type RstrInput } from './rstr.ts';
import { buildSoapFault } from './soap-fault.ts';

// Deliberately awkward: attributes out of the usual order, a prefix declared on the assertion
// itself, tabs and CRLFs between attributes, a self-closing tag with space, a '>' and an entity
// inside attribute values, a comment, CDATA holding markup, and an enveloped-signature shape.
const ASSERTION = [
  '<sa:Assertion\r\n\tIssueInstant="2024-05-01T10:00:00.000Z"   Issuer="http://sts.contoso.example/adfs/services/trust/"',
  '   MinorVersion="1" AssertionID="_a1b2&amp;c3" MajorVersion="1"\txmlns:sa="urn:oasis:names:tc:SAML:1.0:assertion"  >',
  '  <sa:Conditions NotOnOrAfter="2024-05-01T11:00:00.000Z" NotBefore="2024-05-01T10:00:00.000Z"><sa:AudienceRestrictionCondition>',
  '<sa:Audience>urn:federation:MicrosoftOnline</sa:Audience></sa:AudienceRestrictionCondition></sa:Conditions>',
  '<!-- a comment with <markup/> in it -->',
  '<sa:AttributeStatement><sa:Subject><sa:NameIdentifier Format="a>b">  dGVzdA==  </sa:NameIdentifier></sa:Subject>',
  '<sa:Attribute AttributeNamespace="http://schemas.microsoft.com/ws/2012/01" AttributeName="accounttype"><sa:AttributeValue><![CDATA[DJ</sa:AttributeValue>]]></sa:AttributeValue></sa:Attribute>',
  '</sa:AttributeStatement><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignatureValue>',
  'AAAA\nBBBB==</ds:SignatureValue><ds:KeyInfo /></ds:Signature>',
  '</sa:Assertion>',
].join('\n');

const input: Omit<RstrInput, 'version'> = {
  assertionXml: ASSERTION,
  tokenType: TOKEN_TYPE.saml11,
  created: new Date('2024-05-01T10:00:00Z'),
  expires: new Date('2024-05-01T11:00:00Z'),
  appliesTo: 'urn:federation:MicrosoftOnline',
  relatesTo: 'urn:uuid:8f2a2d0e-6c1b-4b55-9d3c-2b1f7f3e9a10',
};

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('RequestedAttachedReference / RequestedUnattachedReference (AD FS RSTR, [ADALN] RSTR.xml)', () => {
  it.each([
    ['1.3', 'trust'],
    ['2005', 't'],
  ] as const)(
    'WS-Trust %s: both references name the assertion ID, after the token',
    (version, t) => {
      const xml = buildRstr({ version, ...input });
      const ref =
        '<o:KeyIdentifier ValueType="http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.0#SAMLAssertionID">_a1b2&amp;c3</o:KeyIdentifier>';
      const attached = xml.indexOf(`<${t}:RequestedAttachedReference>`);
      const unattached = xml.indexOf(`<${t}:RequestedUnattachedReference>`);
      expect(attached).toBeGreaterThan(xml.indexOf(`</${t}:RequestedSecurityToken>`));
      expect(unattached).toBeGreaterThan(attached);
      expect(xml.indexOf(`<${t}:TokenType>`)).toBeGreaterThan(unattached);
      expect(xml.split(ref)).toHaveLength(3);
      expect(xml).toContain(
        'k:TokenType="http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV1.1"',
      );
    },
  );

  it('a SAML 2.0 assertion is referenced by its ID as #SAMLV2.0 / #SAMLID', () => {
    const saml2 =
      '<Assertion ID="_x9" IssueInstant="2024-05-01T10:00:00Z" Version="2.0" xmlns="urn:oasis:names:tc:SAML:2.0:assertion"><Issuer>i</Issuer></Assertion>';
    const xml = buildRstr({ version: '1.3', ...input, assertionXml: saml2 });
    expect(xml).toContain('#SAMLID">_x9</o:KeyIdentifier>');
    expect(xml).toContain(
      'k:TokenType="http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0"',
    );
    expect(parseRstr(xml)).toMatchObject({ kind: 'token', assertionXml: saml2 });
  });
});

describe('buildRstr → parseRstr', () => {
  it.each(['1.3', '2005'] as const)(
    'WS-Trust %s: returns the assertion byte for byte',
    (version) => {
      const parsed = parseRstr(buildRstr({ version, ...input }));
      expect(parsed).toEqual({
        kind: 'token',
        version,
        tokenType: TOKEN_TYPE.saml11,
        assertionXml: ASSERTION,
      });
      if (parsed.kind === 'token')
        expect(Buffer.from(parsed.assertionXml)).toEqual(Buffer.from(ASSERTION));
    },
  );

  it('1.3: RSTRC/IssueFinal, a collection, lifetime, AppliesTo, TokenType, RequestType, KeyType', () => {
    const xml = buildRstr({ version: '1.3', ...input });
    expect(xml).toContain(
      `<a:Action s:mustUnderstand="1">${WSTRUST['1.3'].rstrIssueAction}</a:Action>`,
    );
    expect(xml).toContain(
      '<a:RelatesTo>urn:uuid:8f2a2d0e-6c1b-4b55-9d3c-2b1f7f3e9a10</a:RelatesTo>',
    );
    expect(xml).toMatch(
      /<trust:RequestSecurityTokenResponseCollection [^>]*><trust:RequestSecurityTokenResponse>/,
    );
    expect(xml).toMatch(
      /<trust:Lifetime><wsu:Created [^>]*>2024-05-01T10:00:00.000Z<\/wsu:Created><wsu:Expires [^>]*>2024-05-01T11:00:00.000Z<\/wsu:Expires><\/trust:Lifetime>/,
    );
    expect(xml).toContain('<wsa:Address>urn:federation:MicrosoftOnline</wsa:Address>');
    expect(xml).toContain(
      `<trust:RequestedSecurityToken>${ASSERTION}</trust:RequestedSecurityToken>`,
    );
    expect(xml).toContain(
      `<trust:RequestType>${WSTRUST['1.3'].requestTypeIssue}</trust:RequestType>`,
    );
    expect(xml).toContain(`<trust:KeyType>${WSTRUST['1.3'].keyTypeBearer}</trust:KeyType>`);
  });

  it('2005: RSTR/Issue and a bare t:RequestSecurityTokenResponse', () => {
    const xml = buildRstr({ version: '2005', ...input, tokenType: TOKEN_TYPE.saml11Profile });
    expect(xml).toContain(`>${WSTRUST['2005'].rstrIssueAction}</a:Action>`);
    expect(xml).toContain(
      '<s:Body><t:RequestSecurityTokenResponse xmlns:t="http://schemas.xmlsoap.org/ws/2005/02/trust">',
    );
    expect(xml).not.toContain('Collection');
    expect(xml).not.toContain('RelatesTo>urn:x');
    const parsed = parseRstr(xml);
    expect(parsed.kind === 'token' && parsed.tokenType).toBe(TOKEN_TYPE.saml11Profile);
  });

  it('omits a:RelatesTo when no request id is given', () => {
    const { relatesTo, ...rest } = input;
    expect(buildRstr({ version: '1.3', ...input })).toContain(
      `<a:RelatesTo>${relatesTo}</a:RelatesTo>`,
    );
    expect(buildRstr({ version: '1.3', ...rest })).not.toContain('RelatesTo');
  });
});

describe('parseRstr reads responses it did not build', () => {
  it('any prefix, a BOM, whitespace around the assertion, and no TokenType', () => {
    const xml =
      '\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope"><S:Body>\n' +
      '<w13:RequestSecurityTokenResponseCollection xmlns:w13="http://docs.oasis-open.org/ws-sx/ws-trust/200512">' +
      '<w13:RequestSecurityTokenResponse><w13:RequestedSecurityToken>\n\t ' +
      ASSERTION +
      '\n</w13:RequestedSecurityToken></w13:RequestSecurityTokenResponse></w13:RequestSecurityTokenResponseCollection></S:Body></S:Envelope>';
    expect(parseRstr(xml)).toEqual({
      kind: 'token',
      version: '1.3',
      tokenType: undefined,
      assertionXml: ASSERTION,
    });
  });

  it('a bare WS-Fed wresult RSTR with a SAML 2.0 assertion and a self-closing first element', () => {
    const saml2 =
      '<Assertion xmlns="urn:oasis:names:tc:SAML:2.0:assertion" ID="_x" Version="2.0"/>';
    const xml =
      `<t:RequestSecurityTokenResponse xmlns:t="http://schemas.xmlsoap.org/ws/2005/02/trust">` +
      `<t:TokenType> ${TOKEN_TYPE.saml2} </t:TokenType><t:RequestedSecurityToken>${saml2}</t:RequestedSecurityToken>` +
      `</t:RequestSecurityTokenResponse>`;
    expect(parseRstr(xml)).toEqual({
      kind: 'token',
      version: '2005',
      tokenType: TOKEN_TYPE.saml2,
      assertionXml: saml2,
    });
  });

  it('skips an RSTR without a token and takes the next one', () => {
    const xml =
      `<c:RequestSecurityTokenResponseCollection xmlns:c="${WSTRUST['1.3'].ns}">` +
      `<c:RequestSecurityTokenResponse><c:TokenType>x</c:TokenType></c:RequestSecurityTokenResponse>` +
      `<c:RequestSecurityTokenResponse><c:RequestedSecurityToken>${ASSERTION}</c:RequestedSecurityToken></c:RequestSecurityTokenResponse>` +
      `</c:RequestSecurityTokenResponseCollection>`;
    const parsed = parseRstr(xml);
    expect(parsed.kind === 'token' && parsed.assertionXml).toBe(ASSERTION);
  });

  it('a SOAP fault → kind fault with code, subcode and reason', () => {
    const xml = buildSoapFault({
      code: 'Sender',
      subcode: { namespace: WSTRUST['1.3'].ns, value: 'a:FailedAuthentication' },
      reason: 'ID3242: The security token could not be authenticated or authorized.',
    });
    expect(parseRstr(xml)).toEqual({
      kind: 'fault',
      code: 's:Sender',
      subcode: 'a:FailedAuthentication',
      reason: 'ID3242: The security token could not be authenticated or authorized.',
    });
  });
});

describe('parseRstr rejections (client: 0xcaa90013 / 0xcaa90002)', () => {
  it('an HTML page → ERR_XML_MALFORMED', () => {
    const html =
      '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr></body></html>';
    expect(
      isSimError(
        thrown(() => parseRstr(html)),
        'ERR_XML_MALFORMED',
      ),
    ).toBe(true);
  });

  it('a DOCTYPE (an HTML5 page, or an entity bomb) → ERR_XML_DTD', () => {
    expect(
      isSimError(
        thrown(() => parseRstr('<!DOCTYPE html><html><body></body></html>')),
        'ERR_XML_DTD',
      ),
    ).toBe(true);
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><r>&b;</r>';
    expect(
      isSimError(
        thrown(() => parseRstr(bomb)),
        'ERR_XML_DTD',
      ),
    ).toBe(true);
  });

  it('no RequestSecurityTokenResponse → ERR_XML_SHAPE', () => {
    const e = thrown(() =>
      parseRstr(
        '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body/></s:Envelope>',
      ),
    );
    expect(isSimError(e, 'ERR_XML_SHAPE')).toBe(true);
    expect((e as Error).message).toMatch(/RequestSecurityTokenResponse/);
  });

  it('an RSTR without RequestedSecurityToken → ERR_XML_SHAPE', () => {
    const xml = buildRstr({ version: '1.3', ...input }).replace(
      /<trust:RequestedSecurityToken>[\s\S]*<\/trust:RequestedSecurityToken>/,
      '',
    );
    const e = thrown(() => parseRstr(xml));
    expect(isSimError(e, 'ERR_XML_SHAPE')).toBe(true);
    expect((e as Error).message).toMatch(/no RequestedSecurityToken/);
  });

  it('an empty RequestedSecurityToken → ERR_XML_SHAPE', () => {
    const xml = buildRstr({ version: '2005', ...input, assertionXml: '  <!-- nothing -->  ' });
    const e = thrown(() => parseRstr(xml));
    expect(isSimError(e, 'ERR_XML_SHAPE')).toBe(true);
    expect((e as Error).message).toMatch(/without an assertion/);
  });

  it('an RSTR in an unknown namespace is not a WS-Trust response', () => {
    const xml = `<x:RequestSecurityTokenResponse xmlns:x="urn:example"><x:RequestedSecurityToken>${ASSERTION}</x:RequestedSecurityToken></x:RequestSecurityTokenResponse>`;
    expect(
      isSimError(
        thrown(() => parseRstr(xml)),
        'ERR_XML_SHAPE',
      ),
    ).toBe(true);
  });

  it('throws nothing but SimError for any truncation of a valid response', () => {
    const xml = buildRstr({ version: '1.3', ...input });
    for (let cut = 0; cut < xml.length; cut += 7) {
      try {
        parseRstr(xml.slice(0, cut));
      } catch (e) {
        expect(isSimError(e), `cut at ${cut}: ${String(e)}`).toBe(true);
      }
    }
  });
});

describe('grantTypeForTokenType ([MSALPY] [ADALN] [ROAD] [AADI])', () => {
  it.each([
    [TOKEN_TYPE.saml11, 'saml1_1-bearer'],
    [TOKEN_TYPE.saml11Profile, 'saml1_1-bearer'],
    [TOKEN_TYPE.saml2, 'saml2-bearer'],
    [TOKEN_TYPE.saml2Profile, 'saml2-bearer'],
  ])('%s → %s', (tokenType, grant) => {
    expect(grantTypeForTokenType(tokenType)).toBe(grant);
  });

  it.each([
    undefined,
    '',
    'urn:oasis:names:tc:SAML:1.1:assertion',
    'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV1.0',
  ])('%s → undefined', (tokenType) => {
    expect(grantTypeForTokenType(tokenType)).toBeUndefined();
  });
});
