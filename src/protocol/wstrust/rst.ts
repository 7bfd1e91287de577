/**
 * WS-Trust RequestSecurityToken (Issue) envelopes: the windowstransport shapes dsreg sends for a
 * device, the usernamemixed shape MSAL/ADAL send for a user, and a reader for the mock IdP.
 * @see [DSRT] [MSALPY] [ADALN] (DSRegTool 2905-2907 envelopes; MSAL wstrust_request.py; ADAL RST2005.xml)
 */
import { SimError } from '../../core/errors.ts';
import {
  SOAP12_NS,
  WSA_2004_NS,
  WSA_ANONYMOUS,
  WSA_NS,
  WSP_NS,
  WSSE_NS,
  WSSE_PASSWORD_TEXT,
  WSTRUST,
  WSU_NS,
  wsTrustVersionOf,
  type WsTrustVersion,
} from './constants.ts';
import { childElements, firstChild, parseXml, textOf } from '../xml/parse-xml.ts';
import { childNamed, childPath, is, trimmedText, type Ns } from './dom.ts';
import { wsuTime } from './wsu-time.ts';
import { escapeText } from '../xml/escape-xml.ts';

export interface RstInput {
  version: WsTrustVersion;
  /** The STS endpoint address (`wsa:To`). */
  to: string;
  /** `urn:uuid:…` */
  messageId: string;
  /** The relying party, `urn:federation:MicrosoftOnline` for Entra. */
  appliesTo: string;
  /** Present: the usernamemixed variant. Absent: windowstransport (Kerberos/NTLM on HTTP). */
  username?: { username: string; password: string; created: Date; expires: Date };
}

export interface ParsedRst {
  version: WsTrustVersion;
  action: string;
  to?: string;
  messageId?: string;
  appliesTo?: string;
  requestType?: string;
  keyType?: string;
  tokenType?: string;
  username?: { username: string; password: string };
}

function securityHeader(
  u: NonNullable<RstInput['username']>,
  wsse: string,
  wsu: string,
  s: string,
): string {
  return (
    `<${wsse}:Security ${s}:mustUnderstand="1" xmlns:${wsse}="${WSSE_NS}">` +
    `<${wsu}:Timestamp ${wsu}:Id="_0">` +
    `<${wsu}:Created>${wsuTime(u.created, 'username.created')}</${wsu}:Created>` +
    `<${wsu}:Expires>${wsuTime(u.expires, 'username.expires')}</${wsu}:Expires>` +
    `</${wsu}:Timestamp>` +
    `<${wsse}:UsernameToken ${wsu}:Id="ADALUsernameToken">` +
    `<${wsse}:Username>${escapeText(u.username)}</${wsse}:Username>` +
    `<${wsse}:Password Type="${WSSE_PASSWORD_TEXT}">${escapeText(u.password)}</${wsse}:Password>` +
    `</${wsse}:UsernameToken>` +
    `</${wsse}:Security>`
  );
}

function build2005(input: RstInput): string {
  const v = WSTRUST['2005'];
  const security = input.username ? securityHeader(input.username, 'wsse', 'wsu', 's') : '';
  return (
    `<s:Envelope xmlns:s="${SOAP12_NS}" xmlns:wsse="${WSSE_NS}"` +
    ` xmlns:saml="urn:oasis:names:tc:SAML:1.0:assertion" xmlns:wsp="${WSP_NS}"` +
    ` xmlns:wsu="${WSU_NS}" xmlns:wsa="${WSA_NS}"` +
    ` xmlns:wssc="http://schemas.xmlsoap.org/ws/2005/02/sc" xmlns:wst="${v.ns}">` +
    `<s:Header>` +
    `<wsa:Action s:mustUnderstand="1">${v.rstIssueAction}</wsa:Action>` +
    `<wsa:To s:mustUnderstand="1">${escapeText(input.to)}</wsa:To>` +
    `<wsa:MessageID>${escapeText(input.messageId)}</wsa:MessageID>` +
    security +
    `</s:Header>` +
    `<s:Body>` +
    `<wst:RequestSecurityToken Id="RST0">` +
    `<wst:RequestType>${v.requestTypeIssue}</wst:RequestType>` +
    `<wsp:AppliesTo><wsa:EndpointReference><wsa:Address>${escapeText(input.appliesTo)}</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>` +
    `<wst:KeyType>${v.keyTypeBearer}</wst:KeyType>` +
    `</wst:RequestSecurityToken>` +
    `</s:Body>` +
    `</s:Envelope>`
  );
}

function build13(input: RstInput): string {
  const v = WSTRUST['1.3'];
  const security = input.username ? securityHeader(input.username, 'o', 'u', 's') : '';
  return (
    `<s:Envelope xmlns:s="${SOAP12_NS}" xmlns:a="${WSA_NS}" xmlns:u="${WSU_NS}">` +
    `<s:Header>` +
    `<a:Action s:mustUnderstand="1">${v.rstIssueAction}</a:Action>` +
    `<a:MessageID>${escapeText(input.messageId)}</a:MessageID>` +
    `<a:ReplyTo><a:Address>${WSA_ANONYMOUS}</a:Address></a:ReplyTo>` +
    `<a:To s:mustUnderstand="1">${escapeText(input.to)}</a:To>` +
    security +
    `</s:Header>` +
    `<s:Body>` +
    `<trust:RequestSecurityToken xmlns:trust="${v.ns}">` +
    `<wsp:AppliesTo xmlns:wsp="${WSP_NS}"><a:EndpointReference><a:Address>${escapeText(input.appliesTo)}</a:Address></a:EndpointReference></wsp:AppliesTo>` +
    `<trust:KeyType>${v.keyTypeBearer}</trust:KeyType>` +
    `<trust:RequestType>${v.requestTypeIssue}</trust:RequestType>` +
    `</trust:RequestSecurityToken>` +
    `</s:Body>` +
    `</s:Envelope>`
  );
}

/** Builds the RST envelope a client POSTs (Content-Type `application/soap+xml; charset=utf-8`). */
export function buildRst(input: RstInput): string {
  return input.version === '1.3' ? build13(input) : build2005(input);
}

const WSA: Ns = [WSA_NS, WSA_2004_NS];

function shape(message: string, where?: string): SimError {
  return new SimError('ERR_XML_SHAPE', `the RST ${message}`, where === undefined ? {} : { where });
}

/**
 * Reads an RST as an STS receives it. Throws SimError ERR_XML_DTD / ERR_XML_MALFORMED when the
 * body is not XML, ERR_XML_SHAPE when it is not a SOAP 1.2 envelope carrying an RST.
 */
export function parseRst(xml: string): ParsedRst {
  const root = parseXml(xml, 'the RST').documentElement!;
  if (!is(root, SOAP12_NS, 'Envelope')) {
    throw shape(
      `is not a SOAP 1.2 envelope: the root is {${root.namespaceURI ?? ''}}${root.localName}`,
      '/',
    );
  }
  const body = firstChild(root, SOAP12_NS, 'Body');
  if (body === undefined) throw shape('has no s:Body', '/s:Envelope');
  const rst = childElements(body).find(
    (el) =>
      el.localName === 'RequestSecurityToken' && wsTrustVersionOf(el.namespaceURI) !== undefined,
  );
  if (rst === undefined) {
    throw shape('body has no WS-Trust 1.3 or 2005 RequestSecurityToken', '/s:Envelope/s:Body');
  }
  const version = wsTrustVersionOf(rst.namespaceURI) as WsTrustVersion;
  const trust = rst.namespaceURI ?? '';

  const header = firstChild(root, SOAP12_NS, 'Header');
  const action = trimmedText(childNamed(header, WSA, 'Action'));
  if (action === undefined) throw shape('has no wsa:Action header', '/s:Envelope/s:Header');

  const out: ParsedRst = { version, action };
  const set = <K extends keyof ParsedRst>(key: K, value: ParsedRst[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set('to', trimmedText(childNamed(header, WSA, 'To')));
  set('messageId', trimmedText(childNamed(header, WSA, 'MessageID')));
  set(
    'appliesTo',
    trimmedText(
      childPath(rst, [
        [WSP_NS, 'AppliesTo'],
        [WSA, 'EndpointReference'],
        [WSA, 'Address'],
      ]),
    ),
  );
  set('requestType', trimmedText(firstChild(rst, trust, 'RequestType')));
  set('keyType', trimmedText(firstChild(rst, trust, 'KeyType')));
  set('tokenType', trimmedText(firstChild(rst, trust, 'TokenType')));

  const token = childPath(header, [
    [WSSE_NS, 'Security'],
    [WSSE_NS, 'UsernameToken'],
  ]);
  if (token !== undefined) {
    const username = firstChild(token, WSSE_NS, 'Username');
    const password = firstChild(token, WSSE_NS, 'Password');
    if (username === undefined || password === undefined) {
      throw shape('has a wsse:UsernameToken without Username or Password', '/s:Envelope/s:Header');
    }
    // Credentials are compared as sent: no trimming.
    out.username = { username: textOf(username), password: textOf(password) };
  }
  return out;
}
