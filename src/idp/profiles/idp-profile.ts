/**
 * An IdP product as the mock models it: where its endpoints live, what its issuer looks like,
 * which claims its rules issue for a computer or a user, and how it treats Kerberos tickets.
 * `adfs` and `pingone` implement it; the rest of the IdP reads only this interface.
 */
import type { MexEndpointKind } from '../../protocol/mex/build-mex.ts';
import type { WsTrustVersion } from '../../protocol/wstrust/constants.ts';
import type { ClaimRule, ClaimValueSource, IdpConfig } from '../idp-config.ts';
import type { AuthenticationKind, Principal } from '../principal.ts';

export type StsAuth = 'windows' | 'username';
/** The endpoint kinds a MEX can publish (AD FS names them by their path's last segment). */
export type MexOfferKind = MexEndpointKind;

export interface StsEndpoint {
  readonly path: string;
  /** The WS-Trust version the endpoint speaks; undefined: either (PingOne's single STS URL). */
  readonly version: WsTrustVersion | undefined;
  readonly auth: readonly StsAuth[];
}

export interface MexOffer {
  readonly kind: MexOfferKind;
  readonly version: WsTrustVersion;
}

export interface MexDocument {
  readonly path: string;
  /** The endpoints the document publishes, in order. */
  readonly offers: readonly MexOffer[];
}

export interface IdpEndpoints {
  readonly mex: readonly MexDocument[];
  readonly sts: readonly StsEndpoint[];
  /** The STS path that serves an offer (what a MEX port's address points at). */
  stsPathFor(offer: MexOffer): string;
  /** `Identity/Upn` published on windowstransport ports (the STS service account), if any. */
  readonly windowsIdentityUpn?: string;
  /** WS-Federation passive requestor endpoint (sign-in and sign-out). */
  readonly passive: string;
  readonly federationMetadata: string;
  readonly samlp: { readonly metadata: string; readonly sso: string };
}

/** What a profile needs to know about the IdP it describes. */
export type ProfileSite = Pick<IdpConfig, 'host' | 'appId' | 'domain' | 'adfs'> &
  Partial<Pick<IdpConfig, 'directory' | 'users' | 'pingone'>>;

export interface IdpProfile {
  readonly name: 'adfs' | 'pingone';
  /** Shown in FederationMetadata and the Graph `displayName`. */
  readonly displayName: string;
  endpoints(site: ProfileSite): IdpEndpoints;
  /** The assertion Issuer (and metadata entityID) unless the scenario sets one. */
  defaultIssuer(site: ProfileSite): string;
  /** The claims this IdP's rules issue for one principal, before scenario overrides. */
  claimRules(principal: Principal, site: ProfileSite, how?: AuthenticationKind): ClaimRule[];
  /**
   * AD FS: the value of an issuerid claim the rules issue becomes the assertion's Issuer and no
   * issuerid attribute is sent [AADIBLOG].
   */
  readonly issuerIdIsIssuer?: boolean;
  /** Subject NameIdentifier, or undefined when the rules issue none. */
  nameIdentifier(principal: Principal): { format: string; value: ClaimValueSource } | undefined;
  /**
   * The issued claim the Subject NameIdentifier is made from (AD FS: `ImmutableID`): when the
   * token leaves that claim out, it has no NameIdentifier either. Undefined: the NameIdentifier
   * does not depend on an issued claim.
   */
  readonly nameIdentifierFromClaim?: string;
  /** Every claim key its rules can issue (scenario overrides of other keys add claims). */
  readonly claimKeys: readonly string[];
  /** Whether a ticket encrypted with RC4 can be decrypted by the service. */
  readonly acceptsRc4Tickets: boolean;
  /** `fed:TokenTypesOffered` of its federation metadata. */
  readonly tokenTypesOffered: readonly string[];
}
