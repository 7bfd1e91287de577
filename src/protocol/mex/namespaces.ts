/**
 * Namespaces and URIs of a WS-MetadataExchange document: WSDL 1.1 with its SOAP 1.2 binding,
 * WS-Policy, WS-SecurityPolicy (2005 draft and 1.2), and the Microsoft HTTP policy and
 * addressing-identity names AD FS publishes.
 * @see [HJM] [MSALPY] [ADALN] [DSRT] [WINRT] (MSAL Python mex.py, ADAL node mex.js, MSAL tests/microsoft.mex.xml)
 */

export const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
export const SOAP12_WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/soap12/';
/** The only `soap12:binding/@transport` a client accepts. */
export const SOAP_HTTP_TRANSPORT = 'http://schemas.xmlsoap.org/soap/http';
/** `http:NegotiateAuthentication`: the Windows integrated authentication marker. */
export const HTTP_POLICY_NS = 'http://schemas.microsoft.com/ws/06/2004/policy/http';
/** WS-SecurityPolicy 1.2 (`sp:`), used with WS-Trust 1.3. */
export const SP_NS = 'http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702';
/** WS-SecurityPolicy 2005/07 draft (`sp2005:`), used with WS-Trust 2005. */
export const SP2005_NS = 'http://schemas.xmlsoap.org/ws/2005/07/securitypolicy';
export const WSAW_NS = 'http://www.w3.org/2006/05/addressing/wsdl';
export const ADDRESSING_IDENTITY_NS = 'http://schemas.xmlsoap.org/ws/2006/02/addressingidentity';
/** `tns:` of a WIF/AD FS security token service WSDL. */
export const STS_TARGET_NS =
  'http://schemas.microsoft.com/ws/2008/06/identity/securitytokenservice';
