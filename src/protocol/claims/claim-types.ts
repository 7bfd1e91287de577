/**
 * Claim-type URIs of the federated hybrid join, as SAML 1.1 AttributeNamespace / AttributeName
 * pairs, and the SAML 1.1 identifier URIs that go with them.
 * @see [HJM] [AADI] [DVRJ] [WIKI] (hybrid-join-manual.md "Set up issuance of claims"; AADInternals)
 */

export interface ClaimName {
  readonly namespace: string;
  readonly name: string;
}

/** The claims Entra reads from a federated device (and user) token. */
export const CLAIM = {
  /** `DJ` for a domain-joined computer (`User` for users under the issuerid rules). */
  accounttype: { namespace: 'http://schemas.microsoft.com/ws/2012/01', name: 'accounttype' },
  /** base64 of the computer's objectGUID bytes (Microsoft byte order). */
  onpremobjectguid: {
    namespace: 'http://schemas.microsoft.com/identity/claims',
    name: 'onpremobjectguid',
  },
  /** The computer's objectSid, string form `S-1-5-21-…-RID`. */
  primarysid: {
    namespace: 'http://schemas.microsoft.com/ws/2008/06/identity/claims',
    name: 'primarysid',
  },
  /** base64 objectGUID (= NameIdentifier); required for computers once users carry one. */
  ImmutableID: {
    namespace: 'http://schemas.microsoft.com/LiveID/Federation/2008/05',
    name: 'ImmutableID',
  },
  /** `http://<verified-domain>/adfs/services/trust/`; needed with more than one verified domain. */
  issuerid: {
    namespace: 'http://schemas.microsoft.com/ws/2008/06/identity/claims',
    name: 'issuerid',
  },
  /** The user's UPN (a device token carries the display name; Entra ignores it for devices). */
  UPN: { namespace: 'http://schemas.xmlsoap.org/claims', name: 'UPN' },
  insidecorporatenetwork: {
    namespace: 'http://schemas.microsoft.com/ws/2012/01',
    name: 'insidecorporatenetwork',
  },
  /** `http://schemas.microsoft.com/claims/multipleauthn` when the IdP did MFA. */
  authnmethodsreferences: {
    namespace: 'http://schemas.microsoft.com/claims',
    name: 'authnmethodsreferences',
  },
  /** AD FS input claims that the device rules match on (`-515` = Domain Computers). */
  groupsid: {
    namespace: 'http://schemas.microsoft.com/ws/2008/06/identity/claims',
    name: 'groupsid',
  },
  windowsaccountname: {
    namespace: 'http://schemas.microsoft.com/ws/2008/06/identity/claims',
    name: 'windowsaccountname',
  },
} as const satisfies Record<string, ClaimName>;

export type ClaimKey = keyof typeof CLAIM;

/**
 * The claim type Entra derives from an attribute: exactly `${namespace}/${name}`. No slash
 * normalisation: a namespace written with a trailing slash is a misconfiguration and yields a
 * different (unrecognised) type.
 */
export function claimType(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** The relying-party identifier (and SAML audience) of Microsoft Entra ID. */
export const AUDIENCE_MICROSOFT_ONLINE = 'urn:federation:MicrosoftOnline';

export const ACCOUNTTYPE_DOMAIN_JOINED = 'DJ';
export const ACCOUNTTYPE_USER = 'User';
export const MULTIPLE_AUTHN = 'http://schemas.microsoft.com/claims/multipleauthn';

export const NAMEID_UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';
export const NAMEID_EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
export const NAMEID_X509_SUBJECT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName';
export const NAMEID_WINDOWS =
  'urn:oasis:names:tc:SAML:1.1:nameid-format:WindowsDomainQualifiedName';

export const CONFIRMATION_BEARER = 'urn:oasis:names:tc:SAML:1.0:cm:bearer';

/** AuthenticationMethod AD FS writes after Windows (Kerberos/NTLM) authentication. */
export const AUTHN_METHOD_WINDOWS = 'urn:federation:authentication:windows';
export const AUTHN_METHOD_PASSWORD = 'urn:oasis:names:tc:SAML:1.0:am:password';
export const AUTHN_METHOD_UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.0:am:unspecified';
