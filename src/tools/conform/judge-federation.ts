/**
 * The domain's federation settings on their own: the protocol Windows can use, the MEX URL it
 * fetches, and whether the registered signing certificate will survive the IdP's next rollover.
 * @see conform-checks.ts (federation.*)
 */
import { X509Certificate } from 'node:crypto';
import { certificateDer } from '../../protocol/x509/build-certificate.ts';
import type { ConformSettings } from './conform-settings.ts';
import { failed, passed, warning, type Judgement } from './judgement.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';
import {
  checkAuthenticationProtocol,
  checkMexUrl,
  checkSigningCertificateValidity,
} from '../../protocol/federation/federation-rules.ts';

/** modeled: how early hjsim conform warns of an expiring signing certificate. */
export const ROLLOVER_WARNING_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

/** `CN=…, thumbprint ABCD…, valid until 2046-01-01` */
export function describeCertificate(pemOrBase64: string): string {
  try {
    const c = new X509Certificate(certificateDer(pemOrBase64));
    const cn = /CN=([^\n,]+)/.exec(c.subject)?.[1] ?? c.subject.replace(/\n/g, ', ');
    return `CN=${cn}, SHA-1 thumbprint ${c.fingerprint.replace(/:/g, '')}, valid until ${new Date(c.validTo).toISOString().slice(0, 10)}`;
  } catch {
    return 'an unreadable certificate';
  }
}

export function judgeFederation(settings: ConformSettings): Judgement[] {
  const f = settings.federation;
  const out: Judgement[] = [];

  out.push(
    checkAuthenticationProtocol(f.preferredAuthenticationProtocol) === undefined
      ? passed('federation.protocol', 'wsFed', 'wsFed: the user realm answers WSTrust')
      : failed(
          'federation.protocol',
          'wsFed',
          `${f.preferredAuthenticationProtocol}: the user realm answers federation_protocol SAML20, which Windows cannot use for a device token`,
        ),
  );

  const registered = f.metadataExchangeUri;
  const tested = settings.mexUrl;
  if (checkMexUrl(registered) !== undefined) {
    out.push(
      failed(
        'federation.metadata-exchange-uri',
        'an https MetadataExchangeUri',
        `MetadataExchangeUri ${registered} is not https: Windows refuses to fetch it`,
      ),
    );
  } else if (registered !== tested) {
    out.push(
      warning(
        'federation.metadata-exchange-uri',
        `the MEX tested is the registered MetadataExchangeUri ${registered}`,
        `tested ${tested}`,
      ),
    );
  } else {
    out.push(
      passed(
        'federation.metadata-exchange-uri',
        'the registered MetadataExchangeUri, https',
        registered,
      ),
    );
  }

  const now = settings.clock.now().getTime();
  let validTo: number | undefined;
  try {
    validTo = new Date(new X509Certificate(certificateDer(f.signingCertificate)).validTo).getTime();
  } catch {
    validTo = undefined;
  }
  const current = describeCertificate(f.signingCertificate);
  const next = f.nextSigningCertificate;
  if (validTo === undefined) {
    out.push(
      failed(
        'federation.rollover',
        'a readable X.509 signingCertificate',
        'the registered signingCertificate does not parse',
        `every token: AADSTS${AADSTS.InvalidSigningKey} (no registered key verifies it)`,
      ),
    );
  } else if (checkSigningCertificateValidity(new Date(validTo), new Date(now)) !== undefined) {
    out.push(
      warning(
        'federation.rollover',
        'a signingCertificate that has not expired',
        `signingCertificate ${current} has expired${next ? `; nextSigningCertificate ${describeCertificate(next)}` : ''}`,
      ),
    );
  } else if (validTo - now < ROLLOVER_WARNING_DAYS * DAY_MS && next === undefined) {
    out.push(
      warning(
        'federation.rollover',
        `a nextSigningCertificate registered before the signingCertificate expires (within ${ROLLOVER_WARNING_DAYS} days)`,
        `signingCertificate ${current}; no nextSigningCertificate`,
      ),
    );
  } else {
    out.push(
      passed(
        'federation.rollover',
        'a valid signingCertificate',
        `signingCertificate ${current}${next ? `; nextSigningCertificate ${describeCertificate(next)}` : ''}`,
      ),
    );
  }
  return out;
}
