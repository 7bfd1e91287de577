/**
 * SOAP 1.2 faults as AD FS returns them to a failed RST (`a:Action …/soap/fault`, a WS-Trust
 * subcode such as `a:FailedAuthentication`, and a reason text), and a reader for the client.
 * @see https://www.w3.org/TR/soap12-part1/#soapfault; [DSRT] [MSALPY] [ADALN] (MSAL wstrust_response.py parse_error, DSRegTool 2915)
 */
import { SOAP12_NS, WSA_FAULT_ACTION, WSA_NS } from './constants.ts';
import { firstChild, parseXml } from '../xml/parse-xml.ts';
import { childNamed, childPath, is, trimmedText } from './dom.ts';
import { escapeAttribute, escapeText } from '../xml/escape-xml.ts';

export interface SoapFaultInput {
  code: 'Sender' | 'Receiver';
  /** A QName in `namespace`; `value` may carry its prefix (`a:FailedAuthentication`) or not. */
  subcode?: { namespace: string; value: string };
  reason: string;
  /** `xml:lang` of the reason text; default `en-US`. */
  lang?: string;
  /** `a:Action` header; default `http://www.w3.org/2005/08/addressing/soap/fault`. */
  action?: string;
}

/** What a fault said, each value as written on the wire (e.g. `s:Sender`, `a:FailedAuthentication`). */
export interface SoapFault {
  code?: string;
  subcode?: string;
  reason?: string;
}

function subcodeXml(subcode: NonNullable<SoapFaultInput['subcode']>): string {
  const colon = subcode.value.indexOf(':');
  const local = colon < 0 ? subcode.value : subcode.value.slice(colon + 1);
  // `s` is the envelope's prefix: redeclaring it on s:Value would move s:Value itself.
  const given = colon < 0 ? '' : subcode.value.slice(0, colon);
  const prefix = given === '' || given === 's' ? 'a' : given;
  return (
    `<s:Subcode><s:Value xmlns:${prefix}="${escapeAttribute(subcode.namespace)}">` +
    `${prefix}:${escapeText(local)}</s:Value></s:Subcode>`
  );
}

export function buildSoapFault(input: SoapFaultInput): string {
  return (
    `<s:Envelope xmlns:s="${SOAP12_NS}" xmlns:a="${WSA_NS}">` +
    `<s:Header><a:Action s:mustUnderstand="1">${escapeText(input.action ?? WSA_FAULT_ACTION)}</a:Action></s:Header>` +
    `<s:Body><s:Fault>` +
    `<s:Code><s:Value>s:${input.code}</s:Value>` +
    (input.subcode ? subcodeXml(input.subcode) : '') +
    `</s:Code>` +
    `<s:Reason><s:Text xml:lang="${escapeAttribute(input.lang ?? 'en-US')}">${escapeText(input.reason)}</s:Text></s:Reason>` +
    `</s:Fault></s:Body>` +
    `</s:Envelope>`
  );
}

/** The fault of a SOAP 1.2 envelope root, or undefined when its body holds no s:Fault. */
export function readSoapFault(root: Element): SoapFault | undefined {
  if (!is(root, SOAP12_NS, 'Envelope')) return undefined;
  const fault = childPath(root, [
    [SOAP12_NS, 'Body'],
    [SOAP12_NS, 'Fault'],
  ]);
  if (fault === undefined) return undefined;
  const out: SoapFault = {};
  const code = firstChild(fault, SOAP12_NS, 'Code');
  const value = trimmedText(childNamed(code, SOAP12_NS, 'Value'));
  const subcode = trimmedText(
    childPath(code, [
      [SOAP12_NS, 'Subcode'],
      [SOAP12_NS, 'Value'],
    ]),
  );
  const reason = trimmedText(
    childPath(fault, [
      [SOAP12_NS, 'Reason'],
      [SOAP12_NS, 'Text'],
    ]),
  );
  if (value !== undefined) out.code = value;
  if (subcode !== undefined) out.subcode = subcode;
  if (reason !== undefined) out.reason = reason;
  return out;
}

/**
 * Reads a SOAP 1.2 fault envelope; undefined when the XML is not one.
 * Throws SimError ERR_XML_DTD / ERR_XML_MALFORMED when the text is not XML.
 */
export function parseSoapFault(xml: string): SoapFault | undefined {
  return readSoapFault(parseXml(xml, 'the SOAP response').documentElement!);
}
