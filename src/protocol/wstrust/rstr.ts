/**
 * WS-Trust RequestSecurityTokenResponse: the envelope an STS answers an RST with (1.3 wraps it
 * in a collection, 2005 does not), the client's reader that keeps the assertion byte-exact, and
 * the RSTR TokenType → OAuth grant mapping.
 * @see [MSALPY] [ADALN] [ROAD] [AADI] (MSAL wstrust_response.py, application.py; ADAL test/wstrust/RSTR13.xml)
 */
import { SimError } from '../../core/errors.ts';
import { childElements, firstChild, parseXml } from '../xml/parse-xml.ts';
import {
  SOAP12_NS,
  TOKEN_TYPE,
  WSA_NS,
  WSP_NS,
  WSSE_NS,
  WSTRUST,
  WSU_NS,
  wsTrustVersionOf,
  type WsTrustVersion,
} from './constants.ts';
import { selfAndDescendants, trimmedText } from './dom.ts';
import { readSoapFault } from './soap-fault.ts';
import { sourceOf } from './xml-source.ts';
import { wsuTime } from './wsu-time.ts';
import { escapeText } from '../xml/escape-xml.ts';

export interface RstrInput {
  version: WsTrustVersion;
  /** The signed assertion, inserted exactly as given. */
  assertionXml: string;
  tokenType: string;
  /** Token lifetime (`trust:Lifetime`); `created` also stamps the message timestamp. */
  created: Date;
  expires: Date;
  appliesTo: string;
  /** The RST's MessageID, echoed as `a:RelatesTo`. */
  relatesTo?: string;
}

/** How long the message's own wsu:Timestamp is valid; modeled: AD FS stamps responses for 5 minutes. */
const MESSAGE_TIMESTAMP_MS = 5 * 60_000;

/** AD FS spells the 1.3 prefix `trust:` and the 2005 one `t:`. */
const prefixOf = (version: WsTrustVersion) => (version === '1.3' ? 'trust' : 't');

const ENTITY: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};
const WSSE11_NS = 'http://docs.oasis-open.org/wss/oasis-wss-wssecurity-secext-1.1.xsd';

/**
 * `RequestedAttachedReference` and `RequestedUnattachedReference`: a SecurityTokenReference whose
 * KeyIdentifier names the assertion by its ID, as AD FS sends them after RequestedSecurityToken
 * ([ADALN] test/wstrust/RSTR.xml and RSTR2005.xml: `k:TokenType` `…#SAMLV1.1`, ValueType
 * `…saml-token-profile-1.0#SAMLAssertionID`). For a SAML 2.0 assertion the token profile 1.1
 * names `#SAMLV2.0` and `#SAMLID` (modeled: no captured AD FS RSTR carries a SAML 2.0 token).
 * Empty when the assertion has no ID.
 */
function tokenReferences(input: Omit<RstrInput, 'relatesTo'>): string {
  const saml2 =
    /^\s*<(?:[\w-]+:)?Assertion\b[^>]*\bxmlns(?::[\w-]+)?="urn:oasis:names:tc:SAML:2\.0:assertion"/.test(
      input.assertionXml,
    );
  const id = (saml2 ? /\sID="([^"]+)"/ : /\sAssertionID="([^"]+)"/).exec(
    input.assertionXml.slice(0, input.assertionXml.indexOf('>') + 1),
  )?.[1];
  if (id === undefined) return '';
  const idText = id.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITY[e] ?? '');
  const t = prefixOf(input.version);
  const tokenType = saml2 ? TOKEN_TYPE.saml2Profile : TOKEN_TYPE.saml11Profile;
  const valueType = saml2
    ? 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLID'
    : 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.0#SAMLAssertionID';
  // The 1.3 capture declares k after its TokenType attribute, the 2005 capture o first.
  const nsDecls =
    input.version === '1.3'
      ? `k:TokenType="${tokenType}" xmlns:k="${WSSE11_NS}" xmlns:o="${WSSE_NS}"`
      : `k:TokenType="${tokenType}" xmlns:o="${WSSE_NS}" xmlns:k="${WSSE11_NS}"`;
  const reference =
    `<o:SecurityTokenReference ${nsDecls}>` +
    `<o:KeyIdentifier ValueType="${valueType}">${escapeText(idText)}</o:KeyIdentifier>` +
    `</o:SecurityTokenReference>`;
  return (
    `<${t}:RequestedAttachedReference>${reference}</${t}:RequestedAttachedReference>` +
    `<${t}:RequestedUnattachedReference>${reference}</${t}:RequestedUnattachedReference>`
  );
}

/** The children of one RequestSecurityTokenResponse, in AD FS's order. */
function rstrChildren(input: Omit<RstrInput, 'relatesTo'>): string {
  const v = WSTRUST[input.version];
  const t = prefixOf(input.version);
  return (
    `<${t}:Lifetime>` +
    `<wsu:Created xmlns:wsu="${WSU_NS}">${wsuTime(input.created, 'created')}</wsu:Created>` +
    `<wsu:Expires xmlns:wsu="${WSU_NS}">${wsuTime(input.expires, 'expires')}</wsu:Expires>` +
    `</${t}:Lifetime>` +
    `<wsp:AppliesTo xmlns:wsp="${WSP_NS}">` +
    `<wsa:EndpointReference xmlns:wsa="${WSA_NS}"><wsa:Address>${escapeText(input.appliesTo)}</wsa:Address></wsa:EndpointReference>` +
    `</wsp:AppliesTo>` +
    `<${t}:RequestedSecurityToken>${input.assertionXml}</${t}:RequestedSecurityToken>` +
    tokenReferences(input) +
    `<${t}:TokenType>${escapeText(input.tokenType)}</${t}:TokenType>` +
    `<${t}:RequestType>${v.requestTypeIssue}</${t}:RequestType>` +
    `<${t}:KeyType>${v.keyTypeBearer}</${t}:KeyType>`
  );
}

/**
 * One RequestSecurityTokenResponse element with its namespace declared on itself: the 2005 SOAP
 * body, and the WS-Federation passive `wresult` ([FEDSAML] [NWSFED] [AADI]).
 */
export function buildRstrElement(input: Omit<RstrInput, 'relatesTo'>): string {
  const t = prefixOf(input.version);
  return (
    `<${t}:RequestSecurityTokenResponse xmlns:${t}="${WSTRUST[input.version].ns}">` +
    `${rstrChildren(input)}</${t}:RequestSecurityTokenResponse>`
  );
}

export function buildRstr(input: RstrInput): string {
  const v = WSTRUST[input.version];
  const created = wsuTime(input.created, 'created');
  const messageExpires = wsuTime(
    new Date(input.created.getTime() + MESSAGE_TIMESTAMP_MS),
    'created',
  );
  const t = prefixOf(input.version);
  const body =
    input.version === '1.3'
      ? `<${t}:RequestSecurityTokenResponseCollection xmlns:${t}="${v.ns}">` +
        `<${t}:RequestSecurityTokenResponse>${rstrChildren(input)}</${t}:RequestSecurityTokenResponse>` +
        `</${t}:RequestSecurityTokenResponseCollection>`
      : buildRstrElement(input);
  return (
    `<s:Envelope xmlns:s="${SOAP12_NS}" xmlns:a="${WSA_NS}" xmlns:u="${WSU_NS}">` +
    `<s:Header>` +
    `<a:Action s:mustUnderstand="1">${v.rstrIssueAction}</a:Action>` +
    (input.relatesTo === undefined
      ? ''
      : `<a:RelatesTo>${escapeText(input.relatesTo)}</a:RelatesTo>`) +
    `<o:Security s:mustUnderstand="1" xmlns:o="${WSSE_NS}">` +
    `<u:Timestamp u:Id="_0"><u:Created>${created}</u:Created><u:Expires>${messageExpires}</u:Expires></u:Timestamp>` +
    `</o:Security>` +
    `</s:Header>` +
    `<s:Body>${body}</s:Body>` +
    `</s:Envelope>`
  );
}

export type GrantKind = 'saml1_1-bearer' | 'saml2-bearer';

/**
 * The OAuth grant a client sends an RSTR's token with, from its TokenType; undefined for an
 * unknown or missing TokenType. Both spellings of each version map alike (MSAL Python does; the
 * .NET client once did not, see AzureAD/microsoft-authentication-library-for-dotnet#1871).
 */
export function grantTypeForTokenType(tokenType: string | undefined): GrantKind | undefined {
  switch (tokenType?.trim()) {
    case TOKEN_TYPE.saml11:
    case TOKEN_TYPE.saml11Profile:
      return 'saml1_1-bearer';
    case TOKEN_TYPE.saml2:
    case TOKEN_TYPE.saml2Profile:
      return 'saml2-bearer';
    default:
      return undefined;
  }
}

export type RstrParse =
  | { kind: 'token'; version: WsTrustVersion; tokenType: string | undefined; assertionXml: string }
  | { kind: 'fault'; code?: string; subcode?: string; reason?: string };

const WHAT = 'the RSTR';

/**
 * Reads an STS response as a client does. A SOAP fault → kind 'fault'; otherwise the first
 * RequestSecurityTokenResponse (either version, any prefix, enveloped or bare as in WS-Fed
 * `wresult`) whose RequestedSecurityToken holds an element. `assertionXml` is that element's
 * exact source text. Throws SimError ERR_XML_DTD / ERR_XML_MALFORMED when the text is not XML,
 * ERR_XML_SHAPE when no RequestedSecurityToken holds an assertion.
 */
export function parseRstr(xml: string): RstrParse {
  const root = parseXml(xml, WHAT).documentElement!;
  const fault = readSoapFault(root);
  if (fault !== undefined) return { kind: 'fault', ...fault };

  let rstrSeen = false;
  let requestedSeen = false;
  for (const el of selfAndDescendants(root)) {
    const version = wsTrustVersionOf(el.namespaceURI);
    if (version === undefined || el.localName !== 'RequestSecurityTokenResponse') continue;
    rstrSeen = true;
    const ns = el.namespaceURI ?? '';
    const requested = firstChild(el, ns, 'RequestedSecurityToken');
    if (requested === undefined) continue;
    requestedSeen = true;
    const assertion = childElements(requested)[0];
    if (assertion === undefined) continue;
    return {
      kind: 'token',
      version,
      tokenType: trimmedText(firstChild(el, ns, 'TokenType')),
      assertionXml: sourceOf(xml, root, assertion, WHAT),
    };
  }
  throw new SimError(
    'ERR_XML_SHAPE',
    !rstrSeen
      ? `${WHAT} has no WS-Trust 1.3 or 2005 RequestSecurityTokenResponse`
      : !requestedSeen
        ? `${WHAT} has no RequestedSecurityToken`
        : `${WHAT} has a RequestedSecurityToken without an assertion`,
  );
}
