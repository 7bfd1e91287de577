/**
 * The Graph representation of a domain's `internalDomainFederation` and the checks a PATCH body
 * goes through: known, writable properties only; strings where strings go; the enum values Graph
 * defines; certificates that parse as X.509.
 * @see microsoftgraph/microsoft-graph-docs-contrib api-reference/v1.0/api/internaldomainfederation-update.md
 *   (properties, enum values, "returns a 200 OK response code and an updated internalDomainFederation")
 * modeled: the messages of the 400s (Graph's exact wording for each case is not in our sources);
 *   `signingCertificateUpdateStatus` is not shown (mock Entra has no auto-rollover).
 */
import { X509Certificate } from 'node:crypto';
import { certificateDer } from '../../protocol/x509/build-certificate.ts';
import { federationIdOf, type FederationSettings, type TenantDomain } from '../tenant.ts';

export const FEDERATED_IDP_MFA_BEHAVIORS = [
  'acceptIfMfaDoneByFederatedIdp',
  'enforceMfaByFederatedIdp',
  'rejectMfaByFederatedIdp',
] as const;
export const AUTHENTICATION_PROTOCOLS = ['wsFed', 'saml'] as const;
export const PROMPT_LOGIN_BEHAVIORS = [
  'translateToFreshPasswordAuthentication',
  'nativeSupport',
  'disabled',
] as const;

/** Bare base64 DER, as Graph shows certificates (a PEM in the scenario is shown this way). */
function graphCertificate(pemOrBase64: string | undefined): string | null {
  return pemOrBase64 === undefined ? null : certificateDer(pemOrBase64).toString('base64');
}

export function toGraph(domain: TenantDomain): Record<string, unknown> {
  const f = domain.federation!;
  return {
    '@odata.type': '#microsoft.graph.internalDomainFederation',
    id: federationIdOf(domain),
    displayName: f.displayName ?? null,
    issuerUri: f.issuerUri,
    metadataExchangeUri: f.metadataExchangeUri,
    signingCertificate: graphCertificate(f.signingCertificate),
    passiveSignInUri: f.passiveSignInUri ?? null,
    preferredAuthenticationProtocol: f.preferredAuthenticationProtocol,
    activeSignInUri: f.activeSignInUri,
    signOutUri: f.signOutUri ?? null,
    promptLoginBehavior: f.promptLoginBehavior ?? null,
    isSignedAuthenticationRequestRequired: f.isSignedAuthenticationRequestRequired ?? null,
    nextSigningCertificate: graphCertificate(f.nextSigningCertificate),
    federatedIdpMfaBehavior: f.federatedIdpMfaBehavior ?? null,
  };
}

type Problem = { readonly code: string; readonly message: string };
type Patch =
  { readonly ok: true; readonly value: FederationSettings } | ({ readonly ok: false } & Problem);

const STRINGS = [
  'displayName',
  'issuerUri',
  'metadataExchangeUri',
  'passiveSignInUri',
  'activeSignInUri',
  'signOutUri',
] as const;
const CERTIFICATES = ['signingCertificate', 'nextSigningCertificate'] as const;
const ENUMS: Readonly<Record<string, readonly string[]>> = {
  preferredAuthenticationProtocol: AUTHENTICATION_PROTOCOLS,
  federatedIdpMfaBehavior: FEDERATED_IDP_MFA_BEHAVIORS,
  promptLoginBehavior: PROMPT_LOGIN_BEHAVIORS,
};
const READ_ONLY = new Set(['id', '@odata.type', 'signingCertificateUpdateStatus']);
const REQUIRED = new Set([
  'issuerUri',
  'metadataExchangeUri',
  'activeSignInUri',
  'signingCertificate',
]);

const invalidValue = (p: string): Problem => ({
  code: 'Request_BadRequest',
  message: `Invalid value specified for property '${p}' of resource 'InternalDomainFederation'.`,
});

/** Graph takes the certificate as bare base64 ("Base 64 encoded string of the public portion"), not PEM. */
function isCertificate(value: string): boolean {
  if (!/^[A-Za-z0-9+/\s]+=*\s*$/.test(value)) return false;
  try {
    new X509Certificate(certificateDer(value));
    return true;
  } catch {
    return false;
  }
}

/** Applies a PATCH body to the current settings, or says what is wrong with it. */
export function applyPatch(current: FederationSettings, body: unknown): Patch {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      ok: false,
      code: 'BadRequest',
      message: 'The request body must be a JSON object of internalDomainFederation properties.',
    };
  }
  const next: Record<string, unknown> = { ...current };
  for (const [p, v] of Object.entries(body as Record<string, unknown>)) {
    if (READ_ONLY.has(p)) {
      return {
        ok: false,
        code: 'Request_BadRequest',
        message: `Property '${p}' is read-only and cannot be set.`,
      };
    }
    if (v === null) {
      if (REQUIRED.has(p)) return { ok: false, ...invalidValue(p) };
      delete next[p];
    } else if ((STRINGS as readonly string[]).includes(p)) {
      if (typeof v !== 'string') return { ok: false, ...invalidValue(p) };
      next[p] = v;
    } else if ((CERTIFICATES as readonly string[]).includes(p)) {
      if (typeof v !== 'string' || !isCertificate(v)) return { ok: false, ...invalidValue(p) };
      next[p] = v;
    } else if (p in ENUMS) {
      if (typeof v !== 'string' || !ENUMS[p]!.includes(v)) {
        return {
          ok: false,
          code: 'BadRequest',
          message: `Requested value '${String(v)}' was not found.`,
        };
      }
      next[p] = v;
    } else if (p === 'isSignedAuthenticationRequestRequired') {
      if (typeof v !== 'boolean') return { ok: false, ...invalidValue(p) };
      next[p] = v;
    } else {
      return {
        ok: false,
        code: 'BadRequest',
        message: `Property '${p}' does not exist on type 'microsoft.graph.internalDomainFederation'. Make sure to only use property names that are defined by the type.`,
      };
    }
  }
  return { ok: true, value: next as unknown as FederationSettings };
}
