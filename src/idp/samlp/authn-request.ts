/**
 * Reads the SAML 2.0 AuthnRequest a relying party sends to a SAML-P IdP: HTTP-Redirect
 * (`SAMLRequest` deflated, base64, in the query) or HTTP-POST (base64 in a form), strictly parsed.
 * @see SAML 2.0 Bindings §3.4.4.1 (DEFLATE encoding), §3.5.4 (POST); SAML 2.0 Core §3.4.1
 *   (AuthnRequest: ID, Version, IssueInstant, AssertionConsumerServiceURL, Issuer)
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { SimError } from '../../core/errors.ts';
import { NS } from '../../protocol/xml/namespaces.ts';
import { attributeOf, firstChild, parseXml, textOf } from '../../protocol/xml/parse-xml.ts';

export interface AuthnRequest {
  readonly id: string;
  readonly issuer: string;
  readonly issueInstant: string;
  readonly destination?: string;
  readonly assertionConsumerServiceUrl?: string;
  readonly relayState?: string;
}

const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** Limit for the inflated request: AuthnRequests are a few hundred bytes. */
const MAX_INFLATED = 64 * 1024;

function bad(message: string, hint: string): SimError {
  return new SimError('ERR_SAMLP_REQUEST', message, { where: 'SAMLRequest', hint });
}

function decode(raw: string, binding: 'redirect' | 'post'): string {
  const b64 = raw.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length === 0) {
    throw bad('SAMLRequest is not base64', 'send the request base64-encoded');
  }
  const bytes = Buffer.from(b64, 'base64');
  if (binding === 'post') return bytes.toString('utf8');
  try {
    return inflateRawSync(bytes, { maxOutputLength: MAX_INFLATED }).toString('utf8');
  } catch (cause) {
    throw new SimError('ERR_SAMLP_REQUEST', 'SAMLRequest is not DEFLATE-compressed', {
      cause,
      where: 'SAMLRequest',
      hint: 'the HTTP-Redirect binding deflates the request before base64 (SAML Bindings §3.4.4.1)',
    });
  }
}

/**
 * Reads `SAMLRequest` (and `RelayState`). Throws SimError `ERR_SAMLP_REQUEST` when the parameter
 * is missing or not an AuthnRequest, `ERR_XML_*` when it is not XML.
 */
export function readAuthnRequest(
  params: URLSearchParams,
  binding: 'redirect' | 'post',
): AuthnRequest {
  const raw = params.get('SAMLRequest');
  if (raw === null) throw bad('the request has no SAMLRequest', 'send an AuthnRequest');
  const root = parseXml(decode(raw, binding), 'the SAML AuthnRequest').documentElement!;
  if (root.namespaceURI !== NS.samlp2 || root.localName !== 'AuthnRequest') {
    throw bad(
      `SAMLRequest is a {${root.namespaceURI ?? ''}}${root.localName}, not a samlp:AuthnRequest`,
      'only sign-in (AuthnRequest) is served here',
    );
  }
  const id = attributeOf(root, 'ID');
  if (id === undefined || !NCNAME.test(id)) {
    throw bad('the AuthnRequest has no ID (an NCName)', 'set ID="_<guid>"');
  }
  if (attributeOf(root, 'Version') !== '2.0') {
    throw bad('the AuthnRequest Version is not 2.0', 'set Version="2.0"');
  }
  const issueInstant = attributeOf(root, 'IssueInstant');
  if (issueInstant === undefined) throw bad('the AuthnRequest has no IssueInstant', 'set it');
  const issuerEl = firstChild(root, NS.saml2, 'Issuer');
  const issuer = issuerEl === undefined ? '' : textOf(issuerEl).trim();
  if (issuer === '') throw bad('the AuthnRequest has no saml:Issuer', 'name the relying party');
  const out: { -readonly [K in keyof AuthnRequest]: AuthnRequest[K] } = {
    id,
    issuer,
    issueInstant,
  };
  const destination = attributeOf(root, 'Destination');
  const acs = attributeOf(root, 'AssertionConsumerServiceURL');
  const relayState = params.get('RelayState');
  if (destination !== undefined) out.destination = destination;
  if (acs !== undefined) out.assertionConsumerServiceUrl = acs;
  if (relayState !== null) out.relayState = relayState;
  return out;
}

/** `SAMLRequest` for the HTTP-Redirect binding (for relying parties and tests). */
export function encodeRedirectRequest(xml: string): string {
  return deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64');
}
