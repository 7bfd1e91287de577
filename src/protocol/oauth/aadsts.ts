/**
 * The AADSTS codes mock Entra answers with: OAuth `error`, the runtime message (with parameters),
 * the public doc name and text, and provenance. The token endpoint, the OpenID configuration and
 * `hjsim explain` read this one catalogue.
 * @see [ERR]; learn.microsoft.com/entra/identity-platform/reference-error-codes
 */
import type { Provenance } from '../../core/provenance.ts';

export type OAuthErrorValue =
  | 'invalid_request'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'invalid_client'
  | 'unsupported_grant_type'
  | 'invalid_resource'
  | 'interaction_required'
  | 'temporarily_unavailable'
  | 'invalid_scope'
  /** Discovery documents (`.well-known/openid-configuration`) of an unknown tenant. */
  | 'invalid_tenant';

declare const AADSTS_BRAND: unique symbol;

/**
 * An AADSTS code (`50107`): only this catalogue makes one ({@link AADSTS}, or {@link parseAadsts} of
 * text read from outside), so a typo does not compile where a code is expected.
 */
export type AadstsCode = number & { readonly [AADSTS_BRAND]: true };

export interface AadstsEntry {
  readonly code: AadstsCode;
  /** The doc's symbolic name, e.g. `UserAccountNotInDirectory`. */
  readonly name: string;
  readonly error: OAuthErrorValue;
  /** Codes listed in `error_codes`, in order (500133 travels with 70002). */
  readonly errorCodes: readonly number[];
  /** The doc's description. */
  readonly doc: string;
  /** Builds the text after `AADSTSnnnn: ` (for compound codes, the whole text after the first prefix). */
  readonly message: (p: Readonly<Record<string, string>>) => string;
  readonly provenance: Provenance;
}

const ERR_DOC = 'learn.microsoft.com/entra/identity-platform/reference-error-codes (ERR)';

/** A row as written below: the code as a plain number, keyed by the doc's name. */
interface Row extends Omit<AadstsEntry, 'code' | 'errorCodes' | 'name'> {
  readonly code: number;
  readonly errorCodes?: readonly number[];
}

const ROWS = {
  UserAccountNotInDirectory: {
    code: 51004,
    error: 'invalid_grant',
    doc: "The user account doesn't exist in the directory.",
    message: (p) =>
      `The user account {EUII Hidden} does not exist in the ${p['tenant']} directory. To sign into this application, the account must be added to the directory.`,
    provenance: {
      source:
        'PING (PingOne hybrid join troubleshooting, "dsregcmd /join /debug failed" transcript)',
    },
  },
  UserAccountNotFound: {
    code: 50034,
    error: 'invalid_grant',
    doc: 'To sign into this application, the account must be added to the directory.',
    message: (p) =>
      `The user account {EmailHidden} does not exist in the ${p['tenant']} directory. To sign into this application, the account must be added to the directory.`,
    provenance: { source: `${ERR_DOC}; runtime text ERR` },
  },
  PKeyAuthInvalidJwtUnauthorized: {
    code: 50099,
    error: 'invalid_request',
    doc: 'The JWT signature is invalid.',
    message: () => 'The JWT signature is invalid.',
    provenance: { source: 'ERR (name and text)' },
  },
  InvalidRequestNonce: {
    code: 140000,
    error: 'invalid_request',
    doc: "Request nonce isn't provided.",
    message: () => "Request nonce isn't provided.",
    provenance: { source: 'ERR (name and text)' },
  },
  InvalidRealmUri: {
    code: 50107,
    error: 'invalid_request',
    doc: "The requested federation realm object doesn't exist. Contact the tenant admin.",
    message: (p) => `The requested federation realm object '${p['issuer']}' does not exist.`,
    provenance: {
      source: 'ERR (runtime text; mandiant/ADFSpoof#6 for the trailing-slash case)',
    },
  },
  InvalidSigningKey: {
    code: 5000811,
    error: 'invalid_request',
    doc: 'Unable to verify token signature. The signing key identifier does not match any valid registered keys.',
    message: () =>
      'Unable to verify token signature. The signing key identifier does not match any valid registered keys.',
    provenance: {
      source:
        'blog.rmilne.ca 2021-11-29 "Sign-In Error 5000811" (AD FS certificate rollover); OAuth `error` value modeled',
    },
  },
  InvalidSamlToken: {
    code: 50008,
    error: 'invalid_grant',
    doc: 'SAML assertion is missing or misconfigured in the token. Contact your federation provider.',
    message: (p) => p['detail'] ?? 'SAML token is invalid.',
    provenance: {
      modeled:
        'the code and the "Cannot read SecurityToken. Expected element is …" text are public (ERR, Azure-Samples/active-directory-dotnet-webapp-wsfederation#10); the choice of 50008 for unsigned / badly signed / wrapped assertions is DESIGN.md\'s (no public source says which code Entra gives; 50013\'s public text "Assertion failed signature validation" belongs to client assertions, AzureAD/…-dotnet#2604)',
    },
  },
  InvalidAssertion: {
    code: 50013,
    error: 'invalid_grant',
    doc: 'Assertion is invalid because of various reasons.',
    message: (p) =>
      `Assertion is invalid because of various reasons. ${p['detail'] ?? ''}`.trimEnd(),
    provenance: {
      modeled:
        'used for an audience restriction that does not name urn:federation:MicrosoftOnline, a missing or malformed NotBefore/NotOnOrAfter, NotBefore after NotOnOrAfter, a saml2-bearer assertion without an unexpired bearer SubjectConfirmation, and a device claim with several values; no public source shows the code Entra returns, 50013 is the doc\'s catch-all "invalid assertion" (expired, malformed)',
    },
  },
  AssertionNotWithinValidTimeRange: {
    code: 500133,
    error: 'invalid_grant',
    errorCodes: [70002, 500133],
    doc: "Assertion isn't within its valid time range.",
    // One era throughout: the 2018 answer, whose error_codes are [70002, 500133] and whose
    // description is this compound sentence; today's answer (MSGRAPH2551) carries [500133] alone
    // and adds "Ensure that … Current time: …, expiry time of assertion …" (7-digit fractions).
    message: () =>
      'Error validating credentials. AADSTS500133: Assertion is not within its valid time range.',
    provenance: {
      source:
        'AZD16399 (2018: error_codes [70002, 500133] and the description "AADSTS70002: Error validating credentials. AADSTS500133: Assertion is not within its valid time range."); ERR',
    },
  },
  SamlResponseTypeNotSupported: {
    code: 7500514,
    error: 'invalid_request',
    doc: 'A supported type of SAML response was not found.',
    message: () =>
      "A supported type of SAML response was not found. The supported response types are 'Response' (in XML namespace 'urn:oasis:names:tc:SAML:2.0:protocol') or 'Assertion' (in XML namespace 'urn:oasis:names:tc:SAML:2.0:assertion').",
    provenance: {
      source: `${ERR_DOC}; AzureAD/microsoft-authentication-library-for-dotnet#1871 (Ping token sent as saml2-bearer)`,
    },
  },
  SAML11AssertionMissingImmutableId: {
    code: 90020,
    error: 'invalid_grant',
    doc: 'The SAML 1.1 Assertion is missing ImmutableID of the user.',
    message: () => 'The SAML 1.1 Assertion is missing ImmutableID of the user.',
    provenance: { source: ERR_DOC },
  },
  MissingRequiredParameter: {
    code: 900144,
    error: 'invalid_request',
    doc: "The request body must contain the following parameter: '{name}'.",
    message: (p) => `The request body must contain the following parameter: '${p['name']}'.`,
    provenance: { source: ERR_DOC },
  },
  MissingRequiredField: {
    code: 90014,
    error: 'invalid_request',
    doc: "This error code might appear in various cases when an expected field isn't present in the credential.",
    message: (p) =>
      `The required field '${p['name']}' is missing from the credential. Ensure that you have all the necessary parameters for the login request.`,
    provenance: {
      source: `${ERR_DOC}; runtime sentence as Entra returns it for a v2.0 token request without 'scope' and a user realm request without 'api-version' (quoted in public MSAL test fixtures and AzureAD/microsoft-authentication-library-for-go ops/authority)`,
    },
  },
  InvalidTenantName: {
    code: 90002,
    error: 'invalid_request',
    doc: "The tenant name wasn't found in the data store.",
    message: (p) =>
      `Tenant '${p['tenant']}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    provenance: {
      source: `${ERR_DOC}; runtime sentence as Entra returns it for .well-known/openid-configuration of an unknown tenant (quoted verbatim in public Azure SDK issue logs, error "invalid_tenant")`,
    },
  },
  MissingTenantRealm: {
    code: 90019,
    error: 'invalid_request',
    doc: 'Microsoft Entra ID was unable to determine the tenant identifier from the request.',
    message: () =>
      'No tenant-identifying information found in either the request or implied by any provided credentials.',
    provenance: {
      modeled:
        "doc meaning public; the runtime sentence is the one Entra prints for AADSTS50059 on /common (AzureAD/microsoft-identity-web#462), reused here; when it applies (a /common request whose assertion names no issuer) is mock Entra's rule",
    },
  },
  InvalidTenantIdentifier: {
    code: 900023,
    error: 'invalid_request',
    doc: 'Specified tenant identifier is neither a valid DNS name, nor a valid external domain.',
    message: (p) =>
      `Specified tenant identifier '${p['tenant']}' is neither a valid DNS name, nor a valid external domain.`,
    provenance: {
      source:
        'microsoft/Analysis-Services#194 (runtime text for a tenant segment that is no GUID and no DNS name); symbolic name modeled',
    },
  },
  UnsupportedGrantType: {
    code: 70003,
    error: 'unsupported_grant_type',
    doc: 'The app returned an unsupported grant type.',
    message: (p) => `The app requested an unsupported grant type '${p['grantType']}'.`,
    provenance: { modeled: 'doc meaning public; runtime sentence modeled' },
  },
  InvalidResourceServicePrincipalNotFound: {
    code: 500011,
    error: 'invalid_resource',
    doc: "The resource principal named {name} wasn't found in the tenant named {tenant}.",
    message: (p) =>
      `The resource principal named ${p['resource']} was not found in the tenant named ${p['tenant']}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    provenance: {
      source: `${ERR_DOC} (text); modeled: which resources mock Entra knows (DRS and Microsoft Graph)`,
    },
  },
  BadResourceRequestInvalidRequest: {
    code: 900561,
    error: 'invalid_request',
    doc: 'The endpoint only accepts {valid_verbs} requests. Received a {invalid_verb} request.',
    message: (p) =>
      `The endpoint only accepts ${p['validVerbs']} requests. Received a ${p['verb']} request.`,
    provenance: { source: ERR_DOC },
  },
  InvalidReplyTo: {
    code: 50011,
    error: 'invalid_request',
    doc: "The reply address is missing, misconfigured, or doesn't match reply addresses configured for the app.",
    message: (p) =>
      `The redirect URI '${p['redirectUri']}' specified in the request does not match the redirect URIs configured for the application '${p['clientId']}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
    provenance: {
      source: `${ERR_DOC} (name, meaning); UNO180, CSSEX1550 (the runtime sentence, on the sign-in error page); OAuth \`error\` value modeled`,
    },
  },
  UnauthorizedClient_DoesNotMatchRequest: {
    code: 700016,
    error: 'unauthorized_client',
    doc: "The application wasn't found in the directory/tenant.",
    message: (p) =>
      `Application with identifier '${p['clientId']}' was not found in the directory '${p['tenant']}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    provenance: {
      source: `${ERR_DOC} (name, meaning); TEAMSCC267 (the runtime sentence, on the sign-in error page)`,
    },
  },
  InvalidMultipleResourcesScope: {
    code: 700022,
    error: 'invalid_scope',
    doc: "The provided value for the input parameter scope isn't valid because it contains more than one resource.",
    message: (p) =>
      `The provided value for the input parameter scope '${p['scope']}' is not valid because it contains more than one resource. Scope ${p['scope']} is not valid.`,
    provenance: {
      modeled: `${ERR_DOC} gives the name and meaning; the runtime sentence is modeled`,
    },
  },
  ResourceParameterNotSupported: {
    code: 901002,
    error: 'invalid_request',
    doc: "The 'resource' request parameter isn't supported.",
    message: () => "The 'resource' request parameter is not supported.",
    provenance: { source: `${ERR_DOC}; symbolic name modeled` },
  },
  UserStrongAuthClientAuthNRequired: {
    code: 50076,
    error: 'interaction_required',
    doc: 'Due to a configuration change made by your administrator, or because you moved to a new location, the user must use multifactor authentication to access the resource.',
    message: (p) =>
      `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${p['resource']}'.`,
    provenance: { source: 'ERR runtime text (interaction_required for the DRS resource)' },
  },
  UserStrongAuthEnrollmentRequired: {
    code: 50079,
    error: 'interaction_required',
    doc: 'Either a managed user needs to register security info to complete multifactor authentication, or a federated user needs to get the multifactor claim from the federated identity provider.',
    message: (p) =>
      `Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '${p['resource']}'.`,
    provenance: {
      modeled: `${ERR_DOC} gives the meaning (a federated user needs the multifactor claim from the IdP); the runtime sentence follows 50076's and is not quoted in a public source`,
    },
  },
  InvalidGrant: {
    code: 70000,
    error: 'invalid_grant',
    doc: "Authentication failed. The refresh token isn't valid.",
    message: () => 'Provided grant is invalid or malformed.',
    provenance: {
      modeled: `${ERR_DOC} gives 70000 InvalidGrant for a refresh token that is not valid; the runtime sentence is Entra's usual one for a malformed grant, not quoted for 70000 in a public source`,
    },
  },
  DeviceAuthenticationFailed: {
    code: 50155,
    error: 'invalid_grant',
    doc: 'Device authentication failed for this user.',
    message: () => 'Device authentication failed.',
    provenance: {
      source: `${ERR_DOC}; TSC (post-join: "AADSTS50155: Device authentication failed", the device is deleted or disabled in Entra); OAuth \`error\` value modeled`,
    },
  },
  InvalidUserNameOrPassword: {
    code: 50126,
    error: 'invalid_grant',
    doc: 'Error validating credentials due to invalid username or password.',
    message: () => 'Error validating credentials due to invalid username or password.',
    provenance: {
      source: `${ERR_DOC}; DSR (Attempt Status 0xc000006d, Server Error Code invalid_grant, "AADSTS50126: Error validating credentials due to invalid username or password.")`,
    },
  },
  DeviceDisabled: {
    code: 135011,
    error: 'invalid_grant',
    errorCodes: [70002, 135011],
    doc: 'Device used during the authentication is disabled.',
    message: () =>
      'Error validating credentials. AADSTS135011: Device used during the authentication is disabled.',
    provenance: {
      source: `${ERR_DOC} (text, no symbolic name: DeviceDisabled is modeled); the compound "AADSTS70002: Error validating credentials. AADSTS135011: …" as Microsoft's PRT troubleshooting article quotes the AAD Operational log; OAuth \`error\` value modeled`,
    },
  },
} satisfies Record<string, Row>;

/**
 * Codes Entra lists beside a catalogued one in `error_codes` without their own entry here
 * (AADSTS70002 travels with 500133).
 */
const COMPANIONS = {
  /** "Error validating credentials.", listed first in `error_codes` beside 500133 [AZD16399] and 135011. */
  InvalidClient: 70002,
} as const;

/** A catalogued name, e.g. `InvalidRealmUri`. */
export type AadstsName = keyof typeof ROWS | keyof typeof COMPANIONS;

/**
 * Every catalogued AADSTS code by its doc name: `AADSTS.InvalidRealmUri` is 50107. The way code
 * names a code (eslint refuses an AADSTS literal outside the catalogue).
 * @example
 * return { code: AADSTS.InvalidRealmUri, params: { issuer } };
 */
export const AADSTS: { readonly [K in AadstsName]: AadstsCode } = Object.freeze(
  Object.fromEntries([
    ...Object.entries(ROWS).map(([name, row]) => [name, row.code]),
    ...Object.entries(COMPANIONS),
  ]) as { [K in AadstsName]: AadstsCode },
);

const ENTRIES: readonly AadstsEntry[] = Object.entries(ROWS).map(
  ([name, row]: [string, Row]): AadstsEntry => ({
    ...row,
    name,
    code: row.code as AadstsCode,
    errorCodes: row.errorCodes ?? [row.code],
  }),
);

const BY_CODE: ReadonlyMap<number, AadstsEntry> = new Map(ENTRIES.map((e) => [e.code, e]));

export function aadstsEntry(code: number): AadstsEntry | undefined {
  return BY_CODE.get(code);
}

/** `AADSTS51004`, `aadsts51004` or `51004` → the code; undefined for anything else. */
export function parseAadsts(text: string): AadstsCode | undefined {
  const m = /^(?:AADSTS)?(\d{4,7})$/i.exec(text.trim());
  return m ? (Number(m[1]) as AadstsCode) : undefined;
}

/** `AADSTS50107`: a code as Entra's messages and the transcripts write it. */
export function aadstsLabel(code: AadstsCode): string {
  return `AADSTS${code}`;
}

/** Every catalogued code, in catalogue order (for `hjsim explain`). */
export function aadstsEntries(): readonly AadstsEntry[] {
  return ENTRIES;
}
