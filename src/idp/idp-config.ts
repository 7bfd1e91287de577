/**
 * What the mock IdP is: profile, host, issuer, signing key, claim rules, token options, and its
 * view of the directory (the computers its LDAP gateway / AD store can look up).
 */
import type { KeyObject } from 'node:crypto';
import type { Clock } from '../core/clock.ts';
import type { IdSource } from '../core/ids.ts';

/** Where a claim's value comes from. */
export type ClaimValueSource =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'objectGuid'; readonly encoding: 'uuidAsBase64Guid' | 'bigEndian' }
  | { readonly kind: 'objectSid' }
  | { readonly kind: 'issuerId'; readonly domain: string };

export interface ClaimRule {
  /** The scenario's key: `accounttype`, `onpremobjectguid`, … */
  readonly key: string;
  /** SAML 1.1 AttributeNamespace (PingOne: the mapping's NameFormat). */
  readonly namespace: string;
  readonly name: string;
  readonly value: ClaimValueSource;
  /** Issue the attribute twice (duplicate-claim misconfiguration). */
  readonly duplicate?: boolean;
}

export interface DirectoryComputer {
  readonly name: string;
  readonly objectGuid: string;
  readonly objectSid: string;
}

export type TokenTypeSpelling =
  | 'urn:oasis:names:tc:SAML:1.0:assertion'
  | 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV1.1';

export interface IdpConfig {
  readonly profile: 'pingone';
  readonly host: string;
  /** PingOne application id (path segment of every endpoint). */
  readonly appId: string;
  readonly issuer: string;
  readonly audience: string;
  readonly signingKey: KeyObject;
  readonly signingCertificatePem: string;
  readonly claims: readonly ClaimRule[];
  readonly nameIdentifier:
    { readonly format: string; readonly value: ClaimValueSource } | undefined;
  readonly tokenType: TokenTypeSpelling;
  /** Assertion validity relative to issuance. */
  readonly validity: { readonly notBeforeOffsetSeconds: number; readonly lifetimeSeconds: number };
  /** The relying parties the STS knows (RST AppliesTo must be one). */
  readonly relyingParties: readonly string[];
  /** Kerberos: can the service account decrypt AES tickets only (PingOne gateway) — RC4 tickets fail. */
  readonly kerberos: { readonly acceptRc4: boolean };
  readonly directory: readonly DirectoryComputer[];
  /** Turns the signed assertion into an attack before it goes out (scenario `idp.attack`). */
  readonly mutateAssertion?: (signedXml: string) => string;
  readonly clock: Clock;
  readonly ids: IdSource;
}
