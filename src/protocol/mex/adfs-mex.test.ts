/**
 * The AD FS MEX as AD FS publishes it: the names, ports and policies of the real AD FS MEX that
 * MSAL Python keeps as a test fixture ([MSALPY] tests/microsoft.mex.xml), checked fact by fact
 * (the expectations below are written from that capture, not from our output), and the endpoint
 * each client picks from it: ours (parseMex) and MSAL Python's rules (msal/mex.py, restated here).
 */
import { describe, expect, it } from 'vitest';
import { parseXml } from '../xml/parse-xml.ts';
import { WSA_NS, WSP_NS, WSU_NS } from '../wstrust/constants.ts';
import { buildMex, type MexEndpoint, type MexEndpointKind } from './build-mex.ts';
import { HTTP_POLICY_NS, SOAP12_WSDL_NS, SP2005_NS, SP_NS, WSDL_NS } from './namespaces.ts';
import { parseMex } from './select-endpoint.ts';

const HOST = 'fs.contoso.example';
const MEX_URL = `https://${HOST}/adfs/services/trust/mex`;
const TRUST = `https://${HOST}/adfs/services/trust`;

/** AD FS's twelve endpoints in the capture's port order. */
const ORDER: [MexEndpointKind, '2005' | '1.3'][] = [
  ['windowstransport', '2005'],
  ['certificatemixed', '2005'],
  ['usernamemixed', '2005'],
  ['kerberosmixed', '2005'],
  ['issuedtokenmixedasymmetricbasic256', '2005'],
  ['issuedtokenmixedsymmetricbasic256', '2005'],
  ['kerberosmixed', '1.3'],
  ['certificatemixed', '1.3'],
  ['usernamemixed', '1.3'],
  ['issuedtokenmixedasymmetricbasic256', '1.3'],
  ['issuedtokenmixedsymmetricbasic256', '1.3'],
  ['windowstransport', '1.3'],
];
const endpoints: MexEndpoint[] = ORDER.map(([kind, version]) => ({
  kind,
  version,
  address: `${TRUST}/${version === '1.3' ? '13' : '2005'}/${kind}`,
  ...(kind === 'windowstransport' ? { upn: 'svc-adfs@contoso.example' } : {}),
}));
const xml = buildMex({ endpoints, mexUrl: MEX_URL });
const root = parseXml(xml, 'mex').documentElement!;
/** xmldom's node lists are not iterable. */
function list<T>(l: { readonly length: number; item(i: number): T | null }): T[] {
  return Array.from({ length: l.length }, (_, i) => l.item(i)!);
}
const all = (ns: string, local: string) => list(root.getElementsByTagNameNS(ns, local));

/** The capture's port (= binding) names, in order. */
const REAL_PORTS = [
  'CustomBinding_IWSTrustFeb2005Async',
  'CertificateWSTrustBinding_IWSTrustFeb2005Async',
  'UserNameWSTrustBinding_IWSTrustFeb2005Async',
  'CustomBinding_IWSTrustFeb2005Async1',
  'IssuedTokenWSTrustBinding_IWSTrustFeb2005Async',
  'IssuedTokenWSTrustBinding_IWSTrustFeb2005Async1',
  'CustomBinding_IWSTrust13Async',
  'CertificateWSTrustBinding_IWSTrust13Async',
  'UserNameWSTrustBinding_IWSTrust13Async',
  'IssuedTokenWSTrustBinding_IWSTrust13Async',
  'IssuedTokenWSTrustBinding_IWSTrust13Async1',
  'CustomBinding_IWSTrust13Async1',
];

function policyById(id: string): Element {
  const p = all(WSP_NS, 'Policy').find((e) => e.getAttributeNS(WSU_NS, 'Id') === id);
  if (!p) throw new Error(`no policy ${id}`);
  return p;
}
const localNames = (el: Element) => list(el.getElementsByTagName('*')).map((e) => e.localName);

describe('AD FS MEX: the capture’s names', () => {
  it('ports and bindings carry the real names, each port pointing at its own binding', () => {
    const ports = all(WSDL_NS, 'port');
    expect(ports.map((p) => p.getAttribute('name'))).toEqual(REAL_PORTS);
    expect(ports.map((p) => p.getAttribute('binding'))).toEqual(REAL_PORTS.map((n) => `tns:${n}`));
    expect(all(WSDL_NS, 'binding').map((b) => b.getAttribute('name'))).toEqual(REAL_PORTS);
  });

  it('windowstransport is the first 2005 port and the last 1.3 port; kerberosmixed is CustomBinding_IWSTrust13Async', () => {
    const address = (name: string) =>
      all(WSDL_NS, 'port')
        .find((p) => p.getAttribute('name') === name)!
        .getElementsByTagNameNS(WSA_NS, 'Address')[0]!.textContent;
    expect(address('CustomBinding_IWSTrustFeb2005Async')).toBe(`${TRUST}/2005/windowstransport`);
    expect(address('CustomBinding_IWSTrustFeb2005Async1')).toBe(`${TRUST}/2005/kerberosmixed`);
    expect(address('CustomBinding_IWSTrust13Async')).toBe(`${TRUST}/13/kerberosmixed`);
    expect(address('CustomBinding_IWSTrust13Async1')).toBe(`${TRUST}/13/windowstransport`);
    expect(address('IssuedTokenWSTrustBinding_IWSTrust13Async1')).toBe(
      `${TRUST}/13/issuedtokenmixedsymmetricbasic256`,
    );
  });

  it('port types IWSTrustFeb2005Async / IWSTrust13Async, operations TrustFeb2005IssueAsync / Trust13IssueAsync', () => {
    expect(all(WSDL_NS, 'portType').map((p) => p.getAttribute('name'))).toEqual([
      'IWSTrustFeb2005Async',
      'IWSTrust13Async',
    ]);
    const ops = all(WSDL_NS, 'operation').map((o) => o.getAttribute('name'));
    expect(new Set(ops)).toEqual(new Set(['TrustFeb2005IssueAsync', 'Trust13IssueAsync']));
    expect(all(WSDL_NS, 'message').map((m) => m.getAttribute('name'))).toEqual([
      'IWSTrustFeb2005Async_TrustFeb2005IssueAsync_InputMessage',
      'IWSTrustFeb2005Async_TrustFeb2005IssueAsync_OutputMessage',
      'IWSTrust13Async_Trust13IssueAsync_InputMessage',
      'IWSTrust13Async_Trust13IssueAsync_OutputMessage',
    ]);
  });

  it('wsdl:types imports xsd0..2 from the MEX URL itself', () => {
    const imports = all('http://www.w3.org/2001/XMLSchema', 'import');
    expect(imports.map((i) => i.getAttribute('schemaLocation'))).toEqual([
      `${MEX_URL}?xsd=xsd0`,
      `${MEX_URL}?xsd=xsd1`,
      `${MEX_URL}?xsd=xsd2`,
    ]);
    expect(imports.map((i) => i.getAttribute('namespace'))).toEqual([
      'http://schemas.microsoft.com/Message',
      'http://schemas.xmlsoap.org/ws/2005/02/trust',
      'http://docs.oasis-open.org/ws-sx/ws-trust/200512',
    ]);
  });
});

describe('AD FS MEX: the capture’s policies', () => {
  it('windowstransport: NegotiateAuthentication and a 2005 TransportBinding in both versions', () => {
    for (const id of [
      'CustomBinding_IWSTrustFeb2005Async_policy',
      'CustomBinding_IWSTrust13Async1_policy',
    ]) {
      const p = policyById(id);
      expect(p.getElementsByTagNameNS(HTTP_POLICY_NS, 'NegotiateAuthentication')).toHaveLength(1);
      expect(p.getElementsByTagNameNS(SP2005_NS, 'TransportBinding')).toHaveLength(1);
      expect(localNames(p)).not.toContain('EndorsingSupportingTokens');
    }
  });

  it('the mixed endpoints carry EndorsingSupportingTokens, Wss11 and Trust10 (2005) / Trust13 (1.3)', () => {
    const mixed = REAL_PORTS.filter(
      (n) => !/^CustomBinding_IWSTrust(Feb2005Async|13Async1)$/.test(n),
    );
    expect(mixed).toHaveLength(10);
    for (const name of mixed) {
      const names = localNames(policyById(`${name}_policy`));
      expect(names, name).toContain('EndorsingSupportingTokens');
      expect(names, name).toContain('Wss11');
      expect(names, name).toContain(name.includes('Feb2005') ? 'Trust10' : 'Trust13');
      expect(names, name).not.toContain('NegotiateAuthentication');
    }
  });

  it('each mixed endpoint endorses with its own token; kerberosmixed uses Basic128', () => {
    const names = (port: string) => localNames(policyById(`${port}_policy`));
    expect(names('CustomBinding_IWSTrust13Async')).toContain('KerberosToken');
    expect(names('CustomBinding_IWSTrust13Async')).toContain('Basic128');
    expect(names('CertificateWSTrustBinding_IWSTrust13Async')).toContain('X509Token');
    expect(names('IssuedTokenWSTrustBinding_IWSTrust13Async1')).toContain('KeySize');
    expect(names('IssuedTokenWSTrustBinding_IWSTrust13Async')).not.toContain('KeySize');
    expect(names('UserNameWSTrustBinding_IWSTrust13Async')).toContain(
      'SignedEncryptedSupportingTokens',
    );
    expect(names('UserNameWSTrustBinding_IWSTrustFeb2005Async')).toContain(
      'SignedSupportingTokens',
    );
    expect(names('UserNameWSTrustBinding_IWSTrustFeb2005Async')).toContain('RsaToken');
    expect(names('UserNameWSTrustBinding_IWSTrust13Async')).toContain('KeyValueToken');
  });
});

/**
 * MSAL Python's selection (msal/mex.py), restated: IWA policies have
 * `wsp:ExactlyOne/wsp:All/http:NegotiateAuthentication` and a 2005 TransportBinding; username
 * policies have `sp:SignedEncryptedSupportingTokens/…/sp:WssUsernameToken10` (or the 2005
 * `SignedSupportingTokens` form) and a TransportBinding; a binding counts if its soap12 transport
 * is SOAP over HTTP; a port counts if its wsa10 Address starts with https://; WS-Trust 1.3 wins.
 */
function msalPick(kind: 'iwa' | 'username'): string | undefined {
  const policyIds = new Set<string>();
  for (const policy of list(root.childNodes).filter(
    (n): n is Element => n.nodeType === 1 && (n as Element).localName === 'Policy',
  )) {
    const alls = list(policy.getElementsByTagNameNS(WSP_NS, 'All'));
    const ok = alls.some((a) =>
      kind === 'iwa'
        ? a.getElementsByTagNameNS(HTTP_POLICY_NS, 'NegotiateAuthentication').length > 0 &&
          policy.getElementsByTagNameNS(SP2005_NS, 'TransportBinding').length > 0
        : (a.getElementsByTagNameNS(SP_NS, 'SignedEncryptedSupportingTokens').length > 0 &&
            policy.getElementsByTagNameNS(SP_NS, 'WssUsernameToken10').length > 0 &&
            policy.getElementsByTagNameNS(SP_NS, 'TransportBinding').length > 0) ||
          (a.getElementsByTagNameNS(SP2005_NS, 'SignedSupportingTokens').length > 0 &&
            policy.getElementsByTagNameNS(SP2005_NS, 'WssUsernameToken10').length > 0 &&
            policy.getElementsByTagNameNS(SP2005_NS, 'TransportBinding').length > 0),
    );
    if (ok) policyIds.add(`#${policy.getAttributeNS(WSU_NS, 'Id')}`);
  }
  const bindings = new Map<string, string>();
  for (const b of all(WSDL_NS, 'binding')) {
    if (
      b.getElementsByTagNameNS(SOAP12_WSDL_NS, 'binding')[0]?.getAttribute('transport') !==
      'http://schemas.xmlsoap.org/soap/http'
    )
      continue;
    const uri = b.getElementsByTagNameNS(WSP_NS, 'PolicyReference')[0]?.getAttribute('URI') ?? '';
    if (!policyIds.has(uri)) continue;
    const action = b
      .getElementsByTagNameNS(SOAP12_WSDL_NS, 'operation')[0]!
      .getAttribute('soapAction')!;
    bindings.set(b.getAttribute('name')!, action);
  }
  const found = all(WSDL_NS, 'port').flatMap((p) => {
    const action = bindings.get(p.getAttribute('binding')!.split(':').pop()!);
    const address = p.getElementsByTagNameNS(WSA_NS, 'Address')[0]?.textContent ?? '';
    return action !== undefined && address.toLowerCase().startsWith('https://')
      ? [{ address, action }]
      : [];
  });
  const thirteen = found.find((e) => e.action.startsWith('http://docs.oasis-open.org/'));
  return (thirteen ?? found[0])?.address;
}

describe('every client still selects the right endpoint from the real-shaped MEX', () => {
  it('ours: the 1.3 windowstransport and 1.3 usernamemixed endpoints, no warnings', () => {
    const s = parseMex(xml);
    expect(s.integrated).toEqual({ address: `${TRUST}/13/windowstransport`, version: '1.3' });
    expect(s.usernamePassword).toEqual({ address: `${TRUST}/13/usernamemixed`, version: '1.3' });
    expect(s.offered.integrated.map((e) => e.address).sort()).toEqual([
      `${TRUST}/13/windowstransport`,
      `${TRUST}/2005/windowstransport`,
    ]);
    expect(s.offered.usernamePassword.map((e) => e.address).sort()).toEqual([
      `${TRUST}/13/usernamemixed`,
      `${TRUST}/2005/usernamemixed`,
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('MSAL Python’s rules: the same two endpoints (kerberosmixed and the rest are ignored)', () => {
    expect(msalPick('iwa')).toBe(`${TRUST}/13/windowstransport`);
    expect(msalPick('username')).toBe(`${TRUST}/13/usernamemixed`);
  });
});
