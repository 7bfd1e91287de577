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

export type FixTarget = 'pingone' | 'adfs' | 'graph' | 'windows' | 'directory' | 'network';

export const FIX_LABEL: Readonly<Record<FixTarget, string>> = {
  pingone: 'PingOne',
  adfs: 'AD FS',
  graph: 'Microsoft Graph (Entra domain federation)',
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
  readonly provenance: Provenance;
}

const A = aadstsFact;
const H = hresultFact;
const S = signalFact;
/** Event ids identify a cause even when Event Viewer shows the message in another language. */
const E = eventFact;

const AUTH_CHAIN: readonly FactKey[] = [
  H('0xcaa20003'),
  H('0xcaa20002'),
  H('0xcaa90006'),
  H('0xcaa1000e'),
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
  when: [[H(MEX_WARNING[key]), H('0xcaa90022')]],
  supporting: AUTH_CHAIN,
  priority: 90,
  covers: ['mex-no-windows-auth-endpoint'],
  federated: true,
  why: `ADAL skips what it cannot use in the metadata exchange document (warning ${MEX_WARNING[key]}); with the windowstransport port skipped there is no Windows integrated auth endpoint left (0xcaa90022) and the federated token is never requested.`,
  fix: {
    adfs: 'AD FS generates its MEX itself: check that no proxy or load balancer rewrites /adfs/services/trust/mex, and that the endpoints are published with their https addresses (Get-AdfsEndpoint).',
    pingone:
      'Open the MetadataExchangeUri (https://<host>/wsf/mex13/<appId>) from the device: PingOne publishes a complete document; a rewritten or cached copy in between is the suspect.',
    graph:
      "Point MetadataExchangeUri at the STS's own, complete MEX document (https, WS-Trust 1.3): " +
      `${UPDATE_FEDERATION} -MetadataExchangeUri <url>.`,
  },
  provenance: {
    source:
      'HJM, MSALPY, ADALN, DSRT, WINRT (ADAL MEX warnings 0x8AA90024–0x8AA9002A and 0xCAA90022 [WINRT]; MSAL mex.py, ADAL mex.js selection rules)',
  },
}));

export const CAUSES: readonly Cause[] = [
  ...MEX_WARNING_CAUSES,
  {
    id: 'mex-no-windows-auth-endpoint',
    title:
      'The MEX document names no Windows integrated auth (windowstransport) endpoint: MetadataExchangeUri points at the wrong MEX, or the endpoint is off',
    phase: 'auth',
    when: [[H('0xcaa90022')]],
    supporting: AUTH_CHAIN,
    priority: 70,
    federated: true,
    why: 'Windows authenticates the computer with Kerberos to a WS-Trust windowstransport endpoint it finds in the MEX document that MetadataExchangeUri names. With none there, ADAL reports 0xcaa90022 ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT.',
    fix: {
      pingone:
        'MetadataExchangeUri must end with /wsf/mex13/<appId>, not /wsf/mex/<appId>: enable "Show WS-Trust 1.3 Metadata Exchange URL in Powershell cmdlets" on the Configuration tab of the Microsoft 365 application, then update the federated IdP setting.',
      adfs: 'Enable the Windows-auth endpoints and publish them in the MEX: Enable-AdfsEndpoint -TargetAddressPath /adfs/services/trust/13/windowstransport (and /adfs/services/trust/2005/windowstransport), then restart the AD FS service.',
      graph: `${UPDATE_FEDERATION} -MetadataExchangeUri https://<sts>/…mex13… (the WS-Trust 1.3 MEX that lists windowstransport).`,
    },
    provenance: {
      source: `${SEED} ("Federation settings issue": mex13); HJM, MSALPY, ADALN, DSRT, WINRT, PING (0xCAA90022 [WINRT]; hybrid-join-manual.md endpoints)`,
    },
  },
  {
    id: 'mex-not-xml',
    title: 'The MetadataExchangeUri answers with something that is not XML (an HTML page)',
    phase: 'auth',
    when: [[H('0xcaa9002c')]],
    supporting: AUTH_CHAIN,
    priority: 70,
    federated: true,
    why: 'ADAL could not parse the MEX response (0xcaa9002c ERROR_ADAL_FAILED_TO_PARSE_XML): a proxy or sign-in page answered instead of the STS, the device has no line of sight to it, or the Windows endpoints are disabled.',
    fix: {
      network:
        'Let the computer (SYSTEM context, WinHTTP proxy settings) reach the STS host directly; bypass the proxy for it.',
      adfs: 'Keep the MEX and windowstransport endpoints on the intranet AD FS servers, not behind the Web Application Proxy; Windows integrated auth must be a primary intranet authentication method.',
      pingone:
        'Open https://<host>/wsf/mex13/<appId> from the device: it must return the XML document, not a sign-in page.',
    },
    provenance: {
      source:
        'HJM, MSALPY, ADALN, DSRT, WINRT, TSC (0xcaa9002c [TSC]: proxy, no line of sight, Windows endpoints off, WIA not primary)',
    },
  },
  {
    id: 'mex-request-failed',
    title:
      'The MEX request failed (the MetadataExchangeUri does not answer a GET with the document)',
    phase: 'auth',
    when: [[H('0xcaa9002b')]],
    supporting: AUTH_CHAIN,
    priority: 70,
    federated: true,
    why: 'Windows fetches the MEX with an HTTP GET; a 404, a 405 (an STS that serves MEX only to a POST) or an unreachable host is 0xcaa9002b ERROR_ADAL_WS_TRUST_MEX_REQUEST.',
    fix: {
      graph: `Check the MetadataExchangeUri path (Get-MgDomainFederationConfiguration) and correct it: ${UPDATE_FEDERATION} -MetadataExchangeUri <url>.`,
      adfs: 'The AD FS MEX is https://<federation service>/adfs/services/trust/mex (Get-AdfsEndpoint -AddressPath /adfs/services/trust/mex: Enabled).',
      pingone: 'The PingOne MEX is https://<host>/wsf/mex13/<appId>.',
      network: 'From the device: Invoke-WebRequest <MetadataExchangeUri> must return 200 and XML.',
    },
    provenance: {
      source:
        'HJM, MSALPY, ADALN, DSRT, WINRT (Windows GETs the MEX: IdentityServer/IdentityServer2#878; 0xCAA9002B [WINRT])',
    },
  },
  {
    id: 'mex-url-not-https',
    title: 'MetadataExchangeUri is not https',
    phase: 'auth',
    when: [[H('0xcaa90020')]],
    supporting: AUTH_CHAIN,
    priority: 70,
    federated: true,
    why: 'ADAL refuses a metadata exchange URL that is not https (0xcaa90020 ERROR_ADAL_WS_TRUST_METADATAURL_NOT_SECURE) before it sends anything.',
    fix: {
      graph: `${UPDATE_FEDERATION} -MetadataExchangeUri https://… (the same path over https).`,
    },
    provenance: { source: 'HJM, MSALPY, ADALN, DSRT, WINRT (0xCAA90020 [WINRT])' },
  },
  {
    id: 'domain-not-ws-trust',
    title:
      'The domain is federated with SAML-P: the Windows join client needs WS-Federation / WS-Trust',
    phase: 'auth',
    when: [[H('0xcaa90017')]],
    supporting: AUTH_CHAIN,
    priority: 70,
    federated: true,
    why: "User realm discovery says the domain's federation protocol is not WS-Trust, and ADAL stops with 0xcaa90017 ERROR_ADAL_PROTOCOL_NOT_SUPPORTED.",
    fix: {
      graph: `${UPDATE_FEDERATION} -PreferredAuthenticationProtocol wsFed, with ActiveSignInUri and MetadataExchangeUri set to the IdP's WS-Trust endpoints.`,
      pingone:
        'Federate the domain with the WS-Federation Microsoft 365 application (not a SAML one).',
    },
    provenance: {
      source:
        'TSC, MSALPY, ADALN, AADI, DSRT (DSRegTool: federation_protocol must be WSTrust; 0xcaa90017 [TSC])',
    },
  },
  {
    id: 'sts-refused-windows-auth',
    title:
      "The STS refused the computer's WS-Trust request (Kerberos not accepted, or the relying party unknown)",
    phase: 'auth',
    when: [[H('0xcaa90014')]],
    supporting: [...AUTH_CHAIN, S('wstrust-auth-fault'), S('wstrust-scope-fault')],
    priority: 70,
    federated: true,
    why: "The windowstransport endpoint answered a SOAP fault instead of a token (0xcaa90014 ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED). A FailedAuthentication fault (ID3242) means the computer's Kerberos ticket was not accepted; ID3082 means the AppliesTo (urn:federation:MicrosoftOnline) is not a relying party the STS knows.",
    fix: {
      pingone:
        'Kerberos service account of the LDAP gateway: Active Directory Users and Computers › Properties › Account › "This account supports Kerberos AES 256 bit encryption", restart the gateway, klist purge on the device.',
      adfs: 'The relying party trust "Microsoft Office 365 Identity Platform" must have the identifier urn:federation:MicrosoftOnline and issuance authorization rules that permit computer accounts.',
      windows:
        'Run the join as SYSTEM on the intranet (windowstransport is intranet-only); klist purge if the ticket predates a service account change.',
    },
    provenance: {
      source: `${SEED} ("Kerberos service account and AES encryption"); DSRT, MSALPY, ADALN, ROAD, AADI (0xCAA90014 [WINRT]; ID3082: azure-activedirectory-library-for-python#240)`,
    },
  },
  {
    id: 'wstrust-response-unusable',
    title: 'The STS answered the WS-Trust request with something that holds no usable assertion',
    phase: 'auth',
    when: [[H('0xcaa90013')], [H('0xcaa90002')]],
    supporting: AUTH_CHAIN,
    priority: 60,
    federated: true,
    why: 'The RSTR could not be parsed (0xcaa90013) or holds no SAML assertion (0xcaa90002).',
    fix: {
      adfs: 'Check the AD FS Admin event log for the request; the windowstransport endpoint must return a RequestSecurityTokenResponse with a SAML 1.1 assertion.',
      pingone: 'Check the WS-Trust STS configuration of the Microsoft 365 application.',
    },
    provenance: { source: 'MSALPY, ADALN, ROAD, AADI (0xCAA90013, 0xCAA90002 [WINRT])' },
  },
  {
    id: 'device-claims-not-recognised',
    title:
      "Entra did not recognise the token as a computer's: accounttype, onpremobjectguid or primarysid is missing, in the wrong NameFormat, or the GUID is not encoded as Entra expects",
    phase: 'auth',
    when: [[A(51004)]],
    supporting: AUTH_CHAIN,
    priority: 80,
    federated: true,
    why: 'Without the three device claims under their exact claim types (accounttype = DJ, onpremobjectguid = base64 of the objectGUID bytes, primarysid = the computer SID) Entra treats the token as a user\'s, finds no user with its ImmutableID and answers invalid_grant AADSTS51004 "The user account {EUII Hidden} does not exist in the … directory" (0xcaa20003).',
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
    when: [[A(50107)]],
    supporting: AUTH_CHAIN,
    priority: 80,
    federated: true,
    why: "Entra looks up the federation realm by the token's Issuer, or by its issuerid claim when there is one, and compares it exactly (a trailing slash counts): AADSTS50107 \"The requested federation realm object '…' does not exist.\" names the value it did not find.",
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
    when: [[A(5000811)]],
    supporting: AUTH_CHAIN,
    priority: 80,
    federated: true,
    why: 'Entra checks the assertion\'s signature with the domain\'s SigningCertificate (or NextSigningCertificate); a key it does not have is AADSTS5000811 "Unable to verify token signature. The signing key identifier does not match any valid registered keys."',
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
    when: [[A(500133)], [A(70002)]],
    supporting: AUTH_CHAIN,
    priority: 80,
    federated: true,
    why: 'Entra compares NotBefore / NotOnOrAfter with its own clock (allowing a small skew): AADSTS70002 with AADSTS500133 "Assertion is not within its valid time range."',
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
    when: [[A(90020)]],
    supporting: AUTH_CHAIN,
    priority: 80,
    federated: true,
    why: 'Entra reads the ImmutableID from the Subject NameIdentifier: AADSTS90020 "The SAML 1.1 Assertion is missing ImmutableID of the user."',
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
    when: [[A(7500514)]],
    supporting: AUTH_CHAIN,
    priority: 80,
    federated: true,
    why: 'A client that maps only urn:oasis:names:tc:SAML:1.0:assertion to saml1_1-bearer sends a token labelled …oasis-wss-saml-token-profile-1.1#SAMLV1.1 with saml2-bearer; Entra finds no SAML 2.0 response in it: AADSTS7500514 "A supported type of SAML response was not found."',
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
    when: [[A(50008), S('saml-version-mismatch')], [S('saml-version-mismatch')]],
    supporting: AUTH_CHAIN,
    priority: 85,
    covers: ['assertion-rejected'],
    federated: true,
    why: 'The RSTR says SAML 1.1 (urn:oasis:names:tc:SAML:1.0:assertion), the client redeems it with saml1_1-bearer, and the assertion is SAML 2.0: AADSTS50008 "Cannot read SecurityToken. Expected element is (Assertion, urn:oasis:names:tc:SAML:1.0:assertion) the actual element is (Assertion, urn:oasis:names:tc:SAML:2.0:assertion)."',
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
    supporting: [...AUTH_CHAIN, A(50013)],
    priority: 85,
    covers: ['assertion-rejected'],
    federated: true,
    why: "Entra accepts only assertions whose AudienceRestriction names urn:federation:MicrosoftOnline (modeled: the code, AADSTS50013, is Entra's catch-all for invalid assertions; no public source shows the code it gives for a wrong audience).",
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
    when: [[A(50008)], [A(50013)]],
    supporting: AUTH_CHAIN,
    priority: 74,
    federated: true,
    why: 'AADSTS50008 InvalidSamlToken / AADSTS50013 InvalidAssertion: the assertion is missing, not signed over what Entra reads, or otherwise malformed.',
    fix: {
      adfs: 'Check the token-signing certificate and that nothing between AD FS and the device rewrites the RSTR.',
      pingone: 'Check the signing settings of the Microsoft 365 application (sign the assertion).',
      graph:
        'diagnose the RSTR or the assertion itself (hjsim diagnose rstr.xml) to see its claims and signature.',
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
    when: [[A(50076)], [A(50079)], [H('0xcaa2000c')]],
    supporting: AUTH_CHAIN,
    priority: 80,
    federated: true,
    why: 'Per-user MFA or Conditional Access requires MFA and the token carries no MFA claim: interaction_required AADSTS50076 / 50079 (0xcaa2000c).',
    fix: {
      adfs: 'Issue authnmethodsreferences (… => issue(claim = c);) and allow wiaormultiauthn: Set-AdfsRelyingPartyTrust -TargetName <RP> -AllowedAuthenticationClassReferences wiaormultiauthn.',
      graph:
        'Exclude device registration from the MFA policy, or set FederatedIdpMfaBehavior to acceptIfMfaDoneByFederatedIdp with an IdP that performs MFA.',
    },
    provenance: {
      source: 'ERR (50076, 50079); DL, TSL (WIAORMULTIAUTHN)',
    },
  },
  {
    id: 'user-realm-failed',
    title: 'User realm discovery for the domain failed',
    phase: 'discover',
    when: [[H('0x801c003d')], [H('0xcaa90018')]],
    supporting: AUTH_CHAIN,
    priority: 70,
    why: 'Windows asks login.microsoftonline.com whether the verified domain is managed or federated; that request failed (DSREG_AUTOJOIN_USERREALM_DISCOVERY_FAILED / ERROR_ADAL_COULDNOT_DISCOVER_USERREALM).',
    fix: {
      network: 'The computer (SYSTEM, WinHTTP proxy) must reach https://login.microsoftonline.com.',
      graph: 'The SCP azureADName must be a verified domain of the tenant.',
    },
    provenance: { source: 'TSC, MSALPY, ADALN, AADI, DSRT (0x801c003d [TSC]; 0xCAA90018 [WINRT])' },
  },
  {
    id: 'sts-unreachable',
    title: 'The STS (or login.microsoftonline.com) could not be reached from the computer',
    phase: 'auth',
    when: [[H('0xcaa82efd')], [H('0x80072efd')], [H('0x80072ee2')]],
    supporting: AUTH_CHAIN,
    priority: 70,
    federated: true,
    why: 'A connection the federated token needs failed (ERROR_ADAL_INTERNET_CANNOT_CONNECT 0xcaa82efd, WININET_E_CANNOT_CONNECT 0x80072efd, WININET_E_TIMEOUT 0x80072ee2): the STS host does not resolve or answer from where the computer is, or a proxy blocks the SYSTEM context.',
    fix: {
      network:
        'From the device, as SYSTEM: resolve and reach the STS host (MetadataExchangeUri and the windowstransport address) and login.microsoftonline.com; set the WinHTTP proxy (netsh winhttp show proxy) or bypass it for the STS.',
      adfs: 'windowstransport is an intranet endpoint: the device must reach the AD FS farm, not the Web Application Proxy.',
    },
    provenance: { source: 'TSC, WINRT (0xcaa82efd, 0x80072efd, 0x80072ee2 [TSC])' },
  },
  {
    id: 'user-not-in-directory',
    title:
      'The user the token names is not in Entra (a changed UPN still sent, or a user not synced)',
    phase: 'auth',
    when: [[A(50034)]],
    supporting: AUTH_CHAIN,
    priority: 80,
    why: 'AADSTS50034 "The user account {EmailHidden} does not exist in the … directory": the UPN or ImmutableID in the token matches no Entra user. After a UPN change down-level clients keep sending the old UPN until the browser session cookies are cleared or the user signs out.',
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
    when: [[H('0x801c003a')]],
    priority: 70,
    why: 'DRS discovery for the tenant id in the SCP answered "not found": DSREG_DISCOVERY_TENANT_NOT_FOUND 0x801c003a.',
    fix: {
      directory:
        'Correct the SCP keywords (CN=62a0ff2e-97b9-4513-943f-0d221bd30080,CN=Device Registration Configuration,CN=Services,CN=Configuration,…): azureADId:<your tenant id>, azureADName:<verified domain> — Entra Connect › Configure device options writes them.',
      windows:
        'If HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\CDJ\\AAD TenantId/TenantName is set (a targeted deployment), correct or remove it.',
    },
    provenance: {
      source: 'HJM, WIKI, TSC, WINRT (0x801c003a [TSC]; DSRegTool VerifySCP)',
    },
  },
  {
    id: 'scp-not-readable',
    title:
      'The Service Connection Point could not be read (missing, unreadable, or without azureADName)',
    // The discover phase reads the SCP: `Error Phase : discover`, AD Configuration Test FAIL
    // [DSR; TSC; RCMLAB].
    phase: 'discover',
    when: [[H('0x801c001d')], [S('scp-read-failed')], [E(307)]],
    priority: 70,
    why: 'Windows reads the tenant from the SCP in the forest\'s configuration partition: DSREG_AUTOJOIN_ADCONFIG_READ_FAILED 0x801c001d (event 307 "Failed to lookup the registration service information from Active Directory").',
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
    title: 'The device is already joined: nothing to do',
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
      [H('0x801c0021')],
      [H('0x8007000d')],
      [H('0x801c001f')],
      [S('discovery-failed')],
      // Not the bare id 201: the down-level MSI's log uses 201 for a success [AZD80678]; the
      // User Device Registration 201 is read by its text (discovery-failed) and by the 309 after it.
      [E(309)],
    ],
    // The discovery's own sub-error (`DRS Discovery Test : FAIL [0x801c0021/0x80072ee2]` [TSC]) is
    // a connection failure too, but no STS was reached yet: the discovery is the cause.
    covers: ['sts-unreachable'],
    priority: 65,
    why: 'Windows gets the registration service endpoints from https://enterpriseregistration.windows.net/<tenant>/discover; a failure there is DSREG_AUTOJOIN_DISC_FAILED 0x801c0021 (E_INVALIDDATA 0x8007000d when a proxy answered HTML).',
    fix: {
      network:
        'Allow the computer context (WinHTTP proxy, or WPAD) to reach enterpriseregistration.windows.net, login.microsoftonline.com and device.login.microsoftonline.com without TLS inspection.',
    },
    provenance: {
      source: 'DSRT, HBS, DVRD, TSC, WINRT (0x801c0021, 0x8007000d [TSC]; events 201, 309 [EVT])',
    },
  },
  {
    id: 'drs-throttled',
    title: 'DRS throttled the join request',
    phase: 'join',
    when: [[S('drs-throttled')]],
    priority: 65,
    why: 'DirectoryError "Your request is throttled temporarily. Please try after 300 seconds." (DSREG_E_DIRECTORY_FAILURE 0x801c03f2): too many registration requests for this device in a short time.',
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
    when: [[S('drs-device-not-found')], [H('0x801c03f2')]],
    priority: 50,
    why: 'The sync join (the managed flow, and the fallback after a federated failure) needs the computer object synced with its userCertificate: DirectoryError "The device object by the given id (…) is not found." → 0x801c03f2.',
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
      graph: 'For a managed domain, enable Seamless SSO.',
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
    when: [[S('dialog-device-quota')], [H('0x801c000e')]],
    priority: 70,
    why: 'Down-level devices register per user; each user counts against "Maximum number of devices per user" (DSREG_E_DEVICE_REGISTRATION_QUOTA_EXCCEEDED 0x801c000e).',
    fix: {
      graph:
        'Raise Devices › Device settings › "Maximum number of devices per user", or delete the user\'s stale devices.',
    },
    provenance: { source: `${LEGACY} ("A quota has been reached"); hresult catalogue 0x801c000e` },
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
  {
    id: 'federated-token-rejected',
    title: "Entra refused the IdP's token (the AADSTS code is not in this excerpt)",
    phase: 'auth',
    when: [[H('0xcaa20003')], [H('0xcaa20002')], [H('0xcaa90006')]],
    supporting: AUTH_CHAIN,
    priority: 20,
    generic: true,
    federated: true,
    why: 'The token endpoint answered an error (ERROR_ADAL_SERVER_ERROR_INVALID_GRANT / INVALID_REQUEST, ERROR_ADAL_WSTRUST_TOKEN_REQUEST_FAIL); the AADSTS code in the ResponseText line or in Server Message of dsregcmd /status tells which check failed.',
    fix: {
      windows:
        'Add the "Token response is not successfull" line of dsregcmd /join /debug, or Server Message of dsregcmd /status, and diagnose again.',
    },
    provenance: { source: 'WIKI, AADI, ROAD, MSALPY, TSC, WINRT (0xcaa20003, 0xcaa90006 [TSC])' },
  },
  {
    id: 'federated-auth-failed',
    title: 'The federated token could not be obtained (only the aggregate 0xcaa1000e is shown)',
    phase: 'auth',
    when: [[H('0xcaa1000e')], [S('token-failed')], [E(305)]],
    supporting: AUTH_CHAIN,
    priority: 10,
    generic: true,
    federated: true,
    why: 'dsreg reports 0xcaa1000e for any failure of the federated token; the first error after "GetComputerTokenForADRS failed with error" and the AdalLog HRESULTs before it name the step.',
    fix: {
      windows:
        'Diagnose the whole dsregcmd /join /debug output (run as SYSTEM), not only its last lines.',
    },
    provenance: { source: 'TSC, WINRT (0xcaa1000e: CSS wiki; PingOne seed)' },
  },
];

export function causeById(id: string): Cause | undefined {
  return CAUSES.find((c) => c.id === id);
}
