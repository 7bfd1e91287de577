/**
 * XML namespace and algorithm URIs shared by the SAML, WS-Trust and XML-DSig building blocks.
 * @see SAML 1.1 core (oasis-sstc-saml-core-1.1) §1.2; XML-DSig core §6; WS-Trust 2005 and 1.3
 */

/** Namespace URIs, keyed by their conventional prefix. */
export const NS = {
  xml: 'http://www.w3.org/XML/1998/namespace',
  xmlns: 'http://www.w3.org/2000/xmlns/',
  xs: 'http://www.w3.org/2001/XMLSchema',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  saml11: 'urn:oasis:names:tc:SAML:1.0:assertion',
  samlp11: 'urn:oasis:names:tc:SAML:1.0:protocol',
  saml2: 'urn:oasis:names:tc:SAML:2.0:assertion',
  samlp2: 'urn:oasis:names:tc:SAML:2.0:protocol',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  xenc: 'http://www.w3.org/2001/04/xmlenc#',
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  soap11: 'http://schemas.xmlsoap.org/soap/envelope/',
  soap12: 'http://www.w3.org/2003/05/soap-envelope',
  wsa: 'http://www.w3.org/2005/08/addressing',
  wsp: 'http://schemas.xmlsoap.org/ws/2004/09/policy',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
  wst2005: 'http://schemas.xmlsoap.org/ws/2005/02/trust',
  wst13: 'http://docs.oasis-open.org/ws-sx/ws-trust/200512',
} as const;

/** XML-DSig algorithm identifiers (the `Algorithm` attribute values). */
export const ALG = {
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  excC14nWithComments: 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  c14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  envelopedSignature: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaSha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
} as const;
