/**
 * Well-formed XML without DTD, an enveloped signature over the assertion actually read (no
 * wrapping), made with a key the tenant registered for a federated domain (`signingCertificate`
 * or `nextSigningCertificate`). Claims are read only from the signed reference.
 * @see DESIGN.md "Fidelity rules" (order); research §3b (50008 text); AADSTS5000811 (rollover)
 */
import { verifyAssertion } from '../../protocol/saml11/verify-assertion.ts';
import { federatedDomains } from '../tenant.ts';
import type { TokenCheck } from './token-state.ts';

export function registeredCertificates(domains: ReturnType<typeof federatedDomains>): string[] {
  const certs: string[] = [];
  for (const d of domains) {
    if (d.federation?.signingCertificate) certs.push(d.federation.signingCertificate);
    if (d.federation?.nextSigningCertificate) certs.push(d.federation.nextSigningCertificate);
  }
  return certs;
}

export const checkSignature: TokenCheck = (s) => {
  const certs = registeredCertificates(federatedDomains(s.ctx.tenant));
  const r = verifyAssertion(s.assertionXml ?? '', certs);
  if (r.ok) {
    s.assertion = r.assertion;
    const cert = certs[r.certificateIndex];
    if (cert !== undefined) s.signingCertificate = cert;
    return undefined;
  }
  if (r.failure === 'key-not-registered') return { code: 5000811, detail: r.detail };
  const publicText =
    r.failure === 'not-an-assertion'
      ? `Cannot read SecurityToken. ${r.detail}.`
      : 'SAML token is invalid.';
  return { code: 50008, params: { detail: publicText }, detail: `${r.failure}: ${r.detail}` };
};
