/**
 * The conformance plan of `hjsim conform`: every check an IdP's federated hybrid join must pass,
 * in the order the flow meets them — the domain's federation settings, the MEX Windows fetches,
 * the WS-Trust exchange, the SAML assertion as a strict relying party reads it, the device claims
 * — and last, mock Entra's own token checks on the same token. Each check has its id, what it
 * asks, what Windows shows when it fails, the diagnose cause that names the fix, the mock Entra
 * token check (TOKEN_CHECKS) that refuses the same fault, and the provenance of the rule; a check
 * that can end in WARNING says why that is only a warning.
 * The list is the policy: the runner (run-conformance.ts) judges each id, the reporters print them
 * in this order.
 * @see [TSC] [MSALPY] [ADALN] [AADI] [DSRT] [HJM] [WINRT] [ROAD] [WIKI] [DVRJ] [ERR] [MAN]; DESIGN.md failure catalogue;
 *   docs/decisions/0011-external-idp-and-conform.md
 */
import { SimError } from '../../core/errors.ts';
import type { Provenance } from '../../core/provenance.ts';
import { HR, hresultLabel } from '../../protocol/hresult/catalog.ts';
import { AADSTS, type AadstsCode } from '../../protocol/oauth/aadsts.ts';

export type CheckId =
  | 'federation.protocol'
  | 'federation.metadata-exchange-uri'
  | 'federation.rollover'
  | 'mex.fetch'
  | 'mex.windowstransport'
  | 'mex.usernamemixed'
  | 'mex.warnings'
  | 'wstrust.rst'
  | 'wstrust.token-type'
  | 'saml.assertion'
  | 'saml.signature'
  | 'saml.signing-certificate'
  | 'saml.issuer'
  | 'saml.audience'
  | 'saml.validity'
  | 'saml.subject'
  | 'claims.accounttype'
  | 'claims.onpremobjectguid'
  | 'claims.primarysid'
  | 'claims.immutableid'
  | 'entra.verdict';

/** A mock Entra token check (TOKEN_CHECKS name) and the AADSTS codes it refuses this fault with. */
export interface EntraRefusal {
  readonly check: string;
  readonly codes: readonly AadstsCode[];
}

export interface ConformCheck {
  readonly id: CheckId;
  readonly title: string;
  /** What Windows shows when the check fails (AADSTS, HRESULT), as the report prints it. */
  readonly symptom: string;
  /** The `hjsim diagnose` cause whose fix the report quotes (src/protocol/causes/causes.ts). */
  readonly cause?: string;
  /** Where mock Entra's pipeline refuses a token that fails this check (entra.verdict's prediction). */
  readonly entra?: readonly EntraRefusal[];
  /** Why a WARNING from this check is not a failure: what Windows tolerates, and the risk. */
  readonly warning?: string;
  readonly provenance: Provenance;
}

const DEVICE_CLAIMS: readonly EntraRefusal[] = [
  { check: 'device claims', codes: [AADSTS.UserAccountNotInDirectory] },
  // A token that names a UPN is taken for a user's sign-in and fails the user lookup instead.
  { check: 'user lookup', codes: [AADSTS.UserAccountNotFound] },
];

const SEED = 'PING (PingOne hybrid join troubleshooting)';

export const CONFORM_CHECKS: readonly ConformCheck[] = [
  {
    id: 'federation.protocol',
    title: 'preferredAuthenticationProtocol is wsFed (WS-Trust for devices)',
    symptom: `${hresultLabel(HR.ERROR_ADAL_PROTOCOL_NOT_SUPPORTED)} at user realm, then sync join`,
    cause: 'domain-not-ws-trust',
    provenance: {
      source: `TSC, MSALPY, ADALN, AADI, DSRT (federation_protocol must be WSTrust; DSRegTool; ${HR.ERROR_ADAL_PROTOCOL_NOT_SUPPORTED} [TSC])`,
    },
  },
  {
    id: 'federation.metadata-exchange-uri',
    title: "the MEX tested is the domain's MetadataExchangeUri, over https",
    symptom: `${hresultLabel(HR.ERROR_ADAL_WS_TRUST_METADATAURL_NOT_SECURE)} (not https), then sync join`,
    cause: 'mex-url-not-https',
    warning:
      'Windows fetches the MetadataExchangeUri registered in Entra, not the URL given to hjsim: when they differ, this run says nothing about what the devices meet',
    provenance: {
      source: `TSC, MSALPY, ADALN, AADI, DSRT (federation_metadata_url is the domain setting), HJM, MSALPY, ADALN, DSRT, WINRT (https required, ${HR.ERROR_ADAL_WS_TRUST_METADATAURL_NOT_SECURE} [WINRT])`,
    },
  },
  {
    id: 'federation.rollover',
    title: 'the signing certificate is valid; a next one is registered before it expires',
    symptom: `after the IdP rolls its key: AADSTS${AADSTS.InvalidSigningKey}, then sync join`,
    cause: 'signing-certificate-not-registered',
    warning: `Entra keeps verifying with the registered key, but once the IdP rolls over to a new certificate that Entra does not know every device token fails with AADSTS${AADSTS.InvalidSigningKey}`,
    provenance: {
      modeled:
        '30 days is the warning horizon of this tool; what Entra does with an expired registered certificate is not public (rollover practice: blog.rmilne.ca 2021-11-29 "Sign-In Error 5000811")',
    },
  },
  {
    id: 'mex.fetch',
    title: 'the MEX answers GET with 200 and XML',
    symptom: `${hresultLabel(HR.ERROR_ADAL_WS_TRUST_MEX_REQUEST)} (HTTP error) or ${hresultLabel(HR.ERROR_ADAL_FAILED_TO_PARSE_XML)} (not XML), then sync join`,
    cause: 'mex-not-xml',
    provenance: {
      source: `HJM, MSALPY, ADALN, DSRT, WINRT (Windows GETs the MEX, IdentityServer2#878; ${HR.ERROR_ADAL_WS_TRUST_MEX_REQUEST} / ${HR.ERROR_ADAL_FAILED_TO_PARSE_XML} [WINRT])`,
    },
  },
  {
    id: 'mex.windowstransport',
    title: 'the MEX offers a WS-Trust 1.3 windowstransport (Windows auth) endpoint',
    symptom: `${hresultLabel(HR.ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT)}, then sync join (the seed's /wsf/mex case)`,
    cause: 'mex-no-windows-auth-endpoint',
    warning: `only a WS-Trust 2005 windowstransport endpoint: the hybrid join manual accepts 1.3 or 2005, while ADAL's ${HR.ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT} text asks for "Integrate Widows Authentication for WS-Trust 1.3"`,
    provenance: {
      source: `HJM, MSALPY, ADALN, DSRT, WINRT (MSAL mex.py, ADAL mex.js selection; HJM "either 1.3 or 2005"), PING; ${SEED} (MetadataExchangeUri must end in /wsf/mex13/)`,
    },
  },
  {
    id: 'mex.usernamemixed',
    title: 'the MEX offers a usernamemixed (username/password) endpoint',
    symptom: `${hresultLabel(HR.ERROR_ADAL_COULDNOT_DISCOVER_USERNAME_PASSWORD_ENDPOINT)} for password clients; hjsim conform cannot sign in with credentials`,
    warning:
      "device join does not use it (Windows authenticates with Kerberos), but the hybrid join manual and Microsoft's guidance for third-party IdPs ask for both WS-Trust endpoints",
    provenance: {
      source: `HJM, MSALPY, ADALN, DSRT, WINRT (HJM endpoint list; ${HR.ERROR_ADAL_COULDNOT_DISCOVER_USERNAME_PASSWORD_ENDPOINT} [WINRT], [TSC]), PING (CSS wiki: enable username/password and Windows integrated endpoints)`,
    },
  },
  {
    id: 'mex.warnings',
    title: `the MEX parses without ADAL warnings (${HR.WARNING_ADAL_MEX_NO_ADDRESS}–${HR.WARNING_ADAL_MEX_NO_URI_IN_POLICY_REFERENCE})`,
    symptom: 'the warning in the ADAL log; the element it names is skipped',
    warning:
      'ADAL logs these as warnings and skips the port or binding; when that was the Windows-auth endpoint, mex.windowstransport fails as well',
    provenance: {
      source: `HJM, MSALPY, ADALN, DSRT, WINRT (WARNING_ADAL_MEX_* ${HR.WARNING_ADAL_MEX_NO_ADDRESS}–${HR.WARNING_ADAL_MEX_NO_URI_IN_POLICY_REFERENCE} [WINRT])`,
    },
  },
  {
    id: 'wstrust.rst',
    title: 'the STS answers the RST for urn:federation:MicrosoftOnline with an assertion',
    symptom: `${hresultLabel(HR.ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED)} (SOAP fault, e.g. ID3082 or FailedAuthentication), ${HR.ERROR_ADAL_FAILED_TO_PARSE_WSTRUST_RESPONSE} (unreadable RSTR), ${HR.ERROR_ADAL_SERVER_ERROR_SAML_ASSERTION_NOT_FOUND} (no assertion) or ${HR.ERROR_ADAL_INTERNET_CANNOT_CONNECT} (no connection), then sync join`,
    cause: 'sts-refused-windows-auth',
    provenance: {
      source: `DSRT, MSALPY, ADALN (RST shapes; AD FS faults), MSALPY, ADALN, ROAD, AADI (RSTR parsing; ${HR.ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED}/13/02 [WINRT]); AzureAD/azure-activedirectory-library-for-python#240 (ID3082)`,
    },
  },
  {
    id: 'wstrust.token-type',
    title: 'the RSTR TokenType makes Windows redeem the assertion with its own grant',
    symptom: `AADSTS${AADSTS.SamlResponseTypeNotSupported} (a SAML 1.1 token labelled otherwise is redeemed with saml2-bearer) or AADSTS${AADSTS.InvalidSamlToken} (a SAML 2.0 token labelled SAML 1.0), then sync join`,
    cause: 'tokentype-sent-as-saml2',
    provenance: {
      modeled:
        "dsreg's TokenType mapping is not public; the exact-match behaviour is MSAL.NET's (AzureAD/microsoft-authentication-library-for-dotnet#1871; MSALPY, ADALN, ROAD, AADI, PING). hjsim judges the token itself apart from this label: mock Entra redeems it with the grant of its real version",
    },
  },
  {
    id: 'saml.assertion',
    title: 'one SAML 1.1 assertion, well-formed, without DTD',
    symptom: `AADSTS${AADSTS.InvalidSamlToken} InvalidSamlToken, then sync join`,
    cause: 'assertion-rejected',
    entra: [{ check: 'XML without DTD', codes: [AADSTS.InvalidSamlToken] }],
    provenance: {
      source:
        'DESIGN.md fidelity rules (well-formed XML, no DTD); HJM, MSALPY, ADALN, DSRT, WINRT (DTD prohibited), ERR (50008)',
    },
  },
  {
    id: 'saml.signature',
    title: 'one valid enveloped signature covers the assertion (SHA-256, no wrapping)',
    symptom: `AADSTS${AADSTS.InvalidSamlToken} InvalidSamlToken, then sync join`,
    cause: 'assertion-rejected',
    entra: [{ check: 'signature over the assertion read', codes: [AADSTS.InvalidSamlToken] }],
    provenance: {
      modeled:
        "the strict relying party of DESIGN.md (one signature over the root, registered keys only, SHA-2); Entra's exact algorithm list is not public, the code is the mock's choice (aadsts.ts 50008)",
    },
  },
  {
    id: 'saml.signing-certificate',
    title: 'signed with the signingCertificate (or nextSigningCertificate)',
    symptom: `AADSTS${AADSTS.InvalidSigningKey} "Unable to verify token signature. The signing key identifier does not match any valid registered keys.", then sync join`,
    cause: 'signing-certificate-not-registered',
    entra: [{ check: 'signing certificate', codes: [AADSTS.InvalidSigningKey] }],
    provenance: {
      source:
        'blog.rmilne.ca 2021-11-29 "Sign-In Error 5000811" (AD FS rollover); DESIGN.md failure catalogue',
    },
  },
  {
    id: 'saml.issuer',
    title: 'the Issuer (or issuerid claim) equals issuerUri exactly',
    symptom: `AADSTS${AADSTS.InvalidRealmUri} "The requested federation realm object '…' does not exist.", then sync join`,
    cause: 'issuer-not-registered',
    entra: [{ check: 'issuer', codes: [AADSTS.InvalidRealmUri, AADSTS.InvalidSigningKey] }],
    provenance: {
      source:
        'ERR (50107; trailing slash: mandiant/ADFSpoof#6); HJM, AADI (issuerid rules; the leftover UPN-based rule, HJM Remarks)',
    },
  },
  {
    id: 'saml.audience',
    title: 'the Audience is urn:federation:MicrosoftOnline',
    symptom: `AADSTS${AADSTS.InvalidAssertion} (modeled code), then sync join`,
    cause: 'audience-not-entra',
    entra: [{ check: 'audience', codes: [AADSTS.InvalidAssertion] }],
    provenance: {
      modeled:
        "the audience rule is DESIGN.md's and MSALPY, ADALN, ROAD, AADI's (RP identifier urn:federation:MicrosoftOnline, HJM); no public source shows the code Entra answers with",
    },
  },
  {
    id: 'saml.validity',
    title: 'valid now: NotBefore / NotOnOrAfter, 5 minutes of skew',
    symptom: `AADSTS${AADSTS.InvalidClient} with AADSTS${AADSTS.AssertionNotWithinValidTimeRange} "Assertion is not within its valid time range.", then sync join`,
    cause: 'assertion-outside-validity',
    entra: [{ check: 'validity', codes: [AADSTS.AssertionNotWithinValidTimeRange] }],
    warning:
      "inside the allowed skew but outside the assertion's own window, or without NotOnOrAfter: Entra accepts it today; a little more drift between the IdP's clock and Entra's and it will not",
    provenance: {
      source:
        'MicrosoftDocs/azure-docs#16399 (error_codes [70002, 500133]); ERR; the 5-minute skew is modeled (protocol/entra-names.ts CLOCK_SKEW_MS)',
    },
  },
  {
    id: 'saml.subject',
    title: 'the Subject NameIdentifier carries the ImmutableID',
    symptom: `AADSTS${AADSTS.SAML11AssertionMissingImmutableId} "The SAML 1.1 Assertion is missing ImmutableID of the user.", then sync join`,
    cause: 'immutableid-missing',
    entra: [
      {
        check: 'ImmutableID',
        codes: [AADSTS.SAML11AssertionMissingImmutableId, AADSTS.InvalidSamlToken],
      },
    ],
    provenance: {
      source:
        'learn.microsoft.com/entra/identity-platform/reference-error-codes (90020); HJM, AADI, DVRJ, WIKI (NameIdentifier = ImmutableID)',
    },
  },
  {
    id: 'claims.accounttype',
    title: 'accounttype = DJ under http://schemas.microsoft.com/ws/2012/01',
    symptom: `invalid_grant AADSTS${AADSTS.UserAccountNotInDirectory} "The user account {EUII Hidden} does not exist in the … directory." (${HR.ERROR_ADAL_SERVER_ERROR_INVALID_GRANT}), then sync join`,
    cause: 'device-claims-not-recognised',
    entra: DEVICE_CLAIMS,
    provenance: {
      source: `${SEED} ("Attribute mappings reference": accounttype NameFormat http://schemas.microsoft.com/ws/2012/01); HJM, AADI, DVRJ, WIKI`,
    },
  },
  {
    id: 'claims.onpremobjectguid',
    title: 'onpremobjectguid = the objectGUID, Microsoft byte order, right namespace',
    symptom: `invalid_grant AADSTS${AADSTS.UserAccountNotInDirectory} (${HR.ERROR_ADAL_SERVER_ERROR_INVALID_GRANT}), then sync join`,
    cause: 'device-claims-not-recognised',
    entra: DEVICE_CLAIMS,
    warning:
      "the computer's objectGUID is not known to this run (give --computer-guid or a scenario): the value decodes to a GUID, but its byte order cannot be checked",
    provenance: {
      source: `${SEED} (onpremobjectguid NameFormat http://schemas.microsoft.com/identity/claims, #string.uuidAsBase64Guid); HJM, AADI, DVRJ, WIKI (little-endian .NET Guid.ToByteArray() bytes, AADInternals); modeled: Entra comparing it with the synced computer's objectGUID`,
    },
  },
  {
    id: 'claims.primarysid',
    title: "primarysid = the computer's SID, right namespace",
    symptom: `invalid_grant AADSTS${AADSTS.UserAccountNotInDirectory} (${HR.ERROR_ADAL_SERVER_ERROR_INVALID_GRANT}), then sync join`,
    cause: 'device-claims-not-recognised',
    entra: DEVICE_CLAIMS,
    warning:
      "a well-formed SID that is not the computer's known SID: the mapping reads another attribute (modeled: what Entra then does is not public; mock Entra accepts a SID no synced computer has)",
    provenance: {
      source: `${SEED} (primarysid NameFormat http://schemas.microsoft.com/ws/2008/06/identity/claims, objectSid); HJM, AADI, DVRJ, WIKI`,
    },
  },
  {
    id: 'claims.immutableid',
    title: 'the ImmutableID claim is issued for the computer',
    symptom: 'none today; join failures once users carry an ImmutableID claim',
    warning:
      'the hybrid join manual requires it for computers once an ImmutableID claim is issued for users, and DSRegTool fails a token without it; Entra does not refuse a device token for its absence',
    provenance: {
      source:
        'HJM, AADI, DVRJ, WIKI (HJM "Issue ImmutableID for computers"; DSRegTool 2950); PingOne seed mapping ImmutableID',
    },
  },
  {
    id: 'entra.verdict',
    title: "mock Entra's token checks answer as the checks above predict",
    symptom: 'the AADSTS mock Entra answered, which no check above explains',
    provenance: {
      source:
        'src/entra/token/token-endpoint.ts TOKEN_CHECKS (docs/decisions/0006-mock-entra-token-checks.md): the same pipeline every hjsim join meets',
    },
  },
];

export function conformCheck(id: CheckId): ConformCheck {
  const c = CONFORM_CHECKS.find((x) => x.id === id);
  if (!c) throw new SimError('ERR_INTERNAL', `no conformance check ${id}`);
  return c;
}
