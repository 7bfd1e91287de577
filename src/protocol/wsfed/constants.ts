/**
 * WS-Federation passive requestor names: the `wa` actions, the sign-in parameters, the metadata
 * namespaces, and the relying-party endpoint Entra receives sign-in responses at.
 * @see WS-Federation 1.2 (docs.oasis-open.org/wsfed/federation/v1.2) §13 (passive requestor
 *   parameters), §3.1 (metadata); [FEDSAML] [NWSFED] [AADI] (Entra: login.srf, urn:federation:MicrosoftOnline)
 */

export const WA = {
  signIn: 'wsignin1.0',
  signOut: 'wsignout1.0',
  signOutCleanup: 'wsignoutcleanup1.0',
} as const;

export type WsFedAction = (typeof WA)[keyof typeof WA];

/** `protocolSupportEnumeration` and the `fed:` prefix of federation metadata. */
export const WSFED_NS = 'http://docs.oasis-open.org/wsfed/federation/200706';
/** `auth:ClaimType` of `fed:ClaimTypesOffered`. */
export const WSFED_AUTH_NS = 'http://docs.oasis-open.org/wsfed/authorization/200706';
/** SAML 2.0 metadata: the `EntityDescriptor` every federation metadata document is. */
export const MD_NS = 'urn:oasis:names:tc:SAML:2.0:metadata';
/** WS-MetadataExchange, for the MEX reference inside `fed:SecurityTokenServiceEndpoint`. */
export const MEX_NS = 'http://schemas.xmlsoap.org/ws/2004/09/mex';
export const MEX_DIALECT_WSDL = 'http://schemas.xmlsoap.org/wsdl/';

/** Where Entra's passive sign-in receives the IdP's auto-posted form ([FEDSAML] [NWSFED] [AADI]). */
export const ENTRA_PASSIVE_ENDPOINT = 'https://login.microsoftonline.com/login.srf';
