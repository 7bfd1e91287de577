/**
 * A MEX document (WSDL `wsdl:definitions`) as an STS publishes it at its metadata exchange URL:
 * one policy, binding and port type per endpoint kind and WS-Trust version, one port per endpoint.
 * Breakage flags remove one piece everywhere, to model IdPs whose MEX clients cannot use.
 * @see [HJM] [MSALPY] [ADALN] [DSRT] [WINRT] (policy, binding and port shapes; Identity/Upn on windowstransport ports)
 */
import { WSA_NS, WSTRUST, WSU_NS, WSP_NS, type WsTrustVersion } from '../wstrust/constants.ts';
import { escapeAttribute, escapeText } from '../xml/escape-xml.ts';
import {
  ADDRESSING_IDENTITY_NS,
  HTTP_POLICY_NS,
  SOAP12_WSDL_NS,
  SOAP_HTTP_TRANSPORT,
  SP2005_NS,
  SP_NS,
  STS_TARGET_NS,
  WSAW_NS,
  WSDL_NS,
} from './namespaces.ts';

/** The endpoint kinds AD FS publishes, by the last segment of their address. */
export type MexEndpointKind =
  | 'windowstransport'
  | 'usernamemixed'
  | 'certificatemixed'
  | 'kerberosmixed'
  | 'issuedtokenmixedasymmetricbasic256'
  | 'issuedtokenmixedsymmetricbasic256';

export interface MexEndpoint {
  kind: MexEndpointKind;
  version: WsTrustVersion;
  address: string;
  /** The STS service account UPN, published on windowstransport ports. */
  upn?: string;
}

/** Each flag removes that piece from every binding or port (ADAL logs a warning for each). */
export interface MexBreakage {
  /** `soap12:operation` without `soapAction` (0x8aa90028). */
  omitSoapAction?: boolean;
  /** `wsdl:port` without `binding` (0x8aa90026). */
  omitBinding?: boolean;
  /** `wsdl:port` without an address (0x8aa90024). */
  omitAddress?: boolean;
  /** `soap12:binding` without `transport` (0x8aa90027). */
  omitSoapTransport?: boolean;
  /** `wsp:PolicyReference` without `URI` (0x8aa9002a). */
  omitPolicyReferenceUri?: boolean;
  /** `wsdl:binding` without `name` (0x8aa90029). */
  omitBindingName?: boolean;
}

/** A tiny element tree, rendered with indentation; attributes set to undefined are left out. */
interface Node {
  name: string;
  attrs?: Readonly<Record<string, string | undefined>>;
  children?: readonly (Node | string)[];
}

function render(node: Node, depth: number): string {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(node.attrs ?? {})
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
    .join('');
  const children = node.children ?? [];
  if (children.length === 0) return `${pad}<${node.name}${attrs}/>`;
  const only = children[0];
  if (children.length === 1 && typeof only === 'string') {
    return `${pad}<${node.name}${attrs}>${escapeText(only)}</${node.name}>`;
  }
  const inner = children.map((c) =>
    typeof c === 'string' ? `${pad}  ${escapeText(c)}` : render(c, depth + 1),
  );
  return `${pad}<${node.name}${attrs}>\n${inner.join('\n')}\n${pad}</${node.name}>`;
}

const el = (name: string, attrs: Node['attrs'] = {}, ...children: (Node | string)[]): Node => ({
  name,
  attrs,
  children,
});

/** `wsp:Policy` nesting: the child assertions of a policy assertion. */
const nested = (name: string, attrs: Node['attrs'], ...children: Node[]): Node =>
  el(name, attrs, el('wsp:Policy', {}, ...children));

type Kind = MexEndpointKind;

/** WCF's port type and operation names, as AD FS publishes them ([MSALPY] tests/microsoft.mex.xml). */
const PORT_TYPE: Readonly<Record<WsTrustVersion, string>> = {
  '1.3': 'IWSTrust13Async',
  '2005': 'IWSTrustFeb2005Async',
};
const OPERATION: Readonly<Record<WsTrustVersion, string>> = {
  '1.3': 'Trust13IssueAsync',
  '2005': 'TrustFeb2005IssueAsync',
};

/**
 * The binding (and port) name of each endpoint, as AD FS names them: WCF numbers the second
 * binding of one class `…1`, and AD FS lists windowstransport first under WS-Trust 2005 but last
 * under 1.3, so `CustomBinding_IWSTrustFeb2005Async` is 2005 windowstransport while
 * `CustomBinding_IWSTrust13Async` is 1.3 kerberosmixed ([MSALPY] tests/microsoft.mex.xml).
 * modeled: the names stay fixed when an IdP publishes fewer endpoints (WCF would renumber).
 */
function bindingName(kind: Kind, version: WsTrustVersion): string {
  const pt = PORT_TYPE[version];
  switch (kind) {
    case 'windowstransport':
      return version === '2005' ? `CustomBinding_${pt}` : `CustomBinding_${pt}1`;
    case 'kerberosmixed':
      return version === '2005' ? `CustomBinding_${pt}1` : `CustomBinding_${pt}`;
    case 'certificatemixed':
      return `CertificateWSTrustBinding_${pt}`;
    case 'usernamemixed':
      return `UserNameWSTrustBinding_${pt}`;
    case 'issuedtokenmixedasymmetricbasic256':
      return `IssuedTokenWSTrustBinding_${pt}`;
    case 'issuedtokenmixedsymmetricbasic256':
      return `IssuedTokenWSTrustBinding_${pt}1`;
  }
}
const policyId = (kind: Kind, version: WsTrustVersion) => `${bindingName(kind, version)}_policy`;

const MSSP_NS = 'http://schemas.microsoft.com/ws/2005/07/securitypolicy';
const XMLENC = 'http://www.w3.org/2001/04/xmlenc';
const XMLDSIG = 'http://www.w3.org/2000/09/xmldsig';

function transportBinding(
  sp: string,
  includeTimestamp: boolean,
  suite: 'Basic256' | 'Basic128' = 'Basic256',
): Node {
  return nested(
    'sp:TransportBinding',
    { 'xmlns:sp': sp },
    nested(
      'sp:TransportToken',
      {},
      el('sp:HttpsToken', sp === SP2005_NS ? { RequireClientCertificate: 'false' } : {}),
    ),
    nested('sp:AlgorithmSuite', {}, el(`sp:${suite}`)),
    nested('sp:Layout', {}, el('sp:Strict')),
    ...(includeTimestamp ? [el('sp:IncludeTimestamp')] : []),
  );
}

/** `RequestSecurityTokenTemplate` of the two issued-token endpoints (public or symmetric key). */
function tokenTemplate(version: WsTrustVersion, symmetric: boolean): Node {
  const t = version === '1.3' ? 'trust' : 't';
  const keyType = `${WSTRUST[version].ns}/${symmetric ? 'SymmetricKey' : 'PublicKey'}`;
  return el(
    'sp:RequestSecurityTokenTemplate',
    {},
    el(`${t}:KeyType`, {}, keyType),
    ...(symmetric ? [el(`${t}:KeySize`, {}, '256')] : []),
    ...(version === '1.3' ? [el('trust:KeyWrapAlgorithm', {}, `${XMLENC}#rsa-oaep-mgf1p`)] : []),
    el(`${t}:EncryptWith`, {}, symmetric ? `${XMLENC}#aes256-cbc` : `${XMLENC}#rsa-oaep-mgf1p`),
    el(`${t}:SignatureAlgorithm`, {}, `${XMLDSIG}#${symmetric ? 'hmac-sha1' : 'rsa-sha1'}`),
    el(`${t}:CanonicalizationAlgorithm`, {}, 'http://www.w3.org/2001/10/xml-exc-c14n#'),
    el(`${t}:EncryptionAlgorithm`, {}, `${XMLENC}#aes256-cbc`),
  );
}

/** The token that endorses the message, per kind (none for windowstransport and usernamemixed). */
function endorsingToken(kind: Kind, version: WsTrustVersion, sp: string): Node[] {
  const include = (how: string) => ({ 'sp:IncludeToken': `${sp}/IncludeToken/${how}` });
  switch (kind) {
    case 'certificatemixed':
      return [
        nested(
          'sp:X509Token',
          include('AlwaysToRecipient'),
          el('sp:RequireThumbprintReference'),
          el('sp:WssX509V3Token10'),
        ),
      ];
    case 'kerberosmixed':
      return [nested('sp:KerberosToken', include('Once'), el('sp:WssGssKerberosV5ApReqToken11'))];
    case 'issuedtokenmixedasymmetricbasic256':
    case 'issuedtokenmixedsymmetricbasic256':
      return [
        el(
          'sp:IssuedToken',
          include('AlwaysToRecipient'),
          tokenTemplate(version, kind === 'issuedtokenmixedsymmetricbasic256'),
          el('wsp:Policy', {}, el('sp:RequireInternalReference')),
        ),
      ];
    default:
      return [];
  }
}

/**
 * The message-security assertions every mixed-mode AD FS endpoint carries after its transport
 * binding: the endorsing token with an optional client key (RsaToken under the 2005 draft,
 * KeyValueToken under 1.2) signing `wsa:To`, Wss11 and Trust10 / Trust13.
 */
function mixedAssertions(kind: Kind, version: WsTrustVersion, sp: string): Node[] {
  const optionalKey =
    version === '1.3'
      ? el('sp:KeyValueToken', {
          'sp:IncludeToken': `${sp}/IncludeToken/Never`,
          'wsp:Optional': 'true',
        })
      : el('mssp:RsaToken', {
          'sp:IncludeToken': `${sp}/IncludeToken/Never`,
          'wsp:Optional': 'true',
          'xmlns:mssp': MSSP_NS,
        });
  return [
    nested(
      'sp:EndorsingSupportingTokens',
      { 'xmlns:sp': sp },
      ...endorsingToken(kind, version, sp),
      optionalKey,
      el('sp:SignedParts', {}, el('sp:Header', { Name: 'To', Namespace: WSA_NS })),
    ),
    nested(
      'sp:Wss11',
      { 'xmlns:sp': sp },
      el('sp:MustSupportRefKeyIdentifier'),
      el('sp:MustSupportRefIssuerSerial'),
      el('sp:MustSupportRefThumbprint'),
      el('sp:MustSupportRefEncryptedKey'),
    ),
    nested(
      version === '1.3' ? 'sp:Trust13' : 'sp:Trust10',
      { 'xmlns:sp': sp },
      el('sp:MustSupportIssuedTokens'),
      el('sp:RequireClientEntropy'),
      el('sp:RequireServerEntropy'),
    ),
  ];
}

function policy(kind: Kind, version: WsTrustVersion): Node {
  const sp = version === '1.3' ? SP_NS : SP2005_NS;
  let assertions: Node[];
  if (kind === 'windowstransport') {
    assertions = [
      el('http:NegotiateAuthentication', { 'xmlns:http': HTTP_POLICY_NS }),
      // AD FS publishes the 2005 SecurityPolicy TransportBinding under the IWA policy of both
      // versions, and MSAL's mex.py only recognises that form ([MSALPY] tests/microsoft.mex.xml).
      transportBinding(SP2005_NS, false),
    ];
  } else if (kind === 'usernamemixed') {
    assertions = [
      transportBinding(sp, true),
      nested(
        version === '1.3' ? 'sp:SignedEncryptedSupportingTokens' : 'sp:SignedSupportingTokens',
        { 'xmlns:sp': sp },
        nested(
          'sp:UsernameToken',
          { 'sp:IncludeToken': `${sp}/IncludeToken/AlwaysToRecipient` },
          el('sp:WssUsernameToken10'),
        ),
      ),
      ...mixedAssertions(kind, version, sp),
    ];
  } else {
    assertions = [
      transportBinding(sp, true, kind === 'kerberosmixed' ? 'Basic128' : 'Basic256'),
      ...mixedAssertions(kind, version, sp),
    ];
  }
  return el(
    'wsp:Policy',
    { 'wsu:Id': policyId(kind, version) },
    el('wsp:ExactlyOne', {}, el('wsp:All', {}, ...assertions, el('wsaw:UsingAddressing'))),
  );
}

function messagesAndPortType(version: WsTrustVersion): Node[] {
  const v = WSTRUST[version];
  const t = version === '1.3' ? 'trust' : 't';
  const response =
    version === '1.3' ? 'RequestSecurityTokenResponseCollection' : 'RequestSecurityTokenResponse';
  const message = (io: 'Input' | 'Output') =>
    `${PORT_TYPE[version]}_${OPERATION[version]}_${io}Message`;
  return [
    el(
      'wsdl:message',
      { name: message('Input') },
      el('wsdl:part', { name: 'request', element: `${t}:RequestSecurityToken` }),
    ),
    el(
      'wsdl:message',
      { name: message('Output') },
      el('wsdl:part', { name: `${OPERATION[version]}Result`, element: `${t}:${response}` }),
    ),
    el(
      'wsdl:portType',
      { name: PORT_TYPE[version] },
      el(
        'wsdl:operation',
        { name: OPERATION[version] },
        el('wsdl:input', { 'wsaw:Action': v.rstIssueAction, message: `tns:${message('Input')}` }),
        el('wsdl:output', {
          'wsaw:Action': v.rstrIssueAction,
          message: `tns:${message('Output')}`,
        }),
      ),
    ),
  ];
}

function binding(kind: Kind, version: WsTrustVersion, broken: MexBreakage): Node {
  const literal = () => el('soap12:body', { use: 'literal' });
  return el(
    'wsdl:binding',
    {
      name: broken.omitBindingName ? undefined : bindingName(kind, version),
      type: `tns:${PORT_TYPE[version]}`,
    },
    el('wsp:PolicyReference', {
      URI: broken.omitPolicyReferenceUri ? undefined : `#${policyId(kind, version)}`,
    }),
    el('soap12:binding', { transport: broken.omitSoapTransport ? undefined : SOAP_HTTP_TRANSPORT }),
    el(
      'wsdl:operation',
      { name: OPERATION[version] },
      el('soap12:operation', {
        soapAction: broken.omitSoapAction ? undefined : WSTRUST[version].rstIssueAction,
        style: 'document',
      }),
      el('wsdl:input', {}, literal()),
      el('wsdl:output', {}, literal()),
    ),
  );
}

function port(endpoint: MexEndpoint, name: string, broken: MexBreakage): Node {
  const identity =
    endpoint.kind === 'windowstransport' && endpoint.upn !== undefined
      ? [el('Identity', { xmlns: ADDRESSING_IDENTITY_NS }, el('Upn', {}, endpoint.upn))]
      : [];
  const reference: Node[] = [
    ...(broken.omitAddress ? [] : [el('wsa10:Address', {}, endpoint.address)]),
    ...identity,
  ];
  return el(
    'wsdl:port',
    {
      name,
      binding: broken.omitBinding
        ? undefined
        : `tns:${bindingName(endpoint.kind, endpoint.version)}`,
    },
    ...(broken.omitAddress ? [] : [el('soap12:address', { location: endpoint.address })]),
    ...(reference.length > 0 ? [el('wsa10:EndpointReference', {}, ...reference)] : []),
  );
}

const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

/** The schemas of the messages, imported from the MEX URL itself (WCF's `?xsd=xsdN`). */
function types(mexUrl: string): Node {
  const schemas = ['http://schemas.microsoft.com/Message', WSTRUST['2005'].ns, WSTRUST['1.3'].ns];
  return el(
    'wsdl:types',
    {},
    el(
      'xsd:schema',
      { targetNamespace: `${STS_TARGET_NS}/Imports` },
      ...schemas.map((namespace, i) =>
        el('xsd:import', { schemaLocation: `${mexUrl}?xsd=xsd${i}`, namespace }),
      ),
    ),
  );
}

function distinct<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

export function buildMex(input: {
  endpoints: readonly MexEndpoint[];
  serviceName?: string;
  breakage?: MexBreakage;
  /** The document's own URL: `wsdl:types` imports its three schemas from `<url>?xsd=xsd0..2`. */
  mexUrl?: string;
}): string {
  const broken = input.breakage ?? {};
  const combos = distinct(input.endpoints.map((e) => `${e.kind}|${e.version}`)).map((key) => {
    const [kind, version] = key.split('|') as [Kind, WsTrustVersion];
    return { kind, version };
  });
  const versions = distinct(combos.map((c) => c.version));

  // Ports repeat their binding's name; a second port on one binding (modeled) gets `_1`.
  const seen = new Map<string, number>();
  const ports = input.endpoints.map((e) => {
    const base = bindingName(e.kind, e.version);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return port(e, n === 0 ? base : `${base}_${n}`, broken);
  });

  const definitions = el(
    'wsdl:definitions',
    {
      name: 'SecurityTokenService',
      targetNamespace: STS_TARGET_NS,
      // The prefixes AD FS declares, in its order ([MSALPY] tests/microsoft.mex.xml).
      'xmlns:wsdl': WSDL_NS,
      'xmlns:xsd': XSD_NS,
      'xmlns:t': WSTRUST['2005'].ns,
      'xmlns:soapenc': 'http://schemas.xmlsoap.org/soap/encoding/',
      'xmlns:soap': 'http://schemas.xmlsoap.org/wsdl/soap/',
      'xmlns:tns': STS_TARGET_NS,
      'xmlns:msc': 'http://schemas.microsoft.com/ws/2005/12/wsdl/contract',
      'xmlns:wsam': 'http://www.w3.org/2007/05/addressing/metadata',
      'xmlns:soap12': SOAP12_WSDL_NS,
      'xmlns:wsa10': WSA_NS,
      'xmlns:wsa': 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
      'xmlns:wsaw': WSAW_NS,
      'xmlns:wsx': 'http://schemas.xmlsoap.org/ws/2004/09/mex',
      'xmlns:wsap': 'http://schemas.xmlsoap.org/ws/2004/08/addressing/policy',
      'xmlns:wsu': WSU_NS,
      'xmlns:trust': WSTRUST['1.3'].ns,
      'xmlns:wsp': WSP_NS,
    },
    ...combos.map((c) => policy(c.kind, c.version)),
    ...(input.mexUrl === undefined ? [] : [types(input.mexUrl)]),
    ...versions.flatMap(messagesAndPortType),
    ...combos.map((c) => binding(c.kind, c.version, broken)),
    el('wsdl:service', { name: input.serviceName ?? 'SecurityTokenService' }, ...ports),
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n${render(definitions, 0)}\n`;
}
