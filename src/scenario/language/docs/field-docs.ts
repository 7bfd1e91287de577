/**
 * What each scenario field means, for the fields whose zod schema has no `.describe()`: the JSON
 * Schema editors read and docs/scenario-reference.md both take their text from here (a
 * `.describe()` in `schema.ts` wins). Paths: `a.b` for fields, `a[]` for list items, `<claim>`
 * for the claim names under `idp.claims`. A test fails when a field has no text.
 */
import { HR } from '../../../protocol/hresult/catalog.ts';
import { AADSTS } from '../../../protocol/oauth/aadsts.ts';
export const FIELD_DOCS: Readonly<Record<string, string>> = {
  'onprem.users[].upn': "The AD user's userPrincipalName (what the down-level client signs in as)",
  'device.ie.trustedSites':
    "Sites in Internet Explorer's Trusted sites zone (Windows integrated auth is answered only in the Local intranet zone)",
  'tenant.drs': 'Mock DRS behaviour: throttling of join requests',
  'tenant.drs.throttle.maxRequests': `Join requests accepted per device (or user) in a window; beyond: DirectoryError "Your request is throttled temporarily. Please try after 300 seconds." (${HR.DSREG_E_DIRECTORY_FAILURE})`,
  'tenant.drs.throttle.windowSeconds': 'The throttling window in seconds (default 300)',
  'idp.users[].upn':
    'The user principal name the IdP authenticates (usernamemixed, passive sign-in, SAML-P)',
  'idp.users[].password': "The user's password at the IdP (UsernameToken / sign-in form)",
  'idp.mex':
    'The MEX document the IdP serves: `variant` complete, or a named breakage (no-windows-auth, 2005-only, http-address, no-soap-action, no-soap-transport, no-binding, no-binding-name, no-policy-reference-uri, no-address, html, post-only)',
  'idp.signature': "The assertion's XML signature: algorithm, digest, certificate in KeyInfo",
  'idp.signature.algorithm': 'rsa-sha256 (default) or rsa-sha1',
  'idp.signature.digest': 'sha256 (default) or sha1',
  'idp.nameIdentifier':
    "The Subject NameIdentifier (the ImmutableID): omit, or { format, value } overrides of the profile's",
  'idp.pingone': "PingOne profile settings: the application's own attribute mappings",
  'idp.adfs':
    "AD FS profile settings: multiple-domain mode, which built-in issuerid claim rules run, or the customer's own rule text",
  name: 'What the scenario shows (one line; report and JUnit test-case name)',
  description: 'Longer explanation; never inherited through extends',
  tags: 'Labels for `hjsim run --filter`; a file that sets them replaces the inherited list',
  tenant: 'The Entra tenant: verified domains, synced devices, users',
  'tenant.id': 'Tenant GUID',
  'tenant.displayName': "Tenant display name (default: the first domain's name)",
  'tenant.domains':
    'Verified domains; under extends they merge by name (a domain named again is patched, a new one added)',
  'tenant.domains[].name': 'The verified domain name, e.g. imokatdi.ping-eng.com',
  'tenant.domains[].authentication': 'federated (an IdP signs in its users and devices) or managed',
  'tenant.domains[].federation':
    "The domain's federation settings: the fields of Graph internalDomainFederation (Get-MgDomainFederationConfiguration)",
  'tenant.domains[].federation.issuerUri': `Must equal the assertion's Issuer exactly (a trailing slash matters): AADSTS${AADSTS.InvalidRealmUri} otherwise`,
  'tenant.domains[].federation.metadataExchangeUri':
    'The MEX URL the client fetches (https; PingOne: /wsf/mex13/<appId>)',
  'tenant.domains[].federation.activeSignInUri': 'The WS-Trust STS URL (PingOne: /wsf/sts/<appId>)',
  'tenant.domains[].federation.passiveSignInUri': 'WS-Federation passive sign-in URL',
  'tenant.domains[].federation.signOutUri': 'WS-Federation sign-out URL',
  'tenant.domains[].federation.nextSigningCertificate':
    'A second accepted signing certificate (key rollover); same forms as signingCertificate',
  'tenant.domains[].federation.preferredAuthenticationProtocol': `wsFed (WS-Trust for devices) or saml (SAML-P: Windows cannot get a device token, ${HR.ERROR_ADAL_PROTOCOL_NOT_SUPPORTED})`,
  'tenant.domains[].federation.federatedIdpMfaBehavior':
    'acceptIfMfaDoneByFederatedIdp, enforceMfaByFederatedIdp or rejectMfaByFederatedIdp',
  'tenant.domains[].federation.displayName': 'Display name of the federation',
  'tenant.devices':
    "Computers Entra Connect synced besides the scenario's own device; under extends they merge by objectGuid",
  'tenant.devices[].objectGuid': "The computer's AD objectGUID",
  'tenant.devices[].objectSid': "The computer's AD objectSid",
  'tenant.devices[].displayName': 'Device display name in Entra',
  'tenant.users': 'Users with an ImmutableID; under extends they merge by upn',
  'tenant.users[].upn': 'User principal name',
  'tenant.users[].immutableId':
    'The sourceAnchor (base64 objectGUID) Entra matches a SAML NameIdentifier with',
  idp: 'The federated IdP and how it issues the device token',
  'idp.profile': 'The IdP product modeled (pingone, adfs); required unless idp.external is set',
  'idp.host': 'The host the IdP answers at (its MEX and STS); required unless idp.external is set',
  'idp.signingKey':
    'The token-signing private key (a PEM file, e.g. certs/idp-signing.key); required unless idp.external is set',
  'idp.claims':
    'Changes to the claims the IdP issues, by name (accounttype, onpremobjectguid, primarysid, ImmutableID, issuerid, UPN, …, nameidentifier): another namespace or name, a value, `omit`; a misspelt name is refused with its nearest match',
  'idp.extraClaims':
    'Claims the IdP does not issue, added as written: `costcenter: { namespace: http://schemas.example.com/claims, value: 42 }`',
  'idp.kerberos': "The IdP's Kerberos service account",
  'idp.kerberos.aes':
    'It supports AES (false: the Windows-auth ticket cannot be decrypted, a WS-Trust fault)',
  'idp.tokenType': `RSTR TokenType spelling; the …#SAMLV1.1 one makes the client redeem with saml2-bearer (AADSTS${AADSTS.SamlResponseTypeNotSupported})`,
  'idp.audience': 'Assertion audience (default urn:federation:MicrosoftOnline)',
  'idp.validity': "The assertion's validity window, relative to issuance",
  'idp.validity.notBeforeOffsetSeconds':
    'NotBefore minus now, in seconds (Entra allows 5 minutes of clock skew)',
  'idp.validity.lifetimeSeconds': 'NotOnOrAfter minus NotBefore, in seconds',
  onprem: 'On-premises AD as the computer sees it',
  'onprem.domain': 'The AD domain (DNS name)',
  'onprem.forest': 'The forest root domain (default: the domain)',
  'onprem.netbiosName': 'NetBIOS domain name (default: the first label, upper case)',
  'onprem.dcReachable': 'A domain controller is reachable (false: the pre-check fails)',
  'onprem.scp.azureADName': 'The SCP keyword azureADName: the verified domain the client discovers',
  'onprem.scp.azureADId': 'The SCP keyword azureADId: the tenant id',
  'onprem.registry.tenantId': 'HKLM\\…\\CDJ\\AAD TenantId',
  'onprem.registry.tenantName': 'HKLM\\…\\CDJ\\AAD TenantName',
  device: 'The Windows computer that joins',
  'device.name': 'Computer name (sAMAccountName without $)',
  'device.os': 'Windows version',
  'device.osVersion':
    'OS version the join request reports; on Windows 10+ its build (10.0.<build>) selects the dsregcmd output and event texts of that build (docs/fidelity.md)',
  'device.objectGuid': "The computer's AD objectGUID (= the Entra device id)",
  'device.objectSid': "The computer's AD objectSid",
  'device.fallbackToSyncJoin':
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\CDJ FallbackToSyncJoin (on unless set to 0)',
  'device.runAsSystem': 'The join runs as SYSTEM, as the scheduled task does',
  expect: 'What must hold after the run; never inherited through extends. Every field is optional',
  'expect.joined': 'The device is Entra joined (AzureAdJoined : YES)',
  'expect.joinType': 'federated, sync or none',
  'expect.errorPhase': 'Where the join failed: pre-check, discover, auth or join',
  'expect.fallbackAttempted': 'The client tried a sync join after the federated one failed',
  'expect.transcriptIncludes': 'Lines (or parts) that must appear in dsregcmd /join /debug',
  'expect.transcriptExcludes': 'Text that must not appear in dsregcmd /join /debug',
};
