/**
 * What one mock IdP is: its profile (paths, issuer, claim rules), host, signing key and
 * algorithms, the scenario's claim overrides, token options, MEX variant, and its view of the
 * directory (the computers and users it can authenticate).
 */
import type { KeyObject } from 'node:crypto';
import type { Clock } from '../core/clock.ts';
import type { IdSource } from '../core/ids.ts';
import type { IdpProfile } from './profiles/idp-profile.ts';
import type { PingOneMapping } from './profiles/pingone-mappings.ts';

/** Where a claim's value comes from; resolved per principal (undefined: nothing to issue). */
export type ClaimValueSource =
  | { readonly kind: 'literal'; readonly value: string }
  /** The principal's objectGUID (computer) or source-anchor GUID (user), base64. */
  | { readonly kind: 'objectGuid'; readonly encoding: 'uuidAsBase64Guid' | 'bigEndian' }
  /** The ImmutableID Entra Connect synced: a user's, or a computer's objectGUID. */
  | { readonly kind: 'immutableId'; readonly encoding: 'uuidAsBase64Guid' | 'bigEndian' }
  | { readonly kind: 'objectSid' }
  | { readonly kind: 'upn' }
  /** `http://<domain>/adfs/services/trust/` for a fixed verified domain. */
  | { readonly kind: 'issuerId'; readonly domain: string }
  /** `regexreplace(UPN, ".+@(?<domain>.+)", "http://${domain}/adfs/services/trust/")`. */
  | { readonly kind: 'issuerIdFromUpn' };

export interface ClaimRule {
  /** The scenario's key: `accounttype`, `onpremobjectguid`, … (the AttributeName by default). */
  readonly key: string;
  /** SAML 1.1 AttributeNamespace (PingOne: the mapping's NameFormat). */
  readonly namespace: string;
  readonly name: string;
  readonly value: ClaimValueSource;
  /** Issue the attribute twice (duplicate-claim misconfiguration). */
  readonly duplicate?: boolean;
  /** Written as the attribute's OriginalIssuer (AD FS: `CLIENT CONTEXT` request claims). */
  readonly originalIssuer?: string;
}

/** A scenario's change to one claim (or 'omit'). */
export type ClaimOverride =
  | 'omit'
  | {
      readonly namespace?: string | undefined;
      readonly name?: string | undefined;
      readonly value?: string | undefined;
      readonly omit?: boolean | undefined;
      readonly encoding?: 'uuidAsBase64Guid' | 'bigEndian' | undefined;
      readonly duplicate?: boolean | undefined;
    };

export interface DirectoryComputer {
  readonly name: string;
  readonly objectGuid: string;
  readonly objectSid: string;
  /** Set on few computers; AD FS's "Issue UPN" rule then issues it for the device [AADIBLOG]. */
  readonly userPrincipalName?: string;
  /** The AD domain's NetBIOS and DNS names (`NETBIOS\NAME$`, `NAME$@dns`). */
  readonly netbiosDomain?: string;
  readonly dnsDomain?: string;
  /**
   * The computer account's password, when the scenario sets one: a usernamemixed sign-in as the
   * computer (hjsim conform's stand-in for Windows auth; docs/decisions/0011). Absent: Windows
   * integrated auth only, as for every real Windows join.
   */
  readonly password?: string;
}

/** A user the IdP authenticates with a password (usernamemixed, passive sign-in, SAML-P). */
export interface DirectoryUser {
  readonly upn: string;
  /** Absent: the user signs in with Windows integrated auth only (an AD user of a down-level machine). */
  readonly password?: string;
  /** The source anchor (objectGUID or mS-DS-ConsistencyGuid) the ImmutableID is made from. */
  readonly objectGuid?: string;
  /** The ImmutableID as synced, when given instead of (or besides) the GUID. */
  readonly immutableId?: string;
  /** The AD account's SID: Windows integrated auth of the user (down-level sign-in) finds it by it. */
  readonly objectSid?: string;
}

export type TokenTypeSpelling =
  | 'urn:oasis:names:tc:SAML:1.0:assertion'
  | 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV1.1'
  | 'urn:oasis:names:tc:SAML:2.0:assertion'
  | 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0';

/** Named MEX documents a scenario can pick; `complete` is the IdP's own. */
export const MEX_VARIANTS = [
  'complete',
  'no-windows-auth',
  '2005-only',
  'http-address',
  'no-soap-action',
  'no-soap-transport',
  'no-binding',
  'no-binding-name',
  'no-policy-reference-uri',
  'no-address',
  'html',
  'post-only',
] as const;
export type MexVariant = (typeof MEX_VARIANTS)[number];

/** AD FS relying-party trust options for the Microsoft Office 365 Identity Platform. */
export interface AdfsOptions {
  /** `-SupportMultipleDomain`: the token Issuer is the service identifier; issuerid names the domain. */
  readonly multipleDomains: boolean;
  /**
   * Which issuerid rules the RP trust has: the hybrid join ones (users by UPN, computers by
   * `-515`), only the leftover UPN-based one, or none.
   */
  readonly issuerIdRules: 'hybrid-join' | 'upn-leftover' | 'none';
  /** The verified domain the computers' issuerid names. */
  readonly issuerIdDomain: string;
  /**
   * The RP trust's IssuanceTransformRules as text (a customer's own); replaces the built-in rules
   * that multipleDomains / issuerIdRules choose.
   */
  readonly issuanceTransformRules?: string;
  /** Issuance authorization for computers: `deny` refuses their token requests (MSIS7068). */
  readonly computerAccess?: 'permit' | 'deny';
}

export interface SigningOptions {
  readonly key: KeyObject;
  readonly certificatePem: string;
  readonly signatureAlgorithm: 'rsa-sha256' | 'rsa-sha1';
  readonly digestAlgorithm: 'sha256' | 'sha1';
  /** Put the signing certificate in ds:KeyInfo. */
  readonly includeKeyInfo: boolean;
}

export interface IdpConfig {
  readonly profile: IdpProfile;
  /** The host (and port, when not 443) every endpoint is published under. */
  readonly host: string;
  /** PingOne application id (path segment of every endpoint). */
  readonly appId: string | undefined;
  /** The verified domain this IdP federates (UPN suffix, AD FS issuer). */
  readonly domain: string;
  readonly issuer: string;
  /** Fixed Audience; undefined: the relying party the token is requested for. */
  readonly audience: string | undefined;
  readonly signing: SigningOptions;
  /** Per claim key; applied to what the profile's rules issue. */
  readonly claimOverrides: Readonly<Record<string, ClaimOverride>>;
  readonly nameIdentifier: {
    readonly omit: boolean;
    readonly format: string | undefined;
    readonly value: string | undefined;
  };
  readonly tokenType: TokenTypeSpelling;
  /** The SAML version of the assertion (default 1.1); the RSTR TokenType is set apart, so they can disagree. */
  readonly tokenVersion?: '1.1' | '2.0';
  /** Assertion validity relative to issuance. */
  readonly validity: { readonly notBeforeOffsetSeconds: number; readonly lifetimeSeconds: number };
  /** The relying parties the STS knows (RST AppliesTo, wtrealm must be one). */
  readonly relyingParties: readonly string[];
  /** Can the IdP decrypt RC4 Kerberos tickets (PingOne's gateway cannot: AES only). */
  readonly kerberos: { readonly acceptRc4: boolean };
  readonly mexVariant: MexVariant;
  readonly adfs: AdfsOptions;
  /** PingOne: the application's attribute mappings (its own, imported from the API's JSON). */
  readonly pingone?: { readonly attributeMappings?: readonly PingOneMapping[] | undefined };
  readonly directory: readonly DirectoryComputer[];
  readonly users: readonly DirectoryUser[];
  /**
   * The relying party trust allows the `wiaormultiauthn` class reference (AD FS
   * `Set-AdfsRelyingPartyTrust -AllowedAuthenticationClassReferences wiaormultiauthn`); absent: no.
   */
  readonly wiaormultiauthn?: boolean;
  /** Turns the signed assertion into an attack before it goes out (scenario `idp.attack`). */
  readonly mutateAssertion?: (signedXml: string) => string;
  readonly clock: Clock;
  readonly ids: IdSource;
}
