/**
 * `idp.attack`: the mock IdP signs its assertion as usual, then turns it into the named attack
 * (src/protocol/saml11/attacks/) before it goes into the RSTR, so that a scenario shows what
 * mock Entra, or your own validator behind `hjsim serve`, does with it. The evil part claims
 * the evil computer of evil-device.ts; the attacker key is certs/attacker-signing.key (TEST ONLY).
 * @see src/protocol/saml11/attacks/catalog.ts (each attack's source)
 */
import type { KeyObject } from 'node:crypto';
import { CERTS_DIR, certificatePem, privateKey } from '../../core/keys.ts';
import { applySamlAttack } from '../../protocol/saml11/attacks/catalog.ts';
import { EVIL_DEVICE_CLAIMS } from '../../protocol/saml11/attacks/evil-device.ts';
import { signAssertion } from '../../protocol/saml11/sign-assertion.ts';

export function assertionAttack(
  name: string,
  issuer: { readonly key: KeyObject; readonly certificatePem: string },
): (signedXml: string) => string {
  const attackerKey = privateKey(`${CERTS_DIR}/attacker-signing.key`);
  const attackerCertificate = certificatePem(`${CERTS_DIR}/attacker-signing.crt`);
  const tools = {
    signAsIssuer: (xml: string, opts?: Parameters<typeof signAssertion>[3]) =>
      signAssertion(xml, issuer.key, issuer.certificatePem, opts),
    signAsAttacker: (xml: string) => signAssertion(xml, attackerKey, attackerCertificate),
  };
  return (signed) => applySamlAttack(name, { signed, evil: EVIL_DEVICE_CLAIMS, tools });
}
