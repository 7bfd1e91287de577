/**
 * What the token endpoint's checks share: the request, what earlier checks established, and the
 * failure type each check may return. The checks run in the order of `TOKEN_CHECKS`.
 */
import type { Saml11Assertion, Verified } from '../../protocol/saml11/types.ts';
import type { EntraContext, TenantDomain } from '../tenant.ts';

export interface TokenFailure {
  readonly code: number;
  readonly params?: Readonly<Record<string, string>>;
  /** Internal detail for the simulator's log, never on the wire. */
  readonly detail?: string;
}

export interface TokenState {
  readonly ctx: EntraContext;
  /** The `{tenant}` path segment: an id, a domain, `common` or `organizations`. */
  readonly tenantSegment: string;
  readonly form: URLSearchParams;
  readonly contentType: string;
  grantType?: 'saml1_1-bearer' | 'saml2-bearer';
  assertionXml?: string;
  assertion?: Verified<Saml11Assertion>;
  /** Index into the candidate certificate list the signature verified with. */
  signingCertificate?: string;
  domain?: TenantDomain;
  device?: { readonly deviceId: string; readonly objectGuidClaim: string; readonly sid: string };
}

export type TokenCheck = (s: TokenState) => TokenFailure | undefined;
