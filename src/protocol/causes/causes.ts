/**
 * The failure causes `hjsim diagnose` names: each with the facts that identify it (AADSTS codes
 * from src/protocol/oauth/aadsts.ts, HRESULTs from src/protocol/hresult/catalog.ts, text signals
 * from signals.ts — the codes and lines the simulator itself produces), what to change in the
 * customer's own terms (PingOne, AD FS, Microsoft Graph, Windows, AD / Entra Connect, network),
 * and where that knowledge comes from.
 * @see [TSC] [DSR] [WIKI] (phases); [HJM] [AADI] [DVRJ] (claims); [WINRT] [ERR] [MAN] (codes); [PING] (PingOne
 *   troubleshooting page); [TSL] (Microsoft legacy troubleshooting page); DESIGN.md failure catalogue
 */
import type { Provenance } from '../../core/provenance.ts';
import { MEX_WARNING } from '../mex/select-endpoint.ts';
import { aadstsFact, eventFact, hresultFact, signalFact, type FactKey } from './facts.ts';
import { HR, hresultLabel } from '../hresult/catalog.ts';
import { AADSTS, type AadstsCode } from '../oauth/aadsts.ts';

export type FixTarget =
  'pingone' | 'adfs' | 'graph' | 'entra' | 'windows' | 'directory' | 'network';

export const FIX_LABEL: Readonly<Record<FixTarget, string>> = {
  pingone: 'PingOne',
  adfs: 'AD FS',
  graph: 'Microsoft Graph (Entra domain federation)',
  entra: 'Microsoft Entra admin center',
  windows: 'Windows',
  directory: 'Active Directory / Entra Connect',
  network: 'Network',
};

export type Phase = 'pre-check' | 'discover' | 'auth' | 'join' | 'down-level';

export interface Cause {
  readonly id: string;
  readonly title: string;
  readonly phase: Phase;
  /** Alternatives: the cause holds when every fact of one clause was observed. */
  readonly when: readonly (readonly FactKey[])[];
  /** Facts shown as further evidence when present (the client's follow-up codes and lines). */
  readonly supporting?: readonly FactKey[];
  /** Higher ranks first: more specific evidence, or the root of a chain of failures. */
  readonly priority: number;
  /** Shown only when no other cause holds (a bare 0xcaa1000e, say). */
  readonly generic?: boolean;
  /** Causes this one makes redundant when both hold (the same failure, said less precisely). */
  readonly covers?: readonly string[];
  /** A failure of the federated path, which a fallback to sync join can hide. */
  readonly federated?: boolean;
  readonly why: string;
  readonly fix: Readonly<Partial<Record<FixTarget, string>>>;
  /**
   * Shipped scenarios (paths from the package root) that reproduce the cause when their `expect`
   * does not name it by codes (a post-join failure, say); checked to exist by a test.
   */
  readonly scenarios?: readonly string[];
  readonly provenance: Provenance;
}

/** A fact of a catalogued AADSTS code. */
const A = (code: AadstsCode) => aadstsFact(code);
const H = hresultFact;
const S = signalFact;
/** Event ids identify a cause even when Event Viewer shows the message in another language. */
const E = eventFact;

const AUTH_CHAIN: readonly FactKey[] = [
  H(HR.ERROR_ADAL_SERVER_ERROR_INVALID_GRANT),
  H(HR.ERROR_ADAL_SERVER_ERROR_INVALID_REQUEST),
  H(HR.ERROR_ADAL_WSTRUST_TOKEN_REQUEST_FAIL),
  H(HR.ERROR_ADAL_HANDLE),
  S('token-failed'),
  S('fallback'),
  S('fallback-off'),
];

const SEED = 'PING (PingOne hybrid join troubleshooting)';
const LEGACY = 'TSL (Troubleshoot legacy Microsoft Entra hybrid joined devices)';

const UPDATE_FEDERATION =
  'Update-MgDomainFederationConfiguration -DomainId <domain> -InternalDomainFederationId <Id>';

/** The MEX warnings ADAL logs while it skips a port or binding, one cause each. */
const MEX_WARNING_CAUSES: readonly Cause[] = (
  [
    ['noAddress', 'mex-port-no-address', 'a MEX port has no wsa:EndpointReference/wsa:Address'],
    ['addressInsecure', 'mex-port-address-not-https', 'the MEX port addresses are not https'],
    ['noBindingInPort', 'mex-port-no-binding', 'a MEX port names no binding'],
    ['noSoapTransport', 'mex-binding-no-soap-transport', 'a MEX binding has no SOAP transport'],
    ['noSoapAction', 'mex-binding-no-soap-action', 'a MEX binding operation has no soapAction'],
    ['noNameInBinding', 'mex-binding-no-name', 'a MEX binding has no name'],
    [
      'noUriInPolicyReference',
      'mex-policy-reference-no-uri',
      'a MEX binding references its policy without a URI',
    ],
  ] as const
).map(([key, id, what]): Cause => ({
  id,
  title: `The STS's MEX document is malformed: ${what}, so Windows finds no Windows-auth endpoint`,
  phase: 'auth',
  when: [[H(MEX_WARNING[key]), H(HR.ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT)]],
  supporting: AUTH_CHAIN,
  priority: 90,
  covers: ['mex-no-windows-auth-endpoint'],
  federated: true,
  why: `ADAL skips what it cannot use in the metadata exchange document (warning ${MEX_WARNING[key]}); with the windowstransport port skipped there is no Windows integrated auth endpoint left (${HR.ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT}) and the federated token is never requested.`,
  fix: {
    adfs: 'AD FS generates its MEX itself: check that no proxy or load balancer rewrites /adfs/services/trust/mex, and that the endpoints are published with their https addresses (Get-AdfsEndpoint).',
    pingone:
      'Open the MetadataExchangeUri (https://<host>/wsf/mex13/<appId>) from the device: PingOne publishes a complete document; a rewritten or cached copy in between is the suspect.',
    graph:
      "Point MetadataExchangeUri at the STS's own, complete MEX document (https, WS-Trust 1.3): " +
      `${UPDATE_FEDERATION} -MetadataExchangeUri <url>.`,
  },
  provenance: {
    source: `HJM, MSALPY, ADALN, DSRT, WINRT (ADAL MEX warnings ${HR.WARNING_ADAL_MEX_NO_ADDRESS}–${HR.WARNING_ADAL_MEX_NO_URI_IN_POLICY_REFERENCE} and ${HR.ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT} [WINRT]; MSAL mex.py, ADAL mex.js selection rules)`,
  },
}));

export const CAUSES: readonly Cause[] = [
  ...MEX_WARNING_CAUSES,
  {
    id: 'mex-no-windows-auth-endpoint',
    title:
      'The MEX document names no Windows integrated auth (windowstransport) endpoint: MetadataExchangeUri points at the wrong MEX, or the endpoint is off',
    phase: 'auth',
    when: [[H(HR.ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT)]],
    supporting: AUTH_CHAIN,
    priority: 70,
    federated: true,
    why: `Windows authenticates the computer with Kerberos to a WS-Trust windowstransport endpoint it finds in the MEX document that MetadataExchangeUri names. With none there, ADAL reports ${hresultLabel(HR.ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT)}.`,
    fix: {
      pingone:
        'MetadataExchangeUri must end with /wsf/mex13/<appId>, not /wsf/mex/<appId>: enable "Show WS-Trust 1.3 Metadata Exchange URL in Powershell cmdlets" on the Configuration tab of the Microsoft 365 application, then update the federated IdP setting.',
      adfs: 'Enable the Windows-auth endpoints and publish them in the MEX: Enable-AdfsEndpoint -TargetAddressPath /adfs/services/trust/13/windowstransport (and /adfs/services/trust/2005/windowstransport), then restart the AD FS service.',
      graph: `${UPDATE_FEDERATION} -MetadataExchangeUri https://<sts>/…mex13… (the WS-Trust 1.3 MEX that lists windowstransport).`,
    },
    provenance: {
      source: `${SEED} ("Federation settings issue": mex13); HJM, MSALPY, ADALN, DSRT, WINRT, PING (${HR.ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT} [WINRT]; hybrid-join-manual.md endpoints)`,
    },
  },
  {
    id: 'mex-not-xml',
    title: 'The MetadataExchangeUri answers with something that is not XML (an HTML page)',
    phase: 'auth',
    when: [[H(HR.ERROR_ADAL_FAILED_TO_PARSE_XML)]],
    supporting: AUTH_CHAIN,
    priority: 70,
    federated: true,
    why: `ADAL could not parse the MEX response (${hresultLabel(HR.ERROR_ADAL_FAILED_TO_PARSE_XML)}): a proxy or sign-in page answered instead of the STS, the device has no line of sight to it, or the Windows endpoints are disabled.`,
    fix: {
      network:
        'Let the computer (SYSTEM context, WinHTTP proxy settings) reach the STS host directly; bypass the proxy for it.',
      adfs: 'Keep the MEX and windowstransport endpoints on the intranet AD FS servers, not behind the Web Application Proxy; Windows integrated auth must be a primary intranet authentication method.',
      pingone:
        'Open https://<host>/wsf/mex13/<appId> from the device: it must return the XML document, not a sign-in page.',
    },
    provenance: {
      source: `HJM, MSALPY, ADALN, DSRT, WINRT, TSC (${HR.ERROR_ADAL_FAILED_TO_PARSE_XML} [TSC]: proxy, no line of sight, Windows endpoints off, WIA not primary)`,
    },
  },
  {
    id: 'mex-request-failed',
    title:
      'The MEX request failed (the MetadataExchangeUri does not answer a GET with the document)',
    phase: 'auth',
    when: [[H(HR.ERROR_ADAL_WS_TRUST_MEX_REQUEST)]],
    supporting: AUTH_CHAIN,
    priority: 70,
    federated: true,
    why: `Windows fetches the MEX with an HTTP GET; a 404, a 405 (an STS that serves MEX only to a POST) or an unreachable host is ${hresultLabel(HR.ERROR_ADAL_WS_TRUST_MEX_REQUEST)}.`,
    fix: {
      graph: `Check the MetadataExchangeUri path (Get-MgDomainFederationConfiguration) and correct it: ${UPDATE_FEDERATION} -MetadataExchangeUri <url>.`,
      adfs: 'The AD FS MEX is https://<federation service>/adfs/services/trust/mex (Get-AdfsEndpoint -AddressPath /adfs/services/trust/mex: Enabled).',
      pingone: 'The PingOne MEX is https://<host>/wsf/mex13/<appId>.',
      network: 'From the device: Invoke-WebRequest <MetadataExchangeUri> must return 200 and XML.',
    },
    provenance: {
      source: `HJM, MSALPY, ADALN, DSRT, WINRT (Windows GETs the MEX: IdentityServer/IdentityServer2#878; ${HR.ERROR_ADAL_WS_TRUST_MEX_REQUEST} [WINRT])`,
    },
  },
  {
    id: 'mex-url-not-https',
    title: 'MetadataExchangeUri is not https',
    phase: 'auth',
    when: [[H(HR.ERROR_ADAL_WS_TRUST_METADATAURL_NOT_SECURE)]],
    supporting: AUTH_CHAIN,
    priority: 70,
    federated: true,
    why: `ADAL refuses a metadata exchange URL that is not https (${hresultLabel(HR.ERROR_ADAL_WS_TRUST_METADATAURL_NOT_SECURE)}) before it sends anything.`,
    fix: {
      graph: `${UPDATE_FEDERATION} -MetadataExchangeUri https://… (the same path over https).`,
    },
    provenance: {
      source: `HJM, MSALPY, ADALN, DSRT, WINRT (${HR.ERROR_ADAL_WS_TRUST_METADATAURL_NOT_SECURE} [WINRT])`,
    },
  },
  {
    id: 'domain-not-ws-trust',
    title:
      'The domain is federated with SAML-P: the Windows join client needs WS-Federation / WS-Trust',
    phase: 'auth',
    when: [[H(HR.ERROR_ADAL_PROTOCOL_NOT_SUPPORTED)]],
    supporting: AUTH_CHAIN,
    priority: 70,
    federated: true,
    why: `User realm discovery says the domain's federation protocol is not WS-Trust, and ADAL stops with ${hresultLabel(HR.ERROR_ADAL_PROTOCOL_NOT_SUPPORTED)}.`,
    fix: {
      graph: `${UPDATE_FEDERATION} -PreferredAuthenticationProtocol wsFed, with ActiveSignInUri and MetadataExchangeUri set to the IdP's WS-Trust endpoints.`,
      pingone:
        'Federate the domain with the WS-Federation Microsoft 365 application (not a SAML one).',
    },
    provenance: {
      source: `TSC, MSALPY, ADALN, AADI, DSRT (DSRegTool: federation_protocol must be WSTrust; ${HR.ERROR_ADAL_PROTOCOL_NOT_SUPPORTED} [TSC])`,
    },
  },
  {
    id: 'sts-refused-windows-auth',
    title:
      "The STS refused the computer's WS-Trust request (Kerberos not accepted, or the relying party unknown)",
    phase: 'auth',
    when: [[H(HR.ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED)]],
    supporting: [...AUTH_CHAIN, S('wstrust-auth-fault'), S('wstrust-scope-fault')],
    priority: 70,
    federated: true,
    why: `The windowstransport endpoint answered a SOAP fault instead of a token (${hresultLabel(HR.ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED)}). A FailedAuthentication fault (ID3242) means the computer's Kerberos ticket was not accepted; ID3082 means the AppliesTo (urn:federation:MicrosoftOnline) is not a relying party the STS knows.`,
    fix: {
      pingone:
        'Kerberos service account of the LDAP gateway: Active Directory Users and Computers › Properties › Account › "This account supports Kerberos AES 256 bit encryption", restart the gateway, klist purge on the device.',
      adfs: 'The relying party trust "Microsoft Office 365 Identity Platform" must have the identifier urn:federation:MicrosoftOnline and issuance authorization rules that permit computer accounts.',
      windows:
        'Run the join as SYSTEM on the intranet (windowstransport is intranet-only); klist purge if the ticket predates a service account change.',
    },
    provenance: {
      source: `${SEED} ("Kerberos service account and AES encryption"); DSRT, MSALPY, ADALN, ROAD, AADI (${HR.ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED} [WINRT]; ID3082: azure-activedirectory-library-for-python#240)`,
    },
  },
  {
    id: 'wstrust-response-unusable',
    title: 'The STS answered the WS-Trust request with something that holds no usable assertion',
    phase: 'auth',
    when: [
      [H(HR.ERROR_ADAL_FAILED_TO_PARSE_WSTRUST_RESPONSE)],
      [H(HR.ERROR_ADAL_SERVER_ERROR_SAML_ASSERTION_NOT_FOUND)],
    ],
    supporting: AUTH_CHAIN,
    priority: 60,
    federated: true,
    why: `The RSTR could not be parsed (${HR.ERROR_ADAL_FAILED_TO_PARSE_WSTRUST_RESPONSE}) or holds no SAML assertion (${HR.ERROR_ADAL_SERVER_ERROR_SAML_ASSERTION_NOT_FOUND}).`,
    fix: {
      adfs: 'Check the AD FS Admin event log for the request; the windowstransport endpoint must return a RequestSecurityTokenResponse with a SAML 1.1 assertion.',
      pingone: 'Check the WS-Trust STS configuration of the Microsoft 365 application.',
    },
    provenance: {
      source: `MSALPY, ADALN, ROAD, AADI (${HR.ERROR_ADAL_FAILED_TO_PARSE_WSTRUST_RESPONSE}, ${HR.ERROR_ADAL_SERVER_ERROR_SAML_ASSERTION_NOT_FOUND} [WINRT])`,
    },
  },
  {
    id: 'device-claims-not-recognised',
    title:
      "Entra did not recognise the token as a computer's: accounttype, onpremobjectguid or primarysid is missing, in the wrong NameFormat, or the GUID is not encoded as Entra expects",
    phase: 'auth',
    when: [[A(AADSTS.UserAccountNotInDirectory)]],
    supporting: AUTH_CHAIN,
    priority: 80,
    federated: true,
    why: `Without the three device claims under their exact claim types (accounttype = DJ, onpremobjectguid = base64 of the objectGUID bytes, primarysid = the computer SID) Entra treats the token as a user's, finds no user with its ImmutableID and answers invalid_grant AADSTS${AADSTS.UserAccountNotInDirectory} "The user account {EUII Hidden} does not exist in the … directory" (${HR.ERROR_ADAL_SERVER_ERROR_INVALID_GRANT}).`,
    fix: {
      pingone:
        'Microsoft 365 application › Attribute Mappings › Update NameFormat: accounttype http://schemas.microsoft.com/ws/2012/01 (value "DJ"), onpremobjectguid http://schemas.microsoft.com/identity/claims (#string.uuidAsBase64Guid(user.externalId,null)), primarysid http://schemas.microsoft.com/ws/2008/06/identity/claims (the objectSid attribute of the user type for hybrid joined devices).',
      adfs: 'Relying party trust "Microsoft Office 365 Identity Platform": the hybrid join manual\'s rules "Issue account type for domain-joined computers", "Issue object GUID for domain-joined computers" and "Issue objectSID for domain-joined computers" (objectGUID from the ;objectguid; store query: little-endian bytes, base64).',
      directory:
        "The onpremobjectguid value must decode to the computer's objectGUID that Entra Connect synced (Microsoft byte order, as .NET Guid.ToByteArray()).",
    },
    provenance: {
      source: `${SEED} ("dsregcmd /join /debug failed", "Attribute mappings reference"); HJM, AADI, DVRJ, WIKI (hybrid-join-manual.md claim rules; GUID encoding)`,
    },
  },
  {
    id: 'issuer-not-registered',
    title: "The token's Issuer (or issuerid claim) is not any federated domain's IssuerUri",
    phase: 'auth',
    when: [[A(AADSTS.InvalidRealmUri)]],
    supporting: AUTH_CHAIN,
    priority: 80,
    federated: true,
    why: `Entra looks up the federation realm by the token's Issuer, or by its issuerid claim when there is one, and compares it exactly (a trailing slash counts): AADSTS${AADSTS.InvalidRealmUri} "The requested federation realm object '…' does not exist." names the value it did not find.`,
    fix: {
      graph: `Compare the quoted realm with IssuerUri (Get-MgDomainFederationConfiguration) and make them equal: ${UPDATE_FEDERATION} -IssuerUri <the IdP's issuer, character for character>.`,
      adfs: 'With several verified domains (-SupportMultipleDomain) the token needs an issuerid claim per computer: add the manual\'s "Issue issuerID for domain-joined computers" rule and remove the old UPN-based issuerid rule (computers have no UPN).',
      pingone:
        'The issuer is https://<host>/applications/<appId> (no trailing slash) on the Overview tab of the Microsoft 365 application.',
    },
    provenance: {
      source:
        'HJM, AADI, DVRJ, WIKI (hybrid-join-manual.md Remarks: the leftover UPN-based issuerid rule), ERR (50107; mandiant/ADFSpoof#6 trailing slash), FEDSAML, NWSFED, AADI',
    },
  },
  {
    id: 'signing-certificate-not-registered',
    title:
      "The token is signed with a certificate Entra does not have for the domain (the IdP's signing certificate rolled over)",
    phase: 'auth',
    when: [[A(AADSTS.InvalidSigningKey)]],
    supporting: AUTH_CHAIN,
    priority: 80,
    federated: true,
    why: `Entra checks the assertion's signature with the domain's SigningCertificate (or NextSigningCertificate); a key it does not have is AADSTS${AADSTS.InvalidSigningKey} "Unable to verify token signature. The signing key identifier does not match any valid registered keys."`,
    fix: {
      graph: `Register the IdP's current token-signing certificate: ${UPDATE_FEDERATION} -SigningCertificate <base64> (or -NextSigningCertificate before the next rollover).`,
      adfs: 'Update-MgDomainFederationConfiguration with the new token-signing certificate (Get-AdfsCertificate -CertificateType Token-Signing), or keep AutoCertificateRollover and the federation metadata monitored.',
      pingone:
        'Use the signing certificate of the Microsoft 365 application (Overview tab, "Microsoft Graph PowerShell cmdlets").',
    },
    provenance: {
      source: 'blog.rmilne.ca 2021-11-29 "Sign-In Error 5000811" (AD FS certificate rollover)',
    },
  },
  {
    id: 'assertion-outside-validity',
    title: "The assertion is not valid now: the IdP's clock is off, or the token expired",
    phase: 'auth',
    // 70002 alone ("Error validating credentials") travels with other codes too (135011).
    when: [[A(AADSTS.AssertionNotWithinValidTimeRange)]],
    supporting: AUTH_CHAIN,
    priority: 80,
    federated: true,
    why: `Entra compares NotBefore / NotOnOrAfter with its own clock (allowing a small skew): AADSTS${AADSTS.InvalidClient} with AADSTS${AADSTS.AssertionNotWithinValidTimeRange} "Assertion is not within its valid time range."`,
    fix: {
      adfs: "Synchronise the AD FS servers' clocks (w32tm /query /status; the domain hierarchy or NTP).",
      pingone:
        'PingOne runs on its own clock: check the LDAP gateway host and the device clock, and the assertion lifetime of the application.',
      windows: 'w32tm /resync on the device; the time must match the domain.',
    },
    provenance: {
      source: 'MicrosoftDocs/azure-docs#16399 (error_codes [70002, 500133]); ERR',
    },
  },
  {
    id: 'immutableid-missing',
    title: 'The assertion has no ImmutableID (Subject NameIdentifier)',
    phase: 'auth',
    when: [[A(AADSTS.SAML11AssertionMissingImmutableId)]],
    supporting: AUTH_CHAIN,
    priority: 80,
    federated: true,
    why: `Entra reads the ImmutableID from the Subject NameIdentifier: AADSTS${AADSTS.SAML11AssertionMissingImmutableId} "The SAML 1.1 Assertion is missing ImmutableID of the user."`,
    fix: {
      pingone:
        'Microsoft 365 application › Attribute Mappings: map Subject to #string.uuidAsBase64Guid(user.externalId,null) (Subject NameIdentifier Format unspecified or emailAddress).',
      adfs: 'Add the manual\'s "Issue ImmutableID for computers" rule and keep the NameIdentifier rule that carries it.',
    },
    provenance: {
      source: `learn.microsoft.com/entra/identity-platform/reference-error-codes (90020); ${SEED} ("Attribute mappings reference", Subject row)`,
    },
  },
  {
    id: 'tokentype-sent-as-saml2',
    title:
      'The STS labels its SAML 1.1 token with the #SAMLV1.1 TokenType, and the client redeems it as SAML 2.0',
    phase: 'auth',
    when: [[A(AADSTS.SamlResponseTypeNotSupported)]],
    supporting: AUTH_CHAIN,
    priority: 80,
    federated: true,
    why: `A client that maps only urn:oasis:names:tc:SAML:1.0:assertion to saml1_1-bearer sends a token labelled …oasis-wss-saml-token-profile-1.1#SAMLV1.1 with saml2-bearer; Entra finds no SAML 2.0 response in it: AADSTS${AADSTS.SamlResponseTypeNotSupported} "A supported type of SAML response was not found."`,
    fix: {
      pingone:
        'Set the WS-Trust token type of the Microsoft 365 application to SAML 1.1 with TokenType urn:oasis:names:tc:SAML:1.0:assertion.',
      adfs: 'AD FS answers urn:oasis:names:tc:SAML:1.0:assertion by default: check a custom token type on the relying party trust or a proxy rewriting the RSTR.',
    },
    provenance: {
      source:
        'AzureAD/microsoft-authentication-library-for-dotnet#1871; MSALPY, ADALN, ROAD, AADI, PING (modeled: the Windows client maps TokenType exactly)',
    },
  },
  {
    id: 'saml2-assertion-for-saml11',
    title: 'The IdP issues a SAML 2.0 assertion where Entra expects SAML 1.1',
    phase: 'auth',
    when: [[A(AADSTS.InvalidSamlToken), S('saml-version-mismatch')], [S('saml-version-mismatch')]],
    supporting: AUTH_CHAIN,
    priority: 85,
    covers: ['assertion-rejected'],
    federated: true,
    why: `The RSTR says SAML 1.1 (urn:oasis:names:tc:SAML:1.0:assertion), the client redeems it with saml1_1-bearer, and the assertion is SAML 2.0: AADSTS${AADSTS.InvalidSamlToken} "Cannot read SecurityToken. Expected element is (Assertion, urn:oasis:names:tc:SAML:1.0:assertion) the actual element is (Assertion, urn:oasis:names:tc:SAML:2.0:assertion)."`,
    fix: {
      pingone: 'Issue SAML 1.1 tokens from the WS-Trust STS of the Microsoft 365 application.',
      adfs: 'The Microsoft Office 365 Identity Platform trust issues SAML 1.1 on WS-Trust; check a custom token type setting.',
    },
    provenance: {
      source:
        'Azure-Samples/active-directory-dotnet-webapp-wsfederation#10 (runtime text); ERR, FEDSAML, NWSFED, AADI',
    },
  },
  {
    id: 'audience-not-entra',
    title: 'The assertion is for another audience than urn:federation:MicrosoftOnline',
    phase: 'auth',
    when: [[S('audience-mismatch')]],
    supporting: [...AUTH_CHAIN, A(AADSTS.InvalidAssertion)],
    priority: 85,
    covers: ['assertion-rejected'],
    federated: true,
    why: `Entra accepts only assertions whose AudienceRestriction names urn:federation:MicrosoftOnline (modeled: the code, AADSTS${AADSTS.InvalidAssertion}, is Entra's catch-all for invalid assertions; no public source shows the code it gives for a wrong audience).`,
    fix: {
      adfs: 'The relying party trust identifier must be urn:federation:MicrosoftOnline (not a sovereign-cloud or custom one).',
      pingone:
        "The Microsoft 365 application's audience/entity id must be urn:federation:MicrosoftOnline.",
    },
    provenance: {
      modeled:
        "audience rule from DESIGN.md fidelity rules and MSALPY, ADALN, ROAD, AADI; the AADSTS code (50013) is the mock's choice",
    },
  },
  {
    id: 'assertion-rejected',
    title:
      'Entra could not read or trust the SAML assertion (unsigned, badly signed, or malformed)',
    phase: 'auth',
    when: [[A(AADSTS.InvalidSamlToken)], [A(AADSTS.InvalidAssertion)]],
    supporting: AUTH_CHAIN,
    priority: 74,
    federated: true,
    why: `AADSTS${AADSTS.InvalidSamlToken} InvalidSamlToken / AADSTS${AADSTS.InvalidAssertion} InvalidAssertion: the assertion is missing, not signed over what Entra reads, or otherwise malformed.`,
    fix: {
      adfs: 'Check the token-signing certificate and that nothing between AD FS and the device rewrites the RSTR.',
      pingone: 'Check the signing settings of the Microsoft 365 application (sign the assertion).',
      entra:
        'The sign-in logs give the AADSTS detail; diagnose the RSTR or the assertion itself (hjsim diagnose rstr.xml) to see its claims and signature.',
    },
    provenance: {
      modeled:
        "codes public (reference-error-codes; ERR); which malformation gives which code is the mock's choice (aadsts.ts 50008/50013 provenance)",
    },
  },
  {
    id: 'mfa-required',
    title: 'Entra asks for multifactor authentication the IdP did not assert',
    phase: 'auth',
    when: [
      [A(AADSTS.UserStrongAuthClientAuthNRequired)],
      [A(AADSTS.UserStrongAuthEnrollmentRequired)],
      [H(HR.ERROR_ADAL_SERVER_ERROR_INTERACTION_REQUIRED)],
    ],
    supporting: AUTH_CHAIN,
    priority: 80,
    federated: true,
    why: `Per-user MFA or Conditional Access requires MFA and the token carries no MFA claim: interaction_required AADSTS${AADSTS.UserStrongAuthClientAuthNRequired} / 50079 (${HR.ERROR_ADAL_SERVER_ERROR_INTERACTION_REQUIRED}).`,
    fix: {
      adfs: 'Issue authnmethodsreferences (… => issue(claim = c);) and allow wiaormultiauthn: Set-AdfsRelyingPartyTrust -TargetName <RP> -AllowedAuthenticationClassReferences wiaormultiauthn.',
      entra:
        'Exclude the Device Registration Service (user action "Register or join devices") from the Conditional Access policy that demands MFA.',
      graph:
        'Or set FederatedIdpMfaBehavior to acceptIfMfaDoneByFederatedIdp with an IdP that performs MFA.',
    },
    provenance: {
      source: 'ERR (50076, 50079); DL, TSL (WIAORMULTIAUTHN)',
    },
  },
  {
    id: 'user-realm-failed',
    title: 'User realm discovery for the domain failed',
    phase: 'discover',
    when: [
      [H(HR.DSREG_AUTOJOIN_USERREALM_DISCOVERY_FAILED)],
      [H(HR.ERROR_ADAL_COULDNOT_DISCOVER_USERREALM)],
    ],
    supporting: AUTH_CHAIN,
    priority: 70,
    why: 'Windows asks login.microsoftonline.com whether the verified domain is managed or federated; that request failed (DSREG_AUTOJOIN_USERREALM_DISCOVERY_FAILED / ERROR_ADAL_COULDNOT_DISCOVER_USERREALM).',
    fix: {
      network: 'The computer (SYSTEM, WinHTTP proxy) must reach https://login.microsoftonline.com.',
      directory: 'The SCP azureADName must be a verified domain of the tenant.',
    },
    provenance: {
      source: `TSC, MSALPY, ADALN, AADI, DSRT (${HR.DSREG_AUTOJOIN_USERREALM_DISCOVERY_FAILED} [TSC]; ${HR.ERROR_ADAL_COULDNOT_DISCOVER_USERREALM} [WINRT])`,
    },
  },
  {
    id: 'sts-unreachable',
    title: 'The STS (or login.microsoftonline.com) could not be reached from the computer',
    phase: 'auth',
    when: [
      [H(HR.ERROR_ADAL_INTERNET_CANNOT_CONNECT)],
      [H(HR.WININET_E_CANNOT_CONNECT)],
      [H(HR.WININET_E_TIMEOUT)],
    ],
    supporting: AUTH_CHAIN,
    priority: 70,
    federated: true,
    why: `A connection the federated token needs failed (ERROR_ADAL_INTERNET_CANNOT_CONNECT ${HR.ERROR_ADAL_INTERNET_CANNOT_CONNECT}, WININET_E_CANNOT_CONNECT ${HR.WININET_E_CANNOT_CONNECT}, WININET_E_TIMEOUT ${HR.WININET_E_TIMEOUT}): the STS host does not resolve or answer from where the computer is, or a proxy blocks the SYSTEM context.`,
    fix: {
      network:
        'From the device, as SYSTEM: resolve and reach the STS host (MetadataExchangeUri and the windowstransport address) and login.microsoftonline.com; set the WinHTTP proxy (netsh winhttp show proxy) or bypass it for the STS.',
      adfs: 'windowstransport is an intranet endpoint: the device must reach the AD FS farm, not the Web Application Proxy.',
    },
    provenance: {
      source: `TSC, WINRT (${HR.ERROR_ADAL_INTERNET_CANNOT_CONNECT}, ${HR.WININET_E_CANNOT_CONNECT}, ${HR.WININET_E_TIMEOUT} [TSC])`,
    },
  },
  {
    id: 'user-not-in-directory',
    title:
      'The user the token names is not in Entra (a changed UPN still sent, or a user not synced)',
    phase: 'auth',
    when: [[A(AADSTS.UserAccountNotFound)]],
    supporting: AUTH_CHAIN,
    priority: 80,
    why: `AADSTS${AADSTS.UserAccountNotFound} "The user account {EmailHidden} does not exist in the … directory": the UPN or ImmutableID in the token matches no Entra user. After a UPN change down-level clients keep sending the old UPN until the browser session cookies are cleared or the user signs out.`,
    fix: {
      windows:
        'Sign the user out (or clear the browser session cookies) so that the new UPN is sent; then retry the join.',
      directory: 'Check that Entra Connect synced the user with its current UPN and ImmutableID.',
    },
    provenance: {
      source: `${LEGACY} (UPN change keeps sending the old UPN); ERR (50034 runtime text)`,
    },
  },
  {
    id: 'drs-tenant-not-found',
    title: 'The SCP (or the CDJ\\AAD registry override) names a tenant that does not exist',
    phase: 'discover',
    when: [[H(HR.DSREG_DISCOVERY_TENANT_NOT_FOUND)]],
    priority: 70,
    why: `DRS discovery for the tenant id in the SCP answered "not found": DSREG_DISCOVERY_TENANT_NOT_FOUND ${HR.DSREG_DISCOVERY_TENANT_NOT_FOUND}.`,
    fix: {
      directory:
        'Correct the SCP keywords (CN=62a0ff2e-97b9-4513-943f-0d221bd30080,CN=Device Registration Configuration,CN=Services,CN=Configuration,…): azureADId:<your tenant id>, azureADName:<verified domain> — Entra Connect › Configure device options writes them.',
      windows:
        'If HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\CDJ\\AAD TenantId/TenantName is set (a targeted deployment), correct or remove it.',
    },
    provenance: {
      source: `HJM, WIKI, TSC, WINRT (${HR.DSREG_DISCOVERY_TENANT_NOT_FOUND} [TSC]; DSRegTool VerifySCP)`,
    },
  },
  {
    id: 'scp-not-readable',
    title:
      'The Service Connection Point could not be read (missing, unreadable, or without azureADName)',
    // The discover phase reads the SCP: `Error Phase : discover`, AD Configuration Test FAIL
    // [DSR; TSC; RCMLAB].
    phase: 'discover',
    when: [
      [H(HR.DSREG_AUTOJOIN_ADCONFIG_READ_FAILED)],
      [S('scp-read-failed')],
      [E(307)],
      [S('ad-config-test-failed')],
    ],
    priority: 70,
    why: `Windows reads the tenant from the SCP in the forest's configuration partition: DSREG_AUTOJOIN_ADCONFIG_READ_FAILED ${HR.DSREG_AUTOJOIN_ADCONFIG_READ_FAILED} (event 307 "Failed to lookup the registration service information from Active Directory").`,
    fix: {
      directory:
        "Create the SCP with Entra Connect (Configure device options › Configure Hybrid Azure AD join) or the manual's script; keywords azureADName:<verified domain> and azureADId:<tenant id>, spelled exactly (case-sensitive); computers need read access.",
    },
    provenance: {
      source: 'HJM, WIKI, TSC (hybrid-join-manual.md; CSS wiki; event 307 [EVT])',
    },
  },
  {
    id: 'no-domain-controller',
    title: 'No domain controller line of sight',
    phase: 'pre-check',
    when: [[S('dc-unavailable')], [E(334)]],
    priority: 72,
    why: 'The join needs a domain controller (DsGetDcName) for the SCP and the computer account: isDcAvailable NO, event 334 "The device can NOT be joined because a domain controller could not be located."',
    fix: {
      network:
        'Run the join on the corporate network or a VPN with line of sight to a DC (nltest /dsgetdc:<domain>).',
    },
    provenance: { source: 'WIKI, MAN, DSR (CSS wiki; event 334 [EVT])' },
  },
  {
    id: 'not-running-as-system',
    title: 'The join did not run as SYSTEM',
    phase: 'pre-check',
    when: [[S('not-system')], [E(333)], [S('user-context-not-system'), S('error-phase-pre-check')]],
    priority: 72,
    why: 'Hybrid join runs as NT AUTHORITY\\SYSTEM (the Automatic-Device-Join task, or dsregcmd /join from a SYSTEM shell): event 333 "The process MUST run as NT AUTHORITY\\SYSTEM."',
    fix: {
      windows:
        'Let the scheduled task Microsoft › Windows › Workplace Join › Automatic-Device-Join run, or run dsregcmd /join /debug from psexec -s.',
    },
    provenance: { source: 'WIKI, MAN, DSR (CSS wiki; event 333 [EVT])' },
  },
  {
    id: 'already-joined',
    title: 'The device is already joined (no failure shown for the join itself)',
    phase: 'pre-check',
    when: [[S('already-joined')], [E(335)]],
    priority: 30,
    why: 'Event 335 "Automatic device join pre-check tasks completed. The device is already joined."',
    fix: {
      windows:
        'dsregcmd /status shows the registration; dsregcmd /leave then a new join only if the device object was deleted in Entra.',
    },
    provenance: { source: 'MAN, LYWK, WIKI (event 335 [EVT])' },
  },
  {
    id: 'drs-discovery-failed',
    title:
      'DRS discovery failed (enterpriseregistration.windows.net not reached, or a proxy answered)',
    phase: 'discover',
    when: [
      [H(HR.DSREG_AUTOJOIN_DISC_FAILED)],
      [H(HR.E_INVALIDDATA)],
      [H(HR.DSREG_AUTOJOIN_DISC_WAIT_TIMEOUT)],
      [S('discovery-failed')],
      // Not the bare id 201: the down-level MSI's log uses 201 for a success [AZD80678]; the
      // User Device Registration 201 is read by its text (discovery-failed) and by the 309 after it.
      [E(309)],
    ],
    // The discovery's own sub-error (`DRS Discovery Test : FAIL [0x801c0021/0x80072ee2]` [TSC]) is
    // a connection failure too, but no STS was reached yet: the discovery is the cause.
    // …and the name resolution behind it (0x80072ee7 as its sub-error): no STS was reached yet.
    covers: ['sts-unreachable', 'network-name-not-resolved'],
    supporting: [
      H(HR.WININET_E_NAME_NOT_RESOLVED),
      H(HR.WININET_E_TIMEOUT),
      H(HR.WININET_E_CONNECTION_ABORTED),
      H(HR.WININET_E_CANNOT_CONNECT),
    ],
    priority: 65,
    why: `Windows gets the registration service endpoints from https://enterpriseregistration.windows.net/<tenant>/discover; a failure there is DSREG_AUTOJOIN_DISC_FAILED ${HR.DSREG_AUTOJOIN_DISC_FAILED}, with the network sub-error in the DRS Discovery Test (${HR.WININET_E_TIMEOUT} timeout, ${HR.WININET_E_NAME_NOT_RESOLVED} name not resolved, ${HR.WININET_E_CONNECTION_ABORTED} aborted; E_INVALIDDATA ${HR.E_INVALIDDATA} when a proxy answered HTML) [TSC].`,
    fix: {
      network: `Allow the computer context (WinHTTP proxy, or WPAD) to reach enterpriseregistration.windows.net, login.microsoftonline.com and device.login.microsoftonline.com without TLS inspection; with ${HR.WININET_E_NAME_NOT_RESOLVED} check that the device (or its proxy) resolves enterpriseregistration.windows.net.`,
    },
    provenance: {
      source: `DSRT, HBS, DVRD, TSC, WINRT (${HR.DSREG_AUTOJOIN_DISC_FAILED}, ${HR.E_INVALIDDATA} [TSC]; events 201, 309 [EVT])`,
    },
  },
  {
    id: 'drs-throttled',
    title: 'DRS throttled the join request',
    phase: 'join',
    when: [[S('drs-throttled')]],
    priority: 65,
    covers: ['device-not-synced'],
    why: `DirectoryError "Your request is throttled temporarily. Please try after 300 seconds." (DSREG_E_DIRECTORY_FAILURE ${HR.DSREG_E_DIRECTORY_FAILURE}): too many registration requests for this device in a short time.`,
    fix: {
      windows:
        'Wait five minutes and let the Automatic-Device-Join task retry; stop scripts that run dsregcmd /join in a loop.',
    },
    provenance: { source: 'HBS, ROAD, AADI, DVRJ, TSC ([TSC] "Federated join server errors")' },
  },
  {
    id: 'synced-device-without-usercertificate',
    title:
      'The computer was synced to Entra without its userCertificate, so the sync join cannot prove it',
    phase: 'join',
    when: [[S('drs-usercert-not-found')]],
    priority: 65,
    covers: ['device-not-synced'],
    why: 'DirectoryError "The public key user certificate is not found on the device object with id: (…)": Entra Connect synced the computer before Windows wrote its self-signed certificate to userCertificate.',
    fix: {
      directory:
        'Check that the computer object has userCertificate (Get-ADComputer <name> -Properties userCertificate), run an Entra Connect sync cycle (Start-ADSyncSyncCycle -PolicyType Delta), then let the join retry.',
    },
    provenance: {
      source: 'DSR, WIKI, HIW, ROAD, AADI, TSC (CSS wiki message; managed flow [HIW])',
    },
  },
  {
    id: 'drs-sid-verification-failed',
    title: "DRS could not verify the computer's SID (certificate mismatch or sync pending)",
    phase: 'join',
    when: [[S('drs-sid-verification')]],
    priority: 65,
    covers: ['device-not-synced'],
    why: 'AuthenticationError "The verification of the target computer\'s SID …": the signature of the sync join request does not match the userCertificate Entra has.',
    fix: {
      directory:
        'Wait for Entra Connect to sync the current userCertificate (Start-ADSyncSyncCycle -PolicyType Delta).',
    },
    provenance: { source: 'DSR, WIKI, HIW, ROAD, AADI, TSC ([TSC] sync-join server errors)' },
  },
  {
    id: 'device-not-synced',
    title: 'Sync join: Entra Connect has not synced this computer (with its userCertificate)',
    phase: 'join',
    // A bare DirectoryError (0x801c03f2) is this one unless a more specific message says otherwise.
    when: [[S('drs-device-not-found')], [H(HR.DSREG_E_DIRECTORY_FAILURE)]],
    priority: 50,
    why: `The sync join (the managed flow, and the fallback after a federated failure) needs the computer object synced with its userCertificate: DirectoryError "The device object by the given id (…) is not found." → ${HR.DSREG_E_DIRECTORY_FAILURE}.`,
    fix: {
      directory:
        "Include the computers' OU in Entra Connect's sync scope and make sure the computer object has userCertificate; the next sync cycle creates the device object.",
    },
    provenance: { source: 'DSR, WIKI, HIW, ROAD, AADI, TSC (CSS wiki debug trace; [TSC])' },
  },
  {
    id: 'downlevel-account-authentication',
    title:
      'Down-level join: autoworkplace.exe could not silently authenticate the user with AD FS / Seamless SSO',
    phase: 'down-level',
    when: [[S('dialog-account-authentication')]],
    priority: 70,
    why: '"An error occurred during account authentication": missing or misconfigured AD FS (federated) or Seamless SSO (managed), MFA without WIAORMULTIAUTHN at AD FS, a home realm discovery page waiting for input, the STS or autologon URL not in the intranet zone, no network path, or "Do not save encrypted pages to disk" checked.',
    fix: {
      adfs: 'Set-AdfsRelyingPartyTrust -TargetName <RP> -AllowedAuthenticationClassReferences wiaormultiauthn, and issue authnmethodsreferences.',
      windows:
        'Put the STS, https://device.login.microsoftonline.com and https://autologon.microsoftazuread-sso.com in the IE intranet zone; uncheck "Do not save encrypted pages to disk".',
      directory: 'For a managed domain, enable Seamless SSO (Entra Connect).',
      network: 'The device needs line of sight to the STS and a DC (intranet or VPN).',
    },
    provenance: { source: `${LEGACY} ("The most common issues are")` },
  },
  {
    id: 'downlevel-account-verification',
    title:
      'Down-level join: the signed-in user is not a domain user, or no domain controller is reachable',
    phase: 'down-level',
    when: [[S('dialog-account-verification')]],
    priority: 70,
    why: '"An error occurred during account verification": down-level hybrid join works only for domain users, with a domain controller in reach.',
    fix: {
      windows: 'Sign in with a domain account, not a local one.',
      network: 'Connect to the corporate network or a VPN with line of sight to a DC.',
    },
    provenance: { source: `${LEGACY} ("You aren't signed on as a domain user")` },
  },
  {
    id: 'device-quota-reached',
    title: 'The user reached the maximum number of devices',
    phase: 'down-level',
    when: [[S('dialog-device-quota')], [H(HR.DSREG_E_DEVICE_REGISTRATION_QUOTA_EXCCEEDED)]],
    priority: 70,
    why: `Down-level devices register per user; each user counts against "Maximum number of devices per user" (DSREG_E_DEVICE_REGISTRATION_QUOTA_EXCCEEDED ${HR.DSREG_E_DEVICE_REGISTRATION_QUOTA_EXCCEEDED}).`,
    fix: {
      entra:
        'Raise Devices › Device settings › "Maximum number of devices per user", or delete the user\'s stale devices.',
    },
    provenance: {
      source: `${LEGACY} ("A quota has been reached"); hresult catalogue ${HR.DSREG_E_DEVICE_REGISTRATION_QUOTA_EXCCEEDED}`,
    },
  },
  {
    id: 'service-not-responding',
    title: 'The device registration service did not respond',
    phase: 'down-level',
    when: [[S('dialog-server-not-responding')], [S('workplace-join-discovery-failed')]],
    // Above sts-unreachable: the dialog says which service did not answer.
    priority: 72,
    why: '"An error occurred because the server didn\'t respond": the registration service or the network path to it failed.',
    fix: {
      network:
        'Check the proxy and the reachability of enterpriseregistration.windows.net and login.microsoftonline.com in the user context; retry later.',
    },
    provenance: {
      source: `${LEGACY} ("The service isn't responding"); MAN, LYWK, WIKI (Workplace Join events 102, 103)`,
    },
  },
  // Real-world modes: TLS and network, TPM and device keys, device lifecycle,
  // the IdP's policy, the computer's own AD attributes, on-premises DRS, Windows 8.1 Workplace Join.
  {
    id: 'sts-tls-untrusted',
    title:
      "The TLS certificate of the STS (or of login.microsoftonline.com as the device sees it) is not trusted: an untrusted or expired AD FS certificate, a TLS-inspecting proxy, or the device's clock",
    phase: 'auth',
    when: [[H(HR.ERROR_ADAL_INTERNET_SECURE_FAILURE)]],
    supporting: [...AUTH_CHAIN, H(HR.ERROR_ADAL_WS_TRUST_MEX_REQUEST)],
    priority: 82,
    // The MEX request is the first HTTPS call to the STS: 0xcaa9002b after 0xcaa82f8f is its consequence.
    covers: ['mex-request-failed', 'sts-unreachable'],
    federated: true,
    why: `ERROR_ADAL_INTERNET_SECURE_FAILURE ${HR.ERROR_ADAL_INTERNET_SECURE_FAILURE}: "The TLS certificate sent by the server couldn't be validated" [TSC]. The failed MEX request (${HR.ERROR_ADAL_WS_TRUST_MEX_REQUEST}) that often follows it is the consequence, not a wrong MEX URL.`,
    fix: {
      adfs: 'Bind an SSL certificate that chains to a root the devices trust (Set-AdfsSslCertificate; on Server 2012 R2 also the WAP), with the federation service name in its subject; renew it if expired.',
      pingone:
        'The PingOne STS certificate is public; the suspect is a proxy between the device and the STS that replaces it.',
      network:
        "Exclude the STS host, login.microsoftonline.com and enterpriseregistration.windows.net from TLS inspection, or deploy the inspecting proxy's root to Local Computer › Trusted Root Certification Authorities.",
      windows:
        "Check the device's clock (w32tm /query /status): a skewed clock fails every certificate.",
    },
    scenarios: [
      'scenarios/network/sts-certificate-untrusted.yaml',
      'scenarios/network/sts-tls-inspection.yaml',
    ],
    provenance: {
      source: 'TSC ("ERROR_ADAL_INTERNET_SECURE_FAILURE": check the client time skew); WINRT',
    },
  },
  {
    id: 'proxy-tls-inspection',
    title:
      'A proxy interferes with the HTTPS response (TLS inspection or a rewriting proxy): the network stack could not decode it',
    phase: 'discover',
    when: [[H(HR.WININET_E_DECODING_FAILED)]],
    supporting: [H(HR.DSREG_AUTOJOIN_DISC_FAILED), S('discovery-failed')],
    priority: 76,
    covers: ['drs-discovery-failed', 'sts-unreachable'],
    why: `WININET_E_DECODING_FAILED ${HR.WININET_E_DECODING_FAILED}: "Network stack was unable to decode the response from the server" — "Ensure that the network proxy isn't interfering and modifying the server response" [TSC].`,
    fix: {
      network:
        'Bypass TLS inspection for enterpriseregistration.windows.net, login.microsoftonline.com, device.login.microsoftonline.com and the STS; check the computer-context proxy (netsh winhttp show proxy).',
      windows:
        "Check the device's clock and its trusted roots if the proxy's certificate is meant to be trusted.",
    },
    provenance: {
      source: `TSC (network errors, ${HR.WININET_E_DECODING_FAILED}: the proxy interfering and modifying the server response)`,
    },
  },
  {
    id: 'proxy-auth-required',
    title:
      'An outbound proxy asks the computer (SYSTEM) for credentials (HTTP 407): the join runs in the computer context and cannot answer it',
    phase: 'discover',
    when: [[S('proxy-auth-required')]],
    supporting: [
      H(HR.DSREG_AUTOJOIN_DISC_FAILED),
      H(HR.E_INVALIDDATA),
      S('discovery-failed'),
      ...AUTH_CHAIN,
    ],
    priority: 84,
    covers: ['drs-discovery-failed', 'sts-unreachable'],
    why: 'The device registers as SYSTEM: "If the on-premises environment requires an outbound proxy, the IT admin must ensure that the computer account of the device can discover and silently authenticate to the outbound proxy" [TSC]. A 407 to SYSTEM (a WinINet per-user proxy setting the computer context does not have, or a proxy that wants a user) stops discovery or the token request.',
    fix: {
      network:
        "Let the computer account authenticate silently (Kerberos/NTLM with the computer account), or exempt enterpriseregistration.windows.net, login.microsoftonline.com and device.login.microsoftonline.com from proxy authentication; configure the WinHTTP proxy for SYSTEM (netsh winhttp set proxy, or WPAD) — the user's WinINet proxy does not apply.",
    },
    scenarios: ['scenarios/network/proxy-407-for-system.yaml'],
    provenance: {
      source:
        'TSC (discover phase: outbound proxy and the computer account); HJM (network requirements)',
    },
  },
  {
    id: 'network-name-not-resolved',
    title: 'A host name the join needs does not resolve from the device (DNS)',
    phase: 'discover',
    when: [[H(HR.WININET_E_NAME_NOT_RESOLVED)]],
    supporting: [H(HR.DSREG_AUTOJOIN_DISC_FAILED), S('discovery-failed'), ...AUTH_CHAIN],
    priority: 71,
    covers: ['sts-unreachable'],
    why: `WININET_E_NAME_NOT_RESOLVED ${HR.WININET_E_NAME_NOT_RESOLVED}: "The server name or address couldn't be resolved" [TSC] — enterpriseregistration.windows.net, login.microsoftonline.com or the STS host.`,
    fix: {
      network:
        'Resolve the hosts from the device (Resolve-DnsName enterpriseregistration.windows.net; the STS host from the intranet); with a proxy, the proxy resolves: check netsh winhttp show proxy.',
    },
    provenance: { source: `TSC (${HR.WININET_E_NAME_NOT_RESOLVED})` },
  },
  {
    id: 'drs-unreachable-at-join',
    title:
      'The registration request to DRS (enterpriseregistration.windows.net) timed out or was cut off',
    phase: 'join',
    when: [
      [H(HR.WININET_E_TIMEOUT), S('error-phase-join')],
      [H(HR.WININET_E_CONNECTION_ABORTED), S('error-phase-join')],
      [H(HR.WININET_E_CANNOT_CONNECT), S('error-phase-join')],
    ],
    priority: 72,
    covers: ['sts-unreachable'],
    why: `At the join phase WININET_E_TIMEOUT ${HR.WININET_E_TIMEOUT} is "General network time out trying to register the device at DRS", and WININET_E_CONNECTION_ABORTED ${HR.WININET_E_CONNECTION_ABORTED} "The connection with the server was terminated abnormally" [TSC].`,
    fix: {
      network:
        'Check the computer-context path to https://enterpriseregistration.windows.net (proxy, firewall); after an abort, retry the join later or from another network.',
    },
    provenance: { source: 'TSC (join phase network errors)' },
  },
  {
    id: 'adal-connection-aborted',
    title: 'The connection to the authorization endpoint was aborted or timed out',
    phase: 'auth',
    when: [[H(HR.ERROR_ADAL_INTERNET_CONNECTION_ABORTED)], [H(HR.ERROR_ADAL_INTERNET_TIMEOUT)]],
    supporting: AUTH_CHAIN,
    priority: 70,
    covers: ['sts-unreachable'],
    federated: true,
    why: `ERROR_ADAL_INTERNET_CONNECTION_ABORTED ${HR.ERROR_ADAL_INTERNET_CONNECTION_ABORTED} / ERROR_ADAL_INTERNET_TIMEOUT ${HR.ERROR_ADAL_INTERNET_TIMEOUT}: the token request to the STS or login.microsoftonline.com did not complete [TSC].`,
    fix: {
      network:
        'Ensure https://login.microsoftonline.com and the on-premises STS are reachable in the system context; retry later or from a stable network.',
    },
    scenarios: ['scenarios/network/sts-timeout.yaml'],
    provenance: { source: 'TSC (authentication phase network errors)' },
  },
  {
    id: 'drs-server-busy',
    title:
      'The device registration service answered HTTP 503 (busy): a transient service-side failure',
    phase: 'join',
    when: [[H(HR.DSREG_SERVER_BUSY)]],
    priority: 70,
    why: `DSREG_SERVER_BUSY ${HR.DSREG_SERVER_BUSY}: "HTTP 503 from DRS server. The server is currently unavailable. Future join attempts will likely succeed after the server is back online." [TSC]`,
    fix: {
      windows:
        'Let the Automatic-Device-Join task retry later (or run dsregcmd /join as SYSTEM after a while).',
      network:
        'If it persists, check that no proxy answers 503 for enterpriseregistration.windows.net.',
    },
    scenarios: ['scenarios/entra/drs-unavailable.yaml'],
    provenance: { source: 'TSC (HTTP errors: DSREG_SERVER_BUSY)' },
  },
  {
    id: 'tpm-keyset-missing',
    title:
      'The device key is gone (Keyset does not exist): the TPM was cleared, or the machine was imaged from a sysprep image of a registered machine',
    phase: 'join',
    when: [[H(HR.NTE_BAD_KEYSET)]],
    priority: 84,
    why: `NTE_BAD_KEYSET ${HR.NTE_BAD_KEYSET} "Keyset does not exist": "This error happens when the TPM is cleared on the systems, or when there's a bad sysprep image" [TSC].`,
    fix: {
      windows:
        'dsregcmd /leave as administrator, restart and let the join run again; do not clear the TPM; build images from a machine that was never Entra joined, hybrid joined or registered.',
    },
    scenarios: ['scenarios/tpm/keyset-missing.yaml'],
    provenance: {
      source:
        'TSC (TPM errors: NTE_BAD_KEYSET); WIKI (event 304 "Exit code: Keyset does not exist")',
    },
  },
  {
    id: 'tpm-fips',
    title: 'The TPM is in FIPS mode, which the join does not support',
    phase: 'join',
    when: [[H(HR.TPM_E_NOTFIPS)]],
    priority: 84,
    why: `TPM_E_NOTFIPS ${HR.TPM_E_NOTFIPS}: "TPM in FIPS mode isn't currently supported" [TSC]; event 202 shows it as "The TPM is attempting to execute a command only available when in FIPS mode".`,
    fix: {
      windows:
        'Update to Windows 10 1809 or later (it detects TPM failures and joins without the TPM), or disable the TPM for the join; update the TPM firmware where the vendor offers a non-FIPS mode.',
    },
    scenarios: ['scenarios/tpm/fips-mode-1803.yaml', 'scenarios/tpm/fips-mode-1809.yaml'],
    provenance: { source: 'TSC (TPM_E_NOTFIPS); WIKI (event 202 text)' },
  },
  {
    id: 'tpm-internal-error',
    title: 'The TPM failed (Platform Crypto Provider internal error)',
    phase: 'join',
    when: [[H(HR.TPM_E_PCP_INTERNAL_ERROR)]],
    priority: 84,
    why: `TPM_E_PCP_INTERNAL_ERROR ${HR.TPM_E_PCP_INTERNAL_ERROR}: "Generic TPM error" [TSC].`,
    fix: {
      windows:
        'Update the TPM firmware; on Windows 10 1809 and later the join completes without the TPM, earlier builds need the TPM disabled for the join.',
    },
    scenarios: ['scenarios/tpm/pcp-internal-error.yaml'],
    provenance: { source: 'TSC (TPM_E_PCP_INTERNAL_ERROR)' },
  },
  {
    id: 'tpm-locked-out',
    title:
      'The TPM is locked out (dictionary-attack protection): the device key cannot be used until the lockout ends',
    phase: 'join',
    when: [
      [H(HR.NTE_AUTHENTICATION_IGNORED)],
      [H(HR.NTE_DEVICE_NOT_READY)],
      [S('tpm-key-noaccess')],
      [E(344)],
    ],
    supporting: [S('joined'), E(335)],
    priority: 86,
    why: `NTE_AUTHENTICATION_IGNORED ${HR.NTE_AUTHENTICATION_IGNORED} "TPM is locked out" [TSC]; event 344 with isPrivateKeyFound: NOACCESS and ${HR.NTE_DEVICE_NOT_READY} (the device required by the key provider is not ready) shows the same lockout for a device that is already joined: its key exists but cannot be used, so the registration cannot be used or renewed.`,
    fix: {
      windows:
        'Transient: wait for the TPM lockout to expire (Get-Tpm shows LockedOut and LockoutHealTime), or reset it with the owner authorization (tpm.msc › Reset TPM Lockout); find what keeps entering wrong PINs.',
    },
    scenarios: ['scenarios/tpm/locked-out.yaml'],
    provenance: {
      source:
        'TSC (NTE_AUTHENTICATION_IGNORED: TPM locked out, "TPM fundamentals" anti-hammering); WIKI (event 344 "Error: The device that is required …")',
    },
  },
  {
    id: 'stale-registration-device-deleted',
    title:
      'The local registration is stale: its device object was deleted in Entra, and renewing it fails (error_missing_device)',
    phase: 'join',
    when: [[S('device-renew'), S('error-missing-device')], [S('error-missing-device')]],
    supporting: [S('device-renew'), S('joined'), H(HR.DSREG_E_DIRECTORY_FAILURE)],
    priority: 88,
    covers: ['device-not-synced', 'already-joined'],
    why: 'The failed operation was a renewal (Server Operation : DeviceRenew) of a device the service no longer has (error_missing_device): the device was deleted in Entra (sync-scope change, Entra Connect clean-up, manual delete) while Windows keeps its old registration.',
    fix: {
      windows:
        'dsregcmd /leave as administrator, restart; the next sign-in (or the Automatic-Device-Join task) joins again.',
      directory:
        "Keep the computer's OU in Entra Connect's sync scope so the new device object is created and stays.",
    },
    provenance: {
      source: `AZD29406 ("fixed with dsregcmd.exe /leave"); TSC (AADSTS${AADSTS.DeviceAuthenticationFailed}: device deleted or disabled, re-register)`,
    },
  },
  {
    id: 'device-disabled-or-deleted',
    title: 'The device is disabled or deleted in Entra: it can no longer authenticate (no PRT)',
    phase: 'join',
    when: [
      [A(AADSTS.DeviceAuthenticationFailed)],
      [A(AADSTS.DeviceDisabled)],
      [S('device-auth-failed')],
    ],
    supporting: [S('prt-missing'), S('joined')],
    priority: 82,
    covers: ['already-joined'],
    why: `AADSTS${AADSTS.DeviceAuthenticationFailed} "Device authentication failed" — "Confirm that the device isn't deleted or disabled" [TSC]; AADSTS${AADSTS.DeviceDisabled} "Device used during the authentication is disabled." [ERR].`,
    fix: {
      entra:
        'Enable the device (Devices › All devices) if it was disabled; if it was deleted, re-register it.',
      windows:
        'For a deleted hybrid joined device: dsregcmd /leave as administrator, restart, let it join again (after Entra Connect synced it).',
      directory:
        'A disabled computer account in AD disables the device at the next sync: enable it there.',
    },
    scenarios: [
      'scenarios/lifecycle/device-deleted-after-sync-scope.yaml',
      'scenarios/lifecycle/device-disabled.yaml',
      'scenarios/windows/device-deleted-before-21h1.yaml',
    ],
    provenance: {
      source: `TSC (common server error codes: AADSTS${AADSTS.DeviceAuthenticationFailed}); ERR (AADSTS${AADSTS.DeviceDisabled})`,
    },
  },
  {
    id: 'prt-invalid-credentials',
    title:
      "The user's primary refresh token is refused: invalid user name or password (a new password not yet synced)",
    phase: 'auth',
    when: [[A(AADSTS.InvalidUserNameOrPassword)]],
    supporting: [H(HR.STATUS_LOGON_FAILURE), H(HR.STATUS_WRONG_PASSWORD), S('prt-missing')],
    priority: 80,
    why: `AADSTS${AADSTS.InvalidUserNameOrPassword} "Error validating credentials due to invalid username or password" in the SSO State (Attempt Status ${HR.STATUS_LOGON_FAILURE}): the password typed at Windows sign-in is not the one Entra has — with password hash sync, a recent password change not yet synced [TSC].`,
    fix: {
      directory:
        'Wait for password hash sync to carry the new password (or run a sync cycle), then lock and unlock to request a new PRT.',
      entra: 'With federation, check the sign-in logs for the user: the IdP answered the error.',
    },
    scenarios: ['scenarios/prt/password-not-synced.yaml'],
    provenance: {
      source: `TSC (post-join: AADSTS${AADSTS.InvalidUserNameOrPassword}); DSR (SSO State sample)`,
    },
  },
  {
    id: 'prt-upn-not-routable',
    title:
      "The user's UPN is not usable for Entra (non-routable suffix or malformed): no primary refresh token",
    phase: 'auth',
    when: [[H(HR.STATUS_NO_SUCH_LOGON_SESSION)], [H(HR.AAD_CLOUDAP_E_OAUTH_USERNAME_IS_MALFORMED)]],
    supporting: [S('prt-missing')],
    priority: 78,
    why: `STATUS_NO_SUCH_LOGON_SESSION ${HR.STATUS_NO_SUCH_LOGON_SESSION} "User realm discovery failed because the Microsoft Entra authentication service was unable to find the user's domain", AAD_CLOUDAP_E_OAUTH_USERNAME_IS_MALFORMED ${HR.AAD_CLOUDAP_E_OAUTH_USERNAME_IS_MALFORMED} [TSC].`,
    fix: {
      directory:
        'Give the users a UPN in a verified domain (or configure Alternate Login ID for a non-routable suffix such as contoso.local).',
    },
    scenarios: ['scenarios/prt/non-routable-upn.yaml'],
    provenance: { source: 'TSC (post-join PRT table)' },
  },
  {
    id: 'idp-policy-denied-computer',
    title:
      "The IdP's access policy refuses the computer's WS-Trust request (AD FS MSIS7068: Access denied)",
    phase: 'auth',
    when: [[S('idp-access-denied')]],
    supporting: [
      ...AUTH_CHAIN,
      H(HR.ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED),
      S('wstrust-auth-fault'),
    ],
    priority: 86,
    covers: ['sts-refused-windows-auth'],
    federated: true,
    why: `The STS authenticated the computer but its issuance authorization / access control policy for the relying party does not permit computer accounts, so the windowstransport request ends in a fault (MSIS7068: Access denied.) and ${HR.ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED}.`,
    fix: {
      adfs: 'Set the access control policy (or issuance authorization rules) of the "Microsoft Office 365 Identity Platform" relying party to permit the domain computers, e.g. Permit everyone, or a rule that permits the computer accounts.',
      pingone:
        'Let the Windows-AzureAD-Authentication-Provider user agent and the computer accounts through the sign-on policy of the Microsoft 365 application.',
    },
    provenance: {
      modeled:
        "HJM gives the relying party and its issuance rules for computers; MSIS7068 (AD FS 'Access denied.') as the fault an access control policy gives the computer's WS-Trust request is modeled: no public capture of that pairing was found",
    },
  },
  {
    id: 'computer-kerberos-failed',
    title:
      'The computer got no Kerberos ticket for the STS (SPN missing or duplicated, or no common encryption type)',
    phase: 'auth',
    when: [[S('kerberos-ticket-failed')], [H(HR.SEC_E_TARGET_UNKNOWN)]],
    supporting: [...AUTH_CHAIN, H(HR.ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED)],
    priority: 80,
    covers: ['sts-refused-windows-auth'],
    federated: true,
    why: `The windowstransport endpoint authenticates the computer with Kerberos: without a ticket for the STS host (SEC_E_TARGET_UNKNOWN ${HR.SEC_E_TARGET_UNKNOWN} "The specified target is unknown or unreachable": no or a duplicate SPN; KDC_ERR_ETYPE_NOTSUPP: the service account has no AES keys while RC4 is off) the WS-Trust request fails.`,
    fix: {
      adfs: 'setspn -Q host/<federation service name> must show the AD FS service account (gMSA) once; enable AES for that account (msDS-SupportedEncryptionTypes) and reset its password if RC4 is disabled.',
      pingone:
        'The Kerberos service account of the LDAP gateway needs the STS host SPN and "This account supports Kerberos AES 256 bit encryption".',
      windows: 'klist purge -li 0x3e7 on the device, then retry the join.',
    },
    scenarios: ['scenarios/adfs/kerberos-rc4-disabled.yaml'],
    provenance: {
      source: `${SEED} ("Kerberos service account and AES encryption"); COMERR (SEC_E_TARGET_UNKNOWN)`,
    },
  },
  {
    id: 'usercert-write-denied',
    title:
      'The computer may not write its own userCertificate in AD, so Entra Connect never syncs a certificate for the sync join',
    phase: 'join',
    when: [[S('save-public-key'), H(HR.E_ACCESSDENIED)]],
    supporting: [S('drs-device-not-found'), H(HR.DSREG_E_DIRECTORY_FAILURE), S('fallback')],
    priority: 87,
    covers: ['device-not-synced', 'not-running-as-system'],
    why: `The sync join (the managed flow and the fallback) needs the self-signed certificate Windows writes to the computer object's userCertificate [HIW]; access denied (${HR.E_ACCESSDENIED}) on that write means the computer object's ACL lacks SELF write on userCertificate (a hardened OU, broken inheritance).`,
    fix: {
      directory:
        'Grant SELF write on userCertificate for the computer objects (dsacls "<OU DN>" /I:S /G "SELF:WP;userCertificate;computer"), or restore the OU\'s default inheritance; then the next join writes the certificate and Entra Connect syncs it.',
    },
    provenance: {
      source:
        'HIW (the computer writes userCertificate, Entra Connect syncs it); GHUCERT (the userCertificate attribute and the sync join)',
    },
  },
  {
    id: 'ad-read-transient',
    title:
      'A transient Active Directory read failure (the domain controller answered badly), not a missing SCP',
    phase: 'discover',
    when: [
      [H(HR.ERROR_BAD_NET_RESP), H(HR.DSREG_AUTOJOIN_ADCONFIG_READ_FAILED)],
      [H(HR.ERROR_BAD_NET_RESP)],
    ],
    supporting: [E(307)],
    priority: 74,
    covers: ['scp-not-readable'],
    why: `${HR.ERROR_BAD_NET_RESP} "The specified server cannot perform the requested operation" before ${HR.DSREG_AUTOJOIN_ADCONFIG_READ_FAILED}: reading the SCP (or the computer object) failed on the way, not because the SCP is absent. TSC: event 220 before ${HR.DSREG_AUTOJOIN_ADCONFIG_READ_FAILED} means Windows cannot access the computer object; replication issues "might be transient".`,
    fix: {
      directory:
        'Check the domain controllers the device uses (nltest /dsgetdc:<domain>, replication: repadmin /replsummary); the join retries at the next sign-in or task run.',
      network: 'Check LDAP (389) and Kerberos to the domain controllers from the device.',
    },
    provenance: {
      source:
        'TSC (join phase "Other errors": event 220, replication issues); WIN32ERR (ERROR_BAD_NET_RESP)',
    },
  },
  {
    id: 'enterprise-drs-unreachable',
    title:
      'The device targets an on-premises (AD FS) device registration service that does not answer',
    phase: 'discover',
    when: [
      [S('enterprise-drs'), S('discovery-failed')],
      [S('enterprise-drs'), H(HR.DSREG_AUTOJOIN_DISC_FAILED)],
      [S('enterprise-drs'), H(HR.WININET_E_NAME_NOT_RESOLVED)],
    ],
    priority: 78,
    covers: ['drs-discovery-failed', 'network-name-not-resolved'],
    why: 'With on-premises DRS (AD FS device registration), discovery goes to enterpriseregistration.<UPN suffix>: without that DNS name (CNAME to the AD FS farm), its certificate name, or the DRS enabled on AD FS, discovery fails.',
    fix: {
      adfs: 'Create the DNS record enterpriseregistration.<UPN suffix> for the AD FS farm, include it in the SSL certificate, and Enable-AdfsDeviceRegistration; or, for Entra hybrid join, remove the on-premises DRS SCP so the device uses Entra.',
    },
    provenance: {
      source:
        'DSR (EnterpriseJoined: on-premises DRS); HJM; ITWWPJ (enterpriseregistration.<domain> in DNS and in the AD FS certificate)',
    },
  },
  {
    id: 'wpj-cant-connect',
    title:
      'Workplace Join (Windows 8.1) cannot reach the device registration service: the AD FS proxy or DRS endpoint is not published',
    phase: 'down-level',
    when: [[S('wpj-cant-connect')]],
    priority: 72,
    why: 'The Windows 8.1 Workplace Join dialog says "Can\'t connect to the service" when https://enterpriseregistration.<UPN suffix>/EnrollmentServer/contract does not answer: the AD FS proxy (WAP) does not publish it, the name does not resolve, or the certificate does not name it.',
    fix: {
      adfs: 'Publish the DRS through the Web Application Proxy, add enterpriseregistration.<UPN suffix> to DNS and to the AD FS SSL certificate, and check Enable-AdfsDeviceRegistration.',
      network:
        'From the device, open https://enterpriseregistration.<UPN suffix>/EnrollmentServer/contract?api-version=1.0.',
    },
    provenance: {
      source:
        'LYWPJ (the Workplace Join provider); ITWWPJ (Workplace Join needs enterpriseregistration.<domain> published with AD FS)',
    },
  },
  {
    id: 'federated-token-rejected',
    title: "Entra refused the IdP's token (the AADSTS code is not in this excerpt)",
    phase: 'auth',
    when: [
      [H(HR.ERROR_ADAL_SERVER_ERROR_INVALID_GRANT)],
      [H(HR.ERROR_ADAL_SERVER_ERROR_INVALID_REQUEST)],
      [H(HR.ERROR_ADAL_WSTRUST_TOKEN_REQUEST_FAIL)],
    ],
    supporting: AUTH_CHAIN,
    priority: 20,
    generic: true,
    federated: true,
    why: 'The token endpoint answered an error (ERROR_ADAL_SERVER_ERROR_INVALID_GRANT / INVALID_REQUEST, ERROR_ADAL_WSTRUST_TOKEN_REQUEST_FAIL); the AADSTS code in the ResponseText line or in Server Message of dsregcmd /status tells which check failed.',
    fix: {
      windows:
        'Add the "Token response is not successfull" line of dsregcmd /join /debug, or Server Message of dsregcmd /status, and diagnose again.',
    },
    provenance: {
      source: `WIKI, AADI, ROAD, MSALPY, TSC, WINRT (${HR.ERROR_ADAL_SERVER_ERROR_INVALID_GRANT}, ${HR.ERROR_ADAL_WSTRUST_TOKEN_REQUEST_FAIL} [TSC])`,
    },
  },
  {
    id: 'federated-auth-failed',
    title: `The federated token could not be obtained (only the aggregate ${HR.ERROR_ADAL_HANDLE} is shown)`,
    phase: 'auth',
    when: [[H(HR.ERROR_ADAL_HANDLE)], [S('token-failed')], [E(305)]],
    supporting: AUTH_CHAIN,
    priority: 10,
    generic: true,
    federated: true,
    why: `dsreg reports ${HR.ERROR_ADAL_HANDLE} for any failure of the federated token; the first error after "GetComputerTokenForADRS failed with error" and the AdalLog HRESULTs before it name the step.`,
    fix: {
      windows:
        'Diagnose the whole dsregcmd /join /debug output (run as SYSTEM), not only its last lines.',
    },
    provenance: { source: `TSC, WINRT (${HR.ERROR_ADAL_HANDLE}: CSS wiki; PingOne seed)` },
  },
];

export function causeById(id: string): Cause | undefined {
  return CAUSES.find((c) => c.id === id);
}
