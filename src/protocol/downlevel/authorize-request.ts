/**
 * The down-level client's silent sign-in to Entra for the DRS resource: the `oauth2/authorize`
 * request (implicit grant, `prompt=none`) and the redirect that answers it, whose fragment carries
 * the access token or the error.
 * @see [DL] [TSL] (`resource_params` carrying acr `wiaormultiauthn`, with
 *   its exact base64 value); RFC 6749 §4.2 (implicit grant: token and errors in the fragment);
 *   learn.microsoft.com "domain_hint … skips the email-based discovery" (Entra authorize parameters)
 * modeled: that autoworkplace uses the implicit grant with `prompt=none`, `domain_hint` = the SCP's
 *   `azureADName` and `login_hint` = the signed-in user's UPN; its client id and redirect URI
 *   (public sources show neither for the down-level client).
 */
import { DRS_RESOURCE, DSREG_CLIENT_ID } from '../entra-names.ts';

/**
 * modeled: the down-level client's application id is not public; this is the Windows DRS client
 * id [WIKI] [AADI] [ROAD] [MSALPY] names for Windows' own requests to DRS.
 */
export const WORKPLACE_JOIN_CLIENT_ID = DSREG_CLIENT_ID;
/** modeled: the native-client redirect URI; the client reads the answer from the Location header. */
export const WORKPLACE_JOIN_REDIRECT_URI = 'urn:ietf:wg:oauth:2.0:oob';
/** The acr the down-level join asks for. [DL] [TSL] */
export const ACR_WIAORMULTIAUTHN = 'wiaormultiauthn';
/** The class reference AD FS is asked for and issues (`wauth`, authnmethodsreferences). [DL] [TSL] */
export const WIAORMULTIAUTHN_URI = 'http://schemas.microsoft.com/claims/wiaormultiauthn';

/** `{"Properties":[{"Key":"acr","Value":"wiaormultiauthn"}]}` as unpadded base64. [DL] [TSL] */
export function resourceParams(acr: string): string {
  return Buffer.from(JSON.stringify({ Properties: [{ Key: 'acr', Value: acr }] }), 'utf8')
    .toString('base64')
    .replace(/=+$/, '');
}

/** Reads the acr back out of `resource_params`; undefined when absent or not of that shape. */
export function acrOf(resourceParamsValue: string | null): string | undefined {
  if (!resourceParamsValue) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(resourceParamsValue, 'base64').toString('utf8')) as {
      Properties?: { Key?: unknown; Value?: unknown }[];
    };
    const acr = parsed.Properties?.find((p) => p.Key === 'acr')?.Value;
    return typeof acr === 'string' ? acr : undefined;
  } catch {
    return undefined;
  }
}

export interface AuthorizeRequest {
  readonly loginHost: string;
  /** The authority's tenant segment. */
  readonly tenant: string;
  readonly loginHint: string;
  readonly domainHint: string;
  readonly clientRequestId: string;
  readonly acr?: string;
}

export function buildAuthorizeUrl(r: AuthorizeRequest): string {
  const q = new URLSearchParams({
    response_type: 'token',
    client_id: WORKPLACE_JOIN_CLIENT_ID,
    resource: DRS_RESOURCE,
    redirect_uri: WORKPLACE_JOIN_REDIRECT_URI,
    login_hint: r.loginHint,
    domain_hint: r.domainHint,
    prompt: 'none',
    'client-request-id': r.clientRequestId,
  });
  if (r.acr !== undefined) q.set('resource_params', resourceParams(r.acr));
  return `https://${r.loginHost}/${encodeURIComponent(r.tenant)}/oauth2/authorize?${q.toString()}`;
}

export type AuthorizeAnswer =
  | { readonly ok: true; readonly accessToken: string; readonly expiresIn: number }
  | { readonly ok: false; readonly error: string; readonly description: string };

/** Builds the redirect target carrying the answer in its fragment. */
export function authorizeRedirect(redirectUri: string, answer: AuthorizeAnswer): string {
  const f = answer.ok
    ? new URLSearchParams({
        access_token: answer.accessToken,
        token_type: 'Bearer',
        expires_in: String(answer.expiresIn),
      })
    : new URLSearchParams({ error: answer.error, error_description: answer.description });
  return `${redirectUri}#${f.toString()}`;
}

/** Reads the answer from a redirect URL; undefined when it is not the redirect URI or has neither. */
export function readAuthorizeRedirect(
  location: string,
  redirectUri = WORKPLACE_JOIN_REDIRECT_URI,
): AuthorizeAnswer | undefined {
  if (!location.startsWith(`${redirectUri}#`)) return undefined;
  const f = new URLSearchParams(location.slice(redirectUri.length + 1));
  const token = f.get('access_token');
  if (token) return { ok: true, accessToken: token, expiresIn: Number(f.get('expires_in') ?? 0) };
  const error = f.get('error');
  if (error) return { ok: false, error, description: f.get('error_description') ?? '' };
  return undefined;
}

/** The AADSTS codes an error description names (`AADSTS50076: …`). */
export function aadstsCodesIn(description: string): number[] {
  return [...description.matchAll(/AADSTS(\d+)/g)].map((m) => Number(m[1]));
}
