import { describe, expect, it } from 'vitest';
import { isSimError } from '../../core/errors.ts';
import { WSTRUST } from './constants.ts';
import { buildRst, parseRst, type RstInput } from './rst.ts';

const base = {
  to: 'https://sts.contoso.example/adfs/services/trust/13/windowstransport',
  messageId: 'urn:uuid:8f2a2d0e-6c1b-4b55-9d3c-2b1f7f3e9a10',
  appliesTo: 'urn:federation:MicrosoftOnline',
};
const user = {
  username: 'alice@contoso.example',
  password: `p&ss<w>o"r'd`,
  created: new Date('2024-05-01T10:00:00Z'),
  expires: new Date('2024-05-01T10:10:00Z'),
};

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('buildRst → parseRst', () => {
  it.each(['1.3', '2005'] as const)('round-trips a WS-Trust %s windowstransport RST', (version) => {
    const parsed = parseRst(buildRst({ version, ...base }));
    expect(parsed).toEqual({
      version,
      action: WSTRUST[version].rstIssueAction,
      to: base.to,
      messageId: base.messageId,
      appliesTo: base.appliesTo,
      requestType: WSTRUST[version].requestTypeIssue,
      keyType: WSTRUST[version].keyTypeBearer,
    });
  });

  it.each(['1.3', '2005'] as const)('round-trips a WS-Trust %s usernamemixed RST', (version) => {
    const parsed = parseRst(buildRst({ version, ...base, username: user }));
    expect(parsed.version).toBe(version);
    expect(parsed.username).toEqual({ username: user.username, password: user.password });
  });

  it('escapes every value it writes', () => {
    const input: RstInput = {
      version: '1.3',
      ...base,
      to: `${base.to}?a=1&b=<2>`,
      appliesTo: 'urn:x&y',
    };
    const xml = buildRst({ ...input, username: user });
    expect(xml).toContain('?a=1&amp;b=&lt;2&gt;');
    expect(xml).not.toContain(user.password);
    const parsed = parseRst(xml);
    expect(parsed.to).toBe(input.to);
    expect(parsed.appliesTo).toBe('urn:x&y');
  });
});

describe('buildRst shapes ([DSRT] [MSALPY] [ADALN])', () => {
  it('2005 windowstransport: the DSRegTool envelope with wst:KeyType NoProofKey and no credentials', () => {
    const xml = buildRst({ version: '2005', ...base });
    expect(xml).toContain('<wst:RequestSecurityToken Id="RST0">');
    expect(xml).toContain(
      '<wst:KeyType>http://schemas.xmlsoap.org/ws/2005/05/identity/NoProofKey</wst:KeyType>',
    );
    expect(xml).toContain(
      '<wsa:Action s:mustUnderstand="1">http://schemas.xmlsoap.org/ws/2005/02/trust/RST/Issue</wsa:Action>',
    );
    expect(xml).not.toContain('wsse:Security');
    expect(xml).not.toContain('UsernameToken');
  });

  it('1.3 windowstransport: a:ReplyTo anonymous and trust:KeyType Bearer', () => {
    const xml = buildRst({ version: '1.3', ...base });
    expect(xml).toContain(
      '<a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>',
    );
    expect(xml).toContain(
      '<trust:KeyType>http://docs.oasis-open.org/ws-sx/ws-trust/200512/Bearer</trust:KeyType>',
    );
    expect(xml).toContain('xmlns:trust="http://docs.oasis-open.org/ws-sx/ws-trust/200512"');
  });

  it('usernamemixed: wsse:Security with the wsu:Timestamp and UsernameToken ADAL sends', () => {
    const xml = buildRst({ version: '1.3', ...base, username: user });
    expect(xml).toMatch(
      /<u:Timestamp u:Id="_0"><u:Created>2024-05-01T10:00:00.000Z<\/u:Created><u:Expires>2024-05-01T10:10:00.000Z<\/u:Expires><\/u:Timestamp>/,
    );
    expect(xml).toContain('<o:UsernameToken u:Id="ADALUsernameToken">');
  });

  it('refuses an invalid date with ERR_USAGE', () => {
    const bad = { ...user, created: new Date('not a date') };
    expect(
      isSimError(
        thrown(() => buildRst({ version: '2005', ...base, username: bad })),
        'ERR_USAGE',
      ),
    ).toBe(true);
  });
});

describe('parseRst rejections', () => {
  it('an HTML body → ERR_XML_MALFORMED', () => {
    expect(
      isSimError(
        thrown(() => parseRst('<html><body><p>hello<br></body></html>')),
        'ERR_XML_MALFORMED',
      ),
    ).toBe(true);
  });

  it('a DOCTYPE → ERR_XML_DTD', () => {
    const xml = `<!DOCTYPE s:Envelope [<!ENTITY e "x">]>${buildRst({ version: '1.3', ...base })}`;
    expect(
      isSimError(
        thrown(() => parseRst(xml)),
        'ERR_XML_DTD',
      ),
    ).toBe(true);
  });

  it('a SOAP 1.1 envelope → ERR_XML_SHAPE naming the root', () => {
    const xml = buildRst({ version: '1.3', ...base }).replace(
      'http://www.w3.org/2003/05/soap-envelope',
      'http://schemas.xmlsoap.org/soap/envelope/',
    );
    const e = thrown(() => parseRst(xml));
    expect(isSimError(e, 'ERR_XML_SHAPE')).toBe(true);
    expect((e as Error).message).toMatch(/not a SOAP 1\.2 envelope/);
  });

  it('a body without an RST → ERR_XML_SHAPE naming it', () => {
    const xml = buildRst({ version: '2005', ...base }).replace(
      /<s:Body>.*<\/s:Body>/,
      '<s:Body><x/></s:Body>',
    );
    const e = thrown(() => parseRst(xml));
    expect(isSimError(e, 'ERR_XML_SHAPE')).toBe(true);
    expect((e as Error).message).toMatch(/RequestSecurityToken/);
  });

  it('an RST from an unknown WS-Trust namespace → ERR_XML_SHAPE', () => {
    const xml = buildRst({ version: '1.3', ...base }).replace(
      'xmlns:trust="http://docs.oasis-open.org/ws-sx/ws-trust/200512"',
      'xmlns:trust="urn:example:trust"',
    );
    expect(
      isSimError(
        thrown(() => parseRst(xml)),
        'ERR_XML_SHAPE',
      ),
    ).toBe(true);
  });

  it('no wsa:Action → ERR_XML_SHAPE naming it', () => {
    const xml = buildRst({ version: '1.3', ...base }).replace(
      /<a:Action[^>]*>[^<]*<\/a:Action>/,
      '',
    );
    const e = thrown(() => parseRst(xml));
    expect(isSimError(e, 'ERR_XML_SHAPE')).toBe(true);
    expect((e as Error).message).toMatch(/Action/);
  });

  it('a UsernameToken without a Password → ERR_XML_SHAPE', () => {
    const xml = buildRst({ version: '1.3', ...base, username: user }).replace(
      /<o:Password[^>]*>[^<]*<\/o:Password>/,
      '',
    );
    expect(
      isSimError(
        thrown(() => parseRst(xml)),
        'ERR_XML_SHAPE',
      ),
    ).toBe(true);
  });
});

describe('parseRst reads what other clients send', () => {
  it('accepts pre-standard 2004/08 addressing headers and other prefixes', () => {
    const xml =
      '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:w="http://schemas.xmlsoap.org/ws/2004/08/addressing">' +
      '<env:Header><w:Action>http://schemas.xmlsoap.org/ws/2005/02/trust/RST/Issue</w:Action><w:To>https://sts/x</w:To></env:Header>' +
      '<env:Body><q:RequestSecurityToken xmlns:q="http://schemas.xmlsoap.org/ws/2005/02/trust">' +
      '<p:AppliesTo xmlns:p="http://schemas.xmlsoap.org/ws/2004/09/policy"><w:EndpointReference><w:Address> urn:federation:MicrosoftOnline </w:Address></w:EndpointReference></p:AppliesTo>' +
      '<q:RequestType>http://schemas.xmlsoap.org/ws/2005/02/trust/Issue</q:RequestType>' +
      '<q:TokenType>urn:oasis:names:tc:SAML:1.0:assertion</q:TokenType>' +
      '</q:RequestSecurityToken></env:Body></env:Envelope>';
    expect(parseRst(xml)).toEqual({
      version: '2005',
      action: 'http://schemas.xmlsoap.org/ws/2005/02/trust/RST/Issue',
      to: 'https://sts/x',
      appliesTo: 'urn:federation:MicrosoftOnline',
      requestType: 'http://schemas.xmlsoap.org/ws/2005/02/trust/Issue',
      tokenType: 'urn:oasis:names:tc:SAML:1.0:assertion',
    });
  });
});
