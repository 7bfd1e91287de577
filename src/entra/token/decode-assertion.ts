/**
 * The `assertion` parameter: standard base64 (ADAL, AADInternals) or base64url without padding
 * (MSAL, RFC 7522); both are accepted.
 * @see [WIKI] [AADI] [ROAD] [MSALPY]
 * modeled: text that is neither decodes to 50008 (no public source shows Entra's answer).
 */
import type { TokenCheck } from './token-state.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const B64URL = /^[A-Za-z0-9_-]*$/;

/** The decoded text when `raw` is base64 or base64url of something that starts like XML. */
export function decodedAssertion(rawParam: string): string | undefined {
  const raw = rawParam.replace(/\s+/g, '');
  if (!(B64.test(raw) || B64URL.test(raw)) || raw.length % 4 === 1) return undefined;
  const xml = Buffer.from(raw.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  return xml.trimStart().startsWith('<') ? xml : undefined;
}

export const decodeAssertion: TokenCheck = (s) => {
  const raw = (s.form.get('assertion') ?? '').replace(/\s+/g, '');
  if (!(B64.test(raw) || B64URL.test(raw)) || raw.length % 4 === 1) {
    return {
      code: AADSTS.InvalidSamlToken,
      params: { detail: 'SAML token is invalid.' },
      detail: 'assertion parameter is not base64',
    };
  }
  const xml = decodedAssertion(raw);
  if (xml === undefined) {
    return {
      code: AADSTS.InvalidSamlToken,
      params: { detail: 'SAML token is invalid.' },
      detail: 'assertion does not decode to XML',
    };
  }
  s.assertionXml = xml;
  return undefined;
};
