/**
 * The rules a domain's federation settings must meet for a Windows device to get a token, written
 * once: the protocol Windows can use, the MEX URL it will fetch, the signing certificate Entra
 * verifies with. The join client, `hjsim import` and `hjsim conform` ask these; each says what the
 * client or Entra reports when a rule is broken. The matrix oracle keeps its own model (decision 0005).
 * @see [TSC] (0xcaa90017 protocol not WS-Trust; 0xcaa90020 MEX URL not https); [WINRT];
 *   [RMILNE5000811] (AADSTS5000811 after the IdP rolls its key)
 */
import { HR, type Hresult } from '../hresult/catalog.ts';
import { AADSTS, type AadstsCode } from '../oauth/aadsts.ts';

/** A broken rule the Windows client reports, with its HRESULT. */
export interface ClientRefusal {
  readonly rule: 'protocol' | 'mex-not-https';
  readonly hresult: Hresult;
}

/** A broken rule Entra answers, with its AADSTS code. */
export interface EntraRefusal {
  readonly rule: 'certificate-expired';
  readonly aadsts: AadstsCode;
}

/**
 * Windows gets a device token only over WS-Trust: a domain whose
 * PreferredAuthenticationProtocol is not wsFed makes the user realm answer SAML20 and the client
 * stop with ERROR_ADAL_PROTOCOL_NOT_SUPPORTED.
 */
export function checkAuthenticationProtocol(protocol: string): ClientRefusal | undefined {
  return protocol === 'wsFed'
    ? undefined
    : { rule: 'protocol', hresult: HR.ERROR_ADAL_PROTOCOL_NOT_SUPPORTED };
}

/** Windows fetches only an https MEX URL (ERROR_ADAL_WS_TRUST_METADATAURL_NOT_SECURE otherwise). */
export function checkMexUrl(url: string): ClientRefusal | undefined {
  return /^https:\/\//i.test(url)
    ? undefined
    : { rule: 'mex-not-https', hresult: HR.ERROR_ADAL_WS_TRUST_METADATAURL_NOT_SECURE };
}

/**
 * A registered signing certificate past its end: the IdP has rolled over (or signs with an
 * expired key), and a token signed with a key Entra does not have is AADSTS5000811.
 */
export function checkSigningCertificateValidity(
  validTo: Date,
  now: Date,
): EntraRefusal | undefined {
  return validTo.getTime() <= now.getTime()
    ? { rule: 'certificate-expired', aadsts: AADSTS.InvalidSigningKey }
    : undefined;
}
