/**
 * The down-level device registration message: a WS-Trust 1.3 RequestSecurityToken to DRS's
 * `DeviceEnrollmentWebService.svc` carrying the user's access token, a PKCS#10 request for the
 * device certificate and the device's description; the answer is a RequestSecurityTokenResponse
 * collection with the issued certificate, or a SOAP fault.
 * @see [DSRT] [HBS] [DVRD] [TSC] (discovery's `DeviceRegistrationService.RegistrationEndpoint`
 *   = `…/EnrollmentServer/DeviceEnrollmentWebService.svc`); [MS-MDE2] §3.4 and [MS-WSTEP] (the public
 *   WS-Trust X.509v3 enrollment profile for that endpoint name: Action `…/enrollment/RST/wstep`,
 *   `wsse:BinarySecurityToken` with ValueType `…#PKCS10`, `ac:AdditionalContext` items, RSTRC with
 *   `wsse:BinarySecurityToken` holding the certificate)
 * modeled: [MS-DVRE] (the Device Registration Enrollment Protocol itself) is not among our sources;
 *   the token ValueType `urn:ietf:params:oauth:token-type:jwt`, the TokenType and the context item
 *   names (DeviceType, ApplicationVersion, DeviceDisplayName, OSVersion, RegisteringUser) follow
 *   [MS-MDE2]'s shape, not a captured down-level request.
 */
import { SimError } from '../../core/errors.ts';
import { childElements, firstChild, parseXml, textOf } from '../xml/parse-xml.ts';
import { NS } from '../xml/namespaces.ts';
import { escapeAttribute, escapeText } from '../xml/escape-xml.ts';

export const ENROLLMENT_RST_ACTION =
  'http://schemas.microsoft.com/windows/pki/2009/01/enrollment/RST/wstep';
export const ENROLLMENT_RSTRC_ACTION =
  'http://schemas.microsoft.com/windows/pki/2009/01/enrollment/RSTRC/wstep';
export const DEVICE_ENROLLMENT_TOKEN =
  'http://schemas.microsoft.com/5.0.0.0/ConfigurationManager/Enrollment/DeviceEnrollmentToken';
export const PKCS10_VALUE_TYPE =
  'http://schemas.microsoft.com/windows/pki/2009/01/enrollment#PKCS10';
export const X509V3_VALUE_TYPE =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3';
export const JWT_VALUE_TYPE = 'urn:ietf:params:oauth:token-type:jwt';
export const BASE64_ENCODING =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd#base64binary';
export const AC_NS = 'http://schemas.xmlsoap.org/ws/2006/12/authorization';

export interface EnrollmentRequest {
  readonly to: string;
  readonly messageId: string;
  readonly accessToken: string;
  readonly csrDer: Buffer;
  readonly context: Readonly<Record<string, string>>;
}

export function buildEnrollmentRequest(r: EnrollmentRequest): string {
  const items = Object.entries(r.context)
    .map(
      ([name, value]) =>
        `<ac:ContextItem Name="${escapeAttribute(name)}"><ac:Value>${escapeText(value)}</ac:Value></ac:ContextItem>`,
    )
    .join('');
  return (
    `<s:Envelope xmlns:s="${NS.soap12}" xmlns:a="${NS.wsa}" xmlns:wsse="${NS.wsse}" xmlns:wst="${NS.wst13}" xmlns:ac="${AC_NS}">` +
    `<s:Header><a:Action s:mustUnderstand="1">${ENROLLMENT_RST_ACTION}</a:Action>` +
    `<a:MessageID>${escapeText(r.messageId)}</a:MessageID>` +
    `<a:To s:mustUnderstand="1">${escapeText(r.to)}</a:To>` +
    `<wsse:Security s:mustUnderstand="1"><wsse:BinarySecurityToken ValueType="${JWT_VALUE_TYPE}" EncodingType="${BASE64_ENCODING}">` +
    `${Buffer.from(r.accessToken, 'utf8').toString('base64')}</wsse:BinarySecurityToken></wsse:Security></s:Header>` +
    `<s:Body><wst:RequestSecurityToken><wst:TokenType>${DEVICE_ENROLLMENT_TOKEN}</wst:TokenType>` +
    `<wst:RequestType>${NS.wst13}/Issue</wst:RequestType>` +
    `<wsse:BinarySecurityToken ValueType="${PKCS10_VALUE_TYPE}" EncodingType="${BASE64_ENCODING}">${r.csrDer.toString('base64')}</wsse:BinarySecurityToken>` +
    `<ac:AdditionalContext>${items}</ac:AdditionalContext>` +
    `</wst:RequestSecurityToken></s:Body></s:Envelope>`
  );
}

export interface ParsedEnrollmentRequest {
  readonly messageId: string | undefined;
  readonly accessToken: string | undefined;
  readonly csrDer: Buffer;
  readonly context: Readonly<Record<string, string>>;
}

function shape(message: string): SimError {
  return new SimError('ERR_XML_SHAPE', `the enrollment request ${message}`);
}

/** Reads a request as DRS does. Throws SimError (ERR_XML_*) when it is not one. */
export function parseEnrollmentRequest(xml: string): ParsedEnrollmentRequest {
  const root = parseXml(xml, 'the enrollment request').documentElement!;
  if (root.namespaceURI !== NS.soap12 || root.localName !== 'Envelope')
    throw shape('is not a SOAP 1.2 envelope');
  const header = firstChild(root, NS.soap12, 'Header');
  const body = firstChild(root, NS.soap12, 'Body');
  const security = header && firstChild(header, NS.wsse, 'Security');
  const tokenEl = security
    ? childElements(security, NS.wsse, 'BinarySecurityToken').find(
        (e) => e.getAttribute('ValueType') === JWT_VALUE_TYPE,
      )
    : undefined;
  const rst = body && firstChild(body, NS.wst13, 'RequestSecurityToken');
  if (!rst) throw shape('has no wst:RequestSecurityToken in its body');
  const tokenType = firstChild(rst, NS.wst13, 'TokenType');
  if (!tokenType || textOf(tokenType).trim() !== DEVICE_ENROLLMENT_TOKEN)
    throw shape(`does not ask for the TokenType ${DEVICE_ENROLLMENT_TOKEN}`);
  const csrEl = childElements(rst, NS.wsse, 'BinarySecurityToken').find(
    (e) => e.getAttribute('ValueType') === PKCS10_VALUE_TYPE,
  );
  if (!csrEl) throw shape('has no PKCS#10 BinarySecurityToken');
  const csrText = textOf(csrEl).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+=*$/.test(csrText))
    throw shape('carries a PKCS#10 request that is not base64');
  const context: Record<string, string> = {};
  const ac = firstChild(rst, AC_NS, 'AdditionalContext');
  for (const item of ac ? childElements(ac, AC_NS, 'ContextItem') : []) {
    const name = item.getAttribute('Name');
    const value = firstChild(item, AC_NS, 'Value');
    if (name) context[name] = value ? textOf(value) : '';
  }
  const tokenText = tokenEl ? textOf(tokenEl).replace(/\s+/g, '') : undefined;
  const messageId = header && firstChild(header, NS.wsa, 'MessageID');
  return {
    messageId: messageId ? textOf(messageId).trim() : undefined,
    accessToken: tokenText ? Buffer.from(tokenText, 'base64').toString('utf8') : undefined,
    csrDer: Buffer.from(csrText, 'base64'),
    context,
  };
}

export function buildEnrollmentResponse(i: { certificateDer: Buffer; relatesTo: string }): string {
  return (
    `<s:Envelope xmlns:s="${NS.soap12}" xmlns:a="${NS.wsa}" xmlns:wsse="${NS.wsse}" xmlns:wst="${NS.wst13}">` +
    `<s:Header><a:Action s:mustUnderstand="1">${ENROLLMENT_RSTRC_ACTION}</a:Action>` +
    `<a:RelatesTo>${escapeText(i.relatesTo)}</a:RelatesTo></s:Header>` +
    `<s:Body><wst:RequestSecurityTokenResponseCollection><wst:RequestSecurityTokenResponse>` +
    `<wst:TokenType>${DEVICE_ENROLLMENT_TOKEN}</wst:TokenType>` +
    `<wst:RequestedSecurityToken><wsse:BinarySecurityToken ValueType="${X509V3_VALUE_TYPE}" EncodingType="${BASE64_ENCODING}">` +
    `${i.certificateDer.toString('base64')}</wsse:BinarySecurityToken></wst:RequestedSecurityToken>` +
    `</wst:RequestSecurityTokenResponse></wst:RequestSecurityTokenResponseCollection></s:Body></s:Envelope>`
  );
}

/** The certificate (DER) of a success response; undefined when the response holds none. */
export function readEnrollmentCertificate(xml: string): Buffer | undefined {
  let root: Element;
  try {
    root = parseXml(xml, 'the enrollment response').documentElement!;
  } catch {
    return undefined;
  }
  const body = firstChild(root, NS.soap12, 'Body');
  const coll = body && firstChild(body, NS.wst13, 'RequestSecurityTokenResponseCollection');
  const rstr = coll && firstChild(coll, NS.wst13, 'RequestSecurityTokenResponse');
  const requested = rstr && firstChild(rstr, NS.wst13, 'RequestedSecurityToken');
  const bst = requested && firstChild(requested, NS.wsse, 'BinarySecurityToken');
  const text = bst ? textOf(bst).replace(/\s+/g, '') : '';
  return /^[A-Za-z0-9+/]+=*$/.test(text) ? Buffer.from(text, 'base64') : undefined;
}
