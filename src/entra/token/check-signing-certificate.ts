/**
 * The certificate that signed the assertion is one a federated domain registered as
 * `signingCertificate` or `nextSigningCertificate`; a certificate rollover at the IdP without
 * `nextSigningCertificate` (or an updated `signingCertificate`) in Entra fails here.
 * @see blog.rmilne.ca 2021-11-29 "Sign-In Error 5000811" (AD FS rollover); aadsts.ts 5000811
 */
import type { TokenCheck } from './token-state.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

export const checkSigningCertificate: TokenCheck = (s) => {
  const sig = s.signature;
  if (sig?.kind === 'unregistered-key')
    return { code: AADSTS.InvalidSigningKey, detail: sig.detail };
  if (sig?.kind !== 'verified')
    return { code: AADSTS.InvalidSamlToken, detail: 'no verified signature' };
  s.token = sig.token;
  s.signingCertificate = sig.certificate;
  return undefined;
};
