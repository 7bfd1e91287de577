/**
 * What one conformance run needs: the MEX to test, the domain's federation settings as Entra holds
 * them, the computer the token should describe, how to authenticate, the CA to trust, a clock.
 * Built by conform-input.ts from a scenario and/or command-line flags.
 */
import type { Clock } from '../../core/clock.ts';
import type { IdSource } from '../../core/ids.ts';

/** The fields of Graph internalDomainFederation the plan compares the IdP with. */
export interface ConformFederation {
  readonly domain: string;
  readonly issuerUri: string;
  /** The MetadataExchangeUri registered for the domain (what Windows fetches). */
  readonly metadataExchangeUri: string;
  /** PEM. */
  readonly signingCertificate: string;
  readonly nextSigningCertificate?: string;
  readonly preferredAuthenticationProtocol: 'wsFed' | 'saml';
}

/** The computer the device claims must describe, as far as the run knows it. */
export interface ConformComputer {
  readonly name?: string;
  readonly objectGuid?: string;
  readonly objectSid?: string;
}

export type ConformAuth =
  /** WS-Trust usernamemixed: stands in for the computer's windowstransport (docs/decisions/0011). */
  | { readonly kind: 'usernamemixed'; readonly username: string; readonly password: string }
  /** windowstransport with hjsim's modeled Kerberos ticket: only an hjsim mock IdP reads it. */
  | { readonly kind: 'modeled-kerberos'; readonly negotiate: (spn: string) => string };

export interface ConformSettings {
  readonly mexUrl: string;
  readonly federation: ConformFederation;
  readonly tenantId: string;
  readonly computer: ConformComputer;
  readonly auth: ConformAuth;
  /** PEM CA certificates trusted for the IdP's TLS besides the system ones. */
  readonly ca?: string;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly notes: readonly string[];
}
