/**
 * The signature over the assertion actually read: exactly one enveloped signature over the root
 * (no wrapping), verified with a certificate registered for a federated domain
 * (`signingCertificate` or `nextSigningCertificate`); claims are read only from the signed
 * reference. A valid signature by a key no domain registered passes to the signing-certificate
 * check, which answers 5000811.
 * @see DESIGN.md "Fidelity rules" (order); [ERR]; protocol/xmldsig/verify-enveloped.ts
 * modeled: AADSTS50008 (not 50013) for every signature failure — see the 50008 provenance in
 *   aadsts.ts: 50013's public "Assertion failed signature validation" text is from client
 *   assertions (JWT), while 50008 is the SAML token code.
 */
import { verifyAssertion as verifySaml11 } from '../../protocol/saml11/verify-assertion.ts';
import { verifyAssertion as verifySaml2 } from '../../protocol/saml2/verify-assertion.ts';
import type { SignatureFailure } from '../../protocol/xmldsig/verify-enveloped.ts';
import { federatedDomains, type TenantDomain } from '../tenant.ts';
import type { TokenCheck } from './token-state.ts';
import { viewOfSaml11, viewOfSaml2, type TokenView } from './token-view.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

export function registeredCertificates(domains: readonly TenantDomain[]): string[] {
  const certs: string[] = [];
  for (const d of domains) {
    if (d.federation?.signingCertificate) certs.push(d.federation.signingCertificate);
    if (d.federation?.nextSigningCertificate) certs.push(d.federation.nextSigningCertificate);
  }
  return certs;
}

type Verification =
  | { readonly ok: true; readonly view: TokenView; readonly certificateIndex: number }
  | { readonly ok: false; readonly failure: SignatureFailure; readonly detail: string };

/** Verifies with the reader of the document's version and turns the result into the common view. */
function verify(version: '1.1' | '2.0' | undefined, xml: string, certs: string[]): Verification {
  if (version === '2.0') {
    const r = verifySaml2(xml, certs);
    return r.ok
      ? { ok: true, view: viewOfSaml2(r.assertion), certificateIndex: r.certificateIndex }
      : r;
  }
  const r = verifySaml11(xml, certs);
  return r.ok
    ? { ok: true, view: viewOfSaml11(r.assertion), certificateIndex: r.certificateIndex }
    : r;
}

export const checkSignature: TokenCheck = (s) => {
  const certs = registeredCertificates(federatedDomains(s.ctx.tenant));
  const result = verify(s.documentVersion, s.assertionXml ?? '', certs);
  if (result.ok) {
    s.signature = {
      kind: 'verified',
      token: result.view,
      certificate: certs[result.certificateIndex] ?? '',
    };
    return undefined;
  }
  if (result.failure === 'key-not-registered') {
    s.signature = { kind: 'unregistered-key', detail: result.detail };
    return undefined;
  }
  const publicText =
    result.failure === 'not-an-assertion'
      ? `Cannot read SecurityToken. ${result.detail}.`
      : 'SAML token is invalid.';
  return {
    code: AADSTS.InvalidSamlToken,
    params: { detail: publicText },
    detail: `${result.failure}: ${result.detail}`,
  };
};
