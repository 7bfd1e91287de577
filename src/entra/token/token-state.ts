/**
 * What the token endpoint's checks share: the request, what earlier checks established, and the
 * failure type each check may return. The checks run in the order of `TOKEN_CHECKS`.
 */
import type { EntraContext, TenantDomain, TenantUser } from '../tenant.ts';
import type { TokenView } from './token-view.ts';
import { type AadstsCode } from '../../protocol/oauth/aadsts.ts';

export interface TokenFailure {
  readonly code: AadstsCode;
  readonly params?: Readonly<Record<string, string>>;
  /** Internal detail for the simulator's log, never on the wire. */
  readonly detail?: string;
}

/** `/oauth2/token` (v1: `resource`) or `/oauth2/v2.0/token` (v2.0: `scope`). */
export type TokenEndpointVersion = 'v1' | 'v2';

export type SignatureOutcome =
  | { readonly kind: 'verified'; readonly token: TokenView; readonly certificate: string }
  /** A valid signature by a key no federated domain registered: the next check refuses it. */
  | { readonly kind: 'unregistered-key'; readonly detail: string };

export interface TokenState {
  readonly ctx: EntraContext;
  readonly endpoint: TokenEndpointVersion;
  /** The `{tenant}` path segment: an id, a domain, `common` or `organizations`. */
  readonly tenantSegment: string;
  readonly form: URLSearchParams;
  readonly contentType: string;
  grantType?: 'saml1_1-bearer' | 'saml2-bearer';
  /** The resource identifier the token is for (v1 `resource`, or what the v2.0 `scope` names). */
  resource?: string;
  assertionXml?: string;
  /** The root element the XML check found: which SAML version the document is. */
  documentVersion?: '1.1' | '2.0';
  signature?: SignatureOutcome;
  /** The verified token, once its signing key is known to be registered. */
  token?: TokenView;
  /** The registered certificate (PEM or base64, as configured) the signature verified with. */
  signingCertificate?: string;
  domain?: TenantDomain;
  device?: { readonly deviceId: string; readonly objectGuidClaim: string; readonly sid: string };
  user?: TenantUser;
  /** The federated IdP asserted MFA (multipleauthn / wiaormultiauthn). */
  mfaByIdp?: boolean;
}

export type TokenCheck = (s: TokenState) => TokenFailure | undefined;
