import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSimError } from '../../core/errors.ts';
import { HRESULTS } from '../hresult/catalog.ts';
import { buildMex, type MexBreakage, type MexEndpoint } from './build-mex.ts';
import { MEX_WARNING, parseMex } from './select-endpoint.ts';

const FS = 'https://fs.contoso.example/adfs/services/trust';
const wt13: MexEndpoint = {
  kind: 'windowstransport',
  version: '1.3',
  address: `${FS}/13/windowstransport`,
  upn: 'svc@contoso.example',
};
const wt2005: MexEndpoint = {
  kind: 'windowstransport',
  version: '2005',
  address: `${FS}/2005/windowstransport`,
};
const um13: MexEndpoint = {
  kind: 'usernamemixed',
  version: '1.3',
  address: `${FS}/13/usernamemixed`,
};
const um2005: MexEndpoint = {
  kind: 'usernamemixed',
  version: '2005',
  address: `${FS}/2005/usernamemixed`,
};

const codes = (xml: string) => parseMex(xml).warnings.map((w) => w.hresult);

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('buildMex → parseMex', () => {
  it('prefers the WS-Trust 1.3 windowstransport endpoint when 1.3 and 2005 both exist', () => {
    // 2005 first in document order, so "first found" would pick the wrong one.
    const selection = parseMex(buildMex({ endpoints: [wt2005, um2005, wt13, um13] }));
    expect(selection).toEqual({
      integrated: { address: wt13.address, version: '1.3' },
      usernamePassword: { address: um13.address, version: '1.3' },
      // Every usable endpoint, in document order (what hjsim conform shows as evidence).
      offered: {
        integrated: [
          { address: wt2005.address, version: '2005' },
          { address: wt13.address, version: '1.3' },
        ],
        usernamePassword: [
          { address: um2005.address, version: '2005' },
          { address: um13.address, version: '1.3' },
        ],
      },
      warnings: [],
    });
  });

  it('takes the 2005 endpoint when only 2005 is published', () => {
    const selection = parseMex(buildMex({ endpoints: [wt2005] }));
    expect(selection.integrated).toEqual({ address: wt2005.address, version: '2005' });
    expect(selection.usernamePassword).toBeUndefined();
  });

  it('finds no integrated endpoint in a usernamemixed-only MEX (the PingOne /wsf/mex case)', () => {
    const selection = parseMex(buildMex({ endpoints: [um2005] }));
    expect(selection.integrated).toBeUndefined();
    expect(selection.usernamePassword).toEqual({ address: um2005.address, version: '2005' });
    expect(selection.warnings).toEqual([]);
  });

  it('publishes the windowstransport UPN identity and one port per endpoint', () => {
    const second = { ...wt13, address: `${FS}/13/windowstransport-b` };
    const xml = buildMex({ endpoints: [wt13, second], serviceName: 'Contoso STS' });
    expect(xml).toContain(
      '<Identity xmlns="http://schemas.xmlsoap.org/ws/2006/02/addressingidentity">',
    );
    expect(xml).toContain('<Upn>svc@contoso.example</Upn>');
    expect(xml).toContain('<wsdl:service name="Contoso STS">');
    expect(xml.match(/<wsdl:port /g)).toHaveLength(2);
    expect(xml.match(/<wsp:Policy wsu:Id=/g)).toHaveLength(1);
    expect(parseMex(xml).integrated?.address).toBe(wt13.address);
  });

  it('skips an http:// address with warning 0x8aa90025', () => {
    const insecure = {
      ...wt13,
      address: 'http://fs.contoso.example/adfs/services/trust/13/windowstransport',
    };
    const selection = parseMex(buildMex({ endpoints: [insecure] }));
    expect(selection.integrated).toBeUndefined();
    expect(selection.warnings).toEqual([
      { hresult: '0x8aa90025', detail: expect.stringContaining(insecure.address) },
    ]);
  });

  it('accepts the https scheme in any case', () => {
    const upper = {
      ...wt13,
      address: 'HTTPS://FS.CONTOSO.EXAMPLE/adfs/services/trust/13/windowstransport',
    };
    expect(parseMex(buildMex({ endpoints: [upper] })).integrated?.address).toBe(upper.address);
  });

  it('escapes what it publishes', () => {
    const odd = {
      ...wt13,
      address: `${FS}/13/windowstransport?a=1&b=<2>`,
      upn: 'o"brien&co@contoso.example',
    };
    const xml = buildMex({ endpoints: [odd] });
    expect(xml).toContain('?a=1&amp;b=&lt;2&gt;');
    expect(parseMex(xml).integrated?.address).toBe(odd.address);
  });
});

describe('breakage flags model broken IdPs', () => {
  const cases: [keyof MexBreakage, string][] = [
    ['omitAddress', MEX_WARNING.noAddress],
    ['omitBinding', MEX_WARNING.noBindingInPort],
    ['omitSoapTransport', MEX_WARNING.noSoapTransport],
    ['omitSoapAction', MEX_WARNING.noSoapAction],
    ['omitBindingName', MEX_WARNING.noNameInBinding],
    ['omitPolicyReferenceUri', MEX_WARNING.noUriInPolicyReference],
  ];

  it.each(cases)('%s → warning %s and no usable endpoint', (flag, hresult) => {
    const selection = parseMex(
      buildMex({ endpoints: [wt13, wt2005, um13], breakage: { [flag]: true } }),
    );
    expect(selection.integrated).toBeUndefined();
    expect(selection.usernamePassword).toBeUndefined();
    expect(selection.warnings.length).toBeGreaterThan(0);
    expect(new Set(selection.warnings.map((w) => w.hresult))).toEqual(new Set([hresult]));
  });

  it('every warning code is an ADAL MEX warning of the HRESULT catalog', () => {
    for (const hresult of Object.values(MEX_WARNING)) {
      expect(HRESULTS.get(hresult)?.symbol).toMatch(/^WARNING_ADAL_MEX_/);
    }
  });

  it('a MEX without breakage carries no warnings', () => {
    expect(codes(buildMex({ endpoints: [wt13, wt2005, um13, um2005] }))).toEqual([]);
  });
});

describe('parseMex on a hand-written AD FS-like document', () => {
  const xml = readFileSync(new URL('./fixtures/adfs-like.mex.xml', import.meta.url), 'utf8');

  it('picks the https 1.3 windowstransport port, not the http one, the 2005 one or kerberosmixed', () => {
    const selection = parseMex(xml);
    expect(selection.integrated).toEqual({
      address: 'https://sts.fabrikam.example/adfs/services/trust/13/windowstransport',
      version: '1.3',
    });
    expect(selection.usernamePassword).toEqual({
      address: 'https://sts.fabrikam.example/adfs/services/trust/13/usernamemixed',
      version: '1.3',
    });
    expect(selection.warnings).toEqual([
      {
        hresult: '0x8aa90025',
        detail: expect.stringContaining('Fabrikam_Windows13_Proxy'),
      },
    ]);
  });

  it('falls back to 2005 when the 1.3 windowstransport port is gone', () => {
    const without13 = xml.replace(/<port name="Fabrikam_Windows13" [\s\S]*?<\/port>/, '');
    expect(without13).not.toBe(xml);
    expect(parseMex(without13).integrated).toEqual({
      address: 'https://sts.fabrikam.example/adfs/services/trust/2005/windowstransport',
      version: '2005',
    });
  });

  it('ignores a Windows-auth policy without a TransportBinding', () => {
    const noTls = xml.replace(
      /(<pol:Policy util:Id="Fabrikam_Windows13_policy">[\s\S]*?)<sx:TransportBinding[\s\S]*?<\/sx:TransportBinding>/,
      '$1',
    );
    expect(noTls).not.toBe(xml);
    expect(parseMex(noTls).integrated?.version).toBe('2005');
  });
});

describe('parseMex on what is not a MEX document', () => {
  it('throws ERR_XML_MALFORMED for an HTML page (the client reports 0xcaa9002c)', () => {
    const html = '<html><head><title>Sign in</title></head><body><p>Proxy login<br></body></html>';
    expect(
      isSimError(
        thrown(() => parseMex(html)),
        'ERR_XML_MALFORMED',
      ),
    ).toBe(true);
  });

  it('throws ERR_XML_MALFORMED for an empty body', () => {
    expect(
      isSimError(
        thrown(() => parseMex('')),
        'ERR_XML_MALFORMED',
      ),
    ).toBe(true);
  });

  it('throws ERR_XML_DTD for a document with a DOCTYPE', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "y">]>${buildMex({ endpoints: [wt13] }).replace(/^<\?xml[^>]*>\n/, '')}`;
    expect(
      isSimError(
        thrown(() => parseMex(xml)),
        'ERR_XML_DTD',
      ),
    ).toBe(true);
  });

  it('returns an empty selection for well-formed XML that is not WSDL', () => {
    expect(parseMex('<html><body><p>Maintenance</p></body></html>')).toEqual({
      offered: { integrated: [], usernamePassword: [] },
      warnings: [],
    });
  });
});
