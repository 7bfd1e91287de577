/**
 * A MEX document (WSDL `wsdl:definitions`) as an STS publishes it at its metadata exchange URL:
 * one policy, binding and port type per endpoint kind and WS-Trust version, one port per endpoint.
 * Breakage flags remove one piece everywhere, to model IdPs whose MEX clients cannot use.
 * @see [HJM] [MSALPY] [ADALN] [DSRT] [WINRT] (policy, binding and port shapes; Identity/Upn on windowstransport ports)
 */
import { WSA_NS, WSTRUST, WSU_NS, WSP_NS, type WsTrustVersion } from '../wstrust/constants.ts';
import { escapeXml } from '../wstrust/xml-text.ts';
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

export interface MexEndpoint {
  kind: 'windowstransport' | 'usernamemixed';
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
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  const children = node.children ?? [];
  if (children.length === 0) return `${pad}<${node.name}${attrs}/>`;
  const only = children[0];
  if (children.length === 1 && typeof only === 'string') {
    return `${pad}<${node.name}${attrs}>${escapeXml(only)}</${node.name}>`;
  }
  const inner = children.map((c) =>
    typeof c === 'string' ? `${pad}  ${escapeXml(c)}` : render(c, depth + 1),
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

type Kind = MexEndpoint['kind'];

const PORT_TYPE: Readonly<Record<WsTrustVersion, string>> = {
  '1.3': 'IWSTrust13',
  '2005': 'IWSTrustFeb2005',
};
const OPERATION: Readonly<Record<WsTrustVersion, string>> = {
  '1.3': 'Trust13Issue',
  '2005': 'Issue',
};

function bindingName(kind: Kind, version: WsTrustVersion): string {
  return `${kind === 'windowstransport' ? 'WindowsTransport' : 'UserNameMixed'}_${PORT_TYPE[version]}`;
}
const policyId = (kind: Kind, version: WsTrustVersion) => `${bindingName(kind, version)}_policy`;

function transportBinding(sp: string, includeTimestamp: boolean): Node {
  return nested(
    'sp:TransportBinding',
    { 'xmlns:sp': sp },
    nested(
      'sp:TransportToken',
      {},
      el('sp:HttpsToken', sp === SP2005_NS ? { RequireClientCertificate: 'false' } : {}),
    ),
    nested('sp:AlgorithmSuite', {}, el('sp:Basic256')),
    nested('sp:Layout', {}, el('sp:Strict')),
    ...(includeTimestamp ? [el('sp:IncludeTimestamp')] : []),
  );
}

function policy(kind: Kind, version: WsTrustVersion): Node {
  const sp = version === '1.3' ? SP_NS : SP2005_NS;
  const assertions: Node[] =
    kind === 'windowstransport'
      ? [
          el('http:NegotiateAuthentication', { 'xmlns:http': HTTP_POLICY_NS }),
          // AD FS publishes the 2005 SecurityPolicy TransportBinding under the IWA policy of both
          // versions, and MSAL's mex.py only recognises that form ([HJM] [MSALPY] [ADALN] [DSRT] [WINRT]).
          transportBinding(SP2005_NS, false),
        ]
      : [
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
        ];
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
      el('wsdl:part', { name: 'response', element: `${t}:${response}` }),
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

function distinct<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

export function buildMex(input: {
  endpoints: readonly MexEndpoint[];
  serviceName?: string;
  breakage?: MexBreakage;
}): string {
  const broken = input.breakage ?? {};
  const combos = distinct(input.endpoints.map((e) => `${e.kind}|${e.version}`)).map((key) => {
    const [kind, version] = key.split('|') as [Kind, WsTrustVersion];
    return { kind, version };
  });
  const versions = distinct(combos.map((c) => c.version));

  // Ports repeat their binding's name, numbered from the second one on (as WCF names them).
  const seen = new Map<string, number>();
  const ports = input.endpoints.map((e) => {
    const base = bindingName(e.kind, e.version);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return port(e, n === 0 ? base : `${base}${n}`, broken);
  });

  const definitions = el(
    'wsdl:definitions',
    {
      name: 'SecurityTokenService',
      targetNamespace: STS_TARGET_NS,
      'xmlns:wsdl': WSDL_NS,
      'xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
      'xmlns:tns': STS_TARGET_NS,
      'xmlns:soap12': SOAP12_WSDL_NS,
      'xmlns:wsa10': WSA_NS,
      'xmlns:wsaw': WSAW_NS,
      'xmlns:wsp': WSP_NS,
      'xmlns:wsu': WSU_NS,
      'xmlns:t': WSTRUST['2005'].ns,
      'xmlns:trust': WSTRUST['1.3'].ns,
    },
    ...combos.map((c) => policy(c.kind, c.version)),
    ...versions.flatMap(messagesAndPortType),
    ...combos.map((c) => binding(c.kind, c.version, broken)),
    el('wsdl:service', { name: input.serviceName ?? 'SecurityTokenService' }, ...ports),
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n${render(definitions, 0)}\n`;
}
