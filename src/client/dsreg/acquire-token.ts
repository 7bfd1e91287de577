/**
 * GetComputerTokenForADRS: ADAL's Windows-integrated-auth path as dsreg runs it — user realm,
 * MEX, WS-Trust windowstransport with the computer's Kerberos ticket, then the SAML bearer grant
 * to `https://login.microsoftonline.com/common/oauth2/token` — with its ADAL log lines.
 * @see [PING] (the AdalLog lines and their order, success and
 *   AADSTS51004); [TSC] [MSALPY] [ADALN] [AADI] [DSRT] [HJM] [WINRT] [ROAD] [WIKI]
 * modeled: which ADAL log entry belongs to which request (the seed shows three "sending web
 *   request" entries for realm, MEX + WS-Trust and token), and the lines of failures the seeds do
 *   not show (MEX, WS-Trust): they reuse the seed's pattern (error HRESULTs, "GetStatus returned
 *   failure", 0xcaa1000e).
 * modeled: the TokenType → grant mapping is exact-match on `urn:oasis:names:tc:SAML:1.0:assertion`;
 *   any other spelling is sent as saml2-bearer (the MSAL.NET #1871 behaviour behind AADSTS7500514).
 * modeled: with an external IdP and credentials (`env.federatedSignIn`, docs/decisions/0011) the
 *   token comes from the MEX's usernamemixed endpoint (UsernameToken, WS-Security timestamp of
 *   10 minutes as MSAL/ADAL send) instead of windowstransport; no endpoint is 0xcaa90023. The log
 *   lines stay Windows' own.
 */
import {
  DRS_RESOURCE,
  DSREG_CLIENT_ID,
  ENTRA_AUDIENCE,
  GRANT_SAML11,
  GRANT_SAML2,
  LOGIN_HOST,
} from '../../protocol/entra-names.ts';
import { isSimError } from '../../core/errors.ts';
import { parseMex } from '../../protocol/mex/select-endpoint.ts';
import { buildRst } from '../../protocol/wstrust/rst.ts';
import { parseRstr } from '../../protocol/wstrust/rstr.ts';
import { parseJson, send as sendHttp } from '../http-client.ts';
import { ADAL_NETWORK_HR, networkOf } from '../network.ts';
import type { MachineEnvironment } from '../../onprem/machine.ts';
import type { TraceRecorder } from '../trace-recorder.ts';
import { HR, hresultForOAuthError } from '../../protocol/hresult/catalog.ts';
import { checkMexUrl } from '../../protocol/federation/federation-rules.ts';

/** [PING]: the line dsreg logs where the failed token acquisition ends (LogFatalAuthError). */
export const GET_STATUS_FAILED = 'GetStatus returned failure';

/** ADAL logs a response on one line: CR LF (raw, or as JSON escapes) become one space. */
export function foldLogText(text: string): string {
  return text.replace(/\\r\\n|\r\n|\r|\n/g, ' ');
}

export type TokenResult =
  | { readonly ok: true; readonly accessToken: string }
  | {
      readonly ok: false;
      readonly first: string;
      readonly httpStatus?: number;
      readonly serverError?: string;
      readonly serverMessage?: string;
    };

function fail(
  t: TraceRecorder,
  chain: readonly string[],
  extra: Omit<Extract<TokenResult, { ok: false }>, 'ok' | 'first'> = {},
): TokenResult {
  for (const hr of chain) t.adal(hr);
  t.note(GET_STATUS_FAILED);
  t.adal(HR.ERROR_ADAL_HANDLE);
  return { ok: false, first: chain[0] ?? HR.ERROR_ADAL_HANDLE, ...extra };
}

export async function acquireComputerToken(
  env: MachineEnvironment,
  t: TraceRecorder,
  tenant: { tenantName: string; clientRequestId: string },
): Promise<TokenResult> {
  const authority = `https://${LOGIN_HOST}/common`;
  const send = (url: string, init: Parameters<typeof sendHttp>[1]) =>
    sendHttp(url, init, networkOf(env));
  t.adal(HR.S_OK, 'Token is not available in the cache');
  t.adal(HR.S_OK, 'Authority validation is enabled');
  t.adal(HR.S_OK, 'Authority validation is completed');
  t.adal(HR.S_OK, 'AggregatedTokenRequest::AcquireToken get refresh token info');
  t.adal(HR.S_OK, 'AggregatedTokenRequest::AcquireToken- refresh token is not available');
  t.adal(HR.S_OK, 'AggregatedTokenRequest::AcquireToken- returns false');
  t.adal(HR.S_OK, 'AggregatedTokenRequest::UseWindowsIntegratedAuth w Tenant');

  // User realm
  t.adal(HR.INFO_ADAL_REQUEST_SENDING);
  const realmRes = await send(
    `${authority}/userrealm/${encodeURIComponent(tenant.tenantName)}?api-version=1.0`,
    {
      headers: { accept: 'application/json', 'client-request-id': tenant.clientRequestId },
    },
  );
  const realm =
    realmRes.ok && realmRes.status === 200
      ? (parseJson(realmRes.body) as Record<string, unknown> | undefined)
      : undefined;
  if (!realmRes.ok)
    return fail(t, [ADAL_NETWORK_HR[realmRes.failure], HR.ERROR_ADAL_COULDNOT_DISCOVER_USERREALM]);
  if (!realm || typeof realm['account_type'] !== 'string')
    return fail(t, [HR.ERROR_ADAL_COULDNOT_DISCOVER_USERREALM]);
  t.adal(HR.S_OK, 'AggregatedTokenRequest::UseWindowsIntegratedAuth- received realm info');
  if (
    String(realm['account_type']).toLowerCase() !== 'federated' ||
    String(realm['federation_protocol'] ?? '').toLowerCase() !== 'wstrust'
  ) {
    return fail(t, [HR.ERROR_ADAL_PROTOCOL_NOT_SUPPORTED]);
  }
  const appliesTo =
    typeof realm['cloud_audience_urn'] === 'string' ? realm['cloud_audience_urn'] : ENTRA_AUDIENCE;
  t.adal(
    HR.S_OK,
    `AggregatedTokenRequest::GetAppliesTo: using resource ID "${appliesTo}" for authority "${authority}".`,
  );

  // MEX
  const mexUrl =
    typeof realm['federation_metadata_url'] === 'string' ? realm['federation_metadata_url'] : '';
  t.adal(HR.INFO_ADAL_REQUEST_SENDING);
  const insecure = checkMexUrl(mexUrl);
  if (insecure) return fail(t, [insecure.hresult]);
  const mexRes = await send(mexUrl, { headers: { 'client-request-id': tenant.clientRequestId } });
  if (!mexRes.ok) return fail(t, [ADAL_NETWORK_HR[mexRes.failure]]);
  if (mexRes.status !== 200)
    return fail(t, [HR.ERROR_ADAL_WS_TRUST_MEX_REQUEST], { httpStatus: mexRes.status });
  let selection;
  try {
    selection = parseMex(mexRes.body);
  } catch (e) {
    if (isSimError(e)) return fail(t, [HR.ERROR_ADAL_FAILED_TO_PARSE_XML]);
    throw e;
  }
  for (const w of selection.warnings) t.adal(w.hresult);
  const signIn = env.federatedSignIn;
  const sts = signIn ? selection.usernamePassword : selection.integrated;
  if (!sts)
    return fail(t, [
      signIn
        ? HR.ERROR_ADAL_COULDNOT_DISCOVER_USERNAME_PASSWORD_ENDPOINT
        : HR.ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT,
    ]);

  // WS-Trust windowstransport with the computer's Kerberos ticket (or, with an external IdP's
  // credentials, usernamemixed)
  t.adal(HR.S_OK, 'Webrequest opening connection');
  const now = env.clock.now();
  const rst = buildRst({
    version: sts.version,
    to: sts.address,
    messageId: `urn:uuid:${env.ids.uuid()}`,
    appliesTo,
    ...(signIn
      ? {
          username: {
            username: signIn.username,
            password: signIn.password,
            created: now,
            expires: new Date(now.getTime() + 10 * 60_000),
          },
        }
      : {}),
  });
  const action =
    sts.version === '1.3'
      ? 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/RST/Issue'
      : 'http://schemas.xmlsoap.org/ws/2005/02/trust/RST/Issue';
  // SSPI: the computer's Kerberos ticket for the STS; none when the KDC refuses it (NTLM off too,
  // [KB4492348]), and the request goes without credentials.
  const spn = `HTTP/${new URL(sts.address).host}`;
  const refused = signIn ? undefined : env.kerberosRefusal?.(spn);
  const stsRes = await send(sts.address, {
    method: 'POST',
    headers: {
      'content-type': `application/soap+xml; charset=utf-8; action="${action}"`,
      ...(signIn || refused !== undefined
        ? {}
        : { authorization: `Negotiate ${env.negotiate(spn)}` }),
      'client-request-id': tenant.clientRequestId,
    },
    body: rst,
  });
  if (!stsRes.ok) return fail(t, [ADAL_NETWORK_HR[stsRes.failure]]);
  let rstr;
  try {
    rstr = parseRstr(stsRes.body);
  } catch (e) {
    if (!isSimError(e)) throw e;
    return fail(t, [
      e.code === 'ERR_XML_SHAPE'
        ? HR.ERROR_ADAL_SERVER_ERROR_SAML_ASSERTION_NOT_FOUND
        : stsRes.status === 401
          ? HR.ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED
          : HR.ERROR_ADAL_FAILED_TO_PARSE_WSTRUST_RESPONSE,
    ]);
  }
  if (rstr.kind === 'fault')
    return fail(t, [HR.ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED], {
      httpStatus: stsRes.status,
      serverMessage: rstr.reason ?? '',
    });

  // SAML bearer grant
  const grant =
    rstr.tokenType === 'urn:oasis:names:tc:SAML:1.0:assertion' ? GRANT_SAML11 : GRANT_SAML2;
  t.adal(HR.INFO_ADAL_REQUEST_SENDING);
  const tokenRes = await send(`${authority}/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      'client-request-id': tenant.clientRequestId,
      'return-client-request-id': 'true',
    },
    body: new URLSearchParams({
      grant_type: grant,
      assertion: Buffer.from(rstr.assertionXml, 'utf8').toString('base64'),
      client_id: DSREG_CLIENT_ID,
      resource: DRS_RESOURCE,
    }).toString(),
  });
  if (!tokenRes.ok) return fail(t, [ADAL_NETWORK_HR[tokenRes.failure]]);
  t.adal(HR.S_OK, 'Webrequest has valid state');
  t.adal(HR.S_OK, `WebRequest Status:${tokenRes.status}`);
  const body = parseJson(tokenRes.body) as Record<string, unknown> | undefined;
  if (tokenRes.status === 200 && body && typeof body['access_token'] === 'string') {
    t.adal(HR.S_OK, 'Webrequest returns success for oauth response');
    t.adal(HR.INFO_ADAL_TOKEN_RESPONSE);
    t.adal(HR.INFO_ADAL_TOKEN_CACHED);
    return { ok: true, accessToken: body['access_token'] };
  }
  t.adal(
    HR.S_OK,
    `Token response is not successfull. Status:${tokenRes.status} ResponseText:${foldLogText(tokenRes.body)}`,
  );
  const error = typeof body?.['error'] === 'string' ? body['error'] : 'unknown_error';
  const description =
    typeof body?.['error_description'] === 'string' ? body['error_description'] : '';
  if (Array.isArray(body?.['error_codes']))
    t.aadstsCodes(body['error_codes'].filter((c): c is number => typeof c === 'number'));
  t.adal(
    HR.S_OK,
    `Webrequest returns error code:${error} and error description:${foldLogText(description)}`,
  );
  return fail(t, [hresultForOAuthError(error), HR.ERROR_ADAL_WSTRUST_TOKEN_REQUEST_FAIL], {
    httpStatus: tokenRes.status,
    serverError: error,
    serverMessage: description.split(/\r\n/)[0] ?? '',
  });
}
