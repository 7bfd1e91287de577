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

export const HR = {
  sending: '0x4aa90010',
  tokenResponse: '0x4aa9000f',
  tokenStored: '0x4aa9000d',
  aggregate: '0xcaa1000e',
  invalidGrant: '0xcaa20003',
  invalidRequest: '0xcaa20002',
  interactionRequired: '0xcaa2000c',
  wstrustTokenRequestFail: '0xcaa90006',
  wstrustFault: '0xcaa90014',
  wstrustUnparsable: '0xcaa90013',
  noAssertion: '0xcaa90002',
  protocolNotSupported: '0xcaa90017',
  realmFailed: '0xcaa90018',
  mexNotSecure: '0xcaa90020',
  noIntegratedEndpoint: '0xcaa90022',
  /** ERROR_ADAL_COULDNOT_DISCOVER_USERNAME_PASSWORD_ENDPOINT [TSC], [WINRT] */
  noUsernamePasswordEndpoint: '0xcaa90023',
  mexRequest: '0xcaa9002b',
  /** ERROR_ADAL_INTERNET_CANNOT_CONNECT: no connection to the STS or Entra. [TSC] */
  cannotConnect: '0xcaa82efd',
  notXml: '0xcaa9002c',
} as const;

/** [PING]: the line dsreg logs where the failed token acquisition ends (LogFatalAuthError). */
export const GET_STATUS_FAILED = 'GetStatus returned failure';

const OAUTH_ERROR_HRESULT: Readonly<Record<string, string>> = {
  invalid_grant: HR.invalidGrant,
  invalid_request: HR.invalidRequest,
  interaction_required: HR.interactionRequired,
};

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
  t.adal(HR.aggregate);
  return { ok: false, first: chain[0] ?? HR.aggregate, ...extra };
}

export async function acquireComputerToken(
  env: MachineEnvironment,
  t: TraceRecorder,
  tenant: { tenantName: string; clientRequestId: string },
): Promise<TokenResult> {
  const authority = `https://${LOGIN_HOST}/common`;
  const send = (url: string, init: Parameters<typeof sendHttp>[1]) =>
    sendHttp(url, init, networkOf(env));
  t.adal('0x0', 'Token is not available in the cache');
  t.adal('0x0', 'Authority validation is enabled');
  t.adal('0x0', 'Authority validation is completed');
  t.adal('0x0', 'AggregatedTokenRequest::AcquireToken get refresh token info');
  t.adal('0x0', 'AggregatedTokenRequest::AcquireToken- refresh token is not available');
  t.adal('0x0', 'AggregatedTokenRequest::AcquireToken- returns false');
  t.adal('0x0', 'AggregatedTokenRequest::UseWindowsIntegratedAuth w Tenant');

  // User realm
  t.adal(HR.sending);
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
  if (!realmRes.ok) return fail(t, [ADAL_NETWORK_HR[realmRes.failure], HR.realmFailed]);
  if (!realm || typeof realm['account_type'] !== 'string') return fail(t, [HR.realmFailed]);
  t.adal('0x0', 'AggregatedTokenRequest::UseWindowsIntegratedAuth- received realm info');
  if (
    String(realm['account_type']).toLowerCase() !== 'federated' ||
    String(realm['federation_protocol'] ?? '').toLowerCase() !== 'wstrust'
  ) {
    return fail(t, [HR.protocolNotSupported]);
  }
  const appliesTo =
    typeof realm['cloud_audience_urn'] === 'string' ? realm['cloud_audience_urn'] : ENTRA_AUDIENCE;
  t.adal(
    '0x0',
    `AggregatedTokenRequest::GetAppliesTo: using resource ID "${appliesTo}" for authority "${authority}".`,
  );

  // MEX
  const mexUrl =
    typeof realm['federation_metadata_url'] === 'string' ? realm['federation_metadata_url'] : '';
  t.adal(HR.sending);
  if (!/^https:\/\//i.test(mexUrl)) return fail(t, [HR.mexNotSecure]);
  const mexRes = await send(mexUrl, { headers: { 'client-request-id': tenant.clientRequestId } });
  if (!mexRes.ok) return fail(t, [ADAL_NETWORK_HR[mexRes.failure]]);
  if (mexRes.status !== 200) return fail(t, [HR.mexRequest], { httpStatus: mexRes.status });
  let selection;
  try {
    selection = parseMex(mexRes.body);
  } catch (e) {
    if (isSimError(e)) return fail(t, [HR.notXml]);
    throw e;
  }
  for (const w of selection.warnings) t.adal(w.hresult);
  const signIn = env.federatedSignIn;
  const sts = signIn ? selection.usernamePassword : selection.integrated;
  if (!sts) return fail(t, [signIn ? HR.noUsernamePasswordEndpoint : HR.noIntegratedEndpoint]);

  // WS-Trust windowstransport with the computer's Kerberos ticket (or, with an external IdP's
  // credentials, usernamemixed)
  t.adal('0x0', 'Webrequest opening connection');
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
        ? HR.noAssertion
        : stsRes.status === 401
          ? HR.wstrustFault
          : HR.wstrustUnparsable,
    ]);
  }
  if (rstr.kind === 'fault')
    return fail(t, [HR.wstrustFault], {
      httpStatus: stsRes.status,
      serverMessage: rstr.reason ?? '',
    });

  // SAML bearer grant
  const grant =
    rstr.tokenType === 'urn:oasis:names:tc:SAML:1.0:assertion' ? GRANT_SAML11 : GRANT_SAML2;
  t.adal(HR.sending);
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
  t.adal('0x0', 'Webrequest has valid state');
  t.adal('0x0', `WebRequest Status:${tokenRes.status}`);
  const body = parseJson(tokenRes.body) as Record<string, unknown> | undefined;
  if (tokenRes.status === 200 && body && typeof body['access_token'] === 'string') {
    t.adal('0x0', 'Webrequest returns success for oauth response');
    t.adal(HR.tokenResponse);
    t.adal(HR.tokenStored);
    return { ok: true, accessToken: body['access_token'] };
  }
  t.adal(
    '0x0',
    `Token response is not successfull. Status:${tokenRes.status} ResponseText:${foldLogText(tokenRes.body)}`,
  );
  const error = typeof body?.['error'] === 'string' ? body['error'] : 'unknown_error';
  const description =
    typeof body?.['error_description'] === 'string' ? body['error_description'] : '';
  if (Array.isArray(body?.['error_codes']))
    t.aadstsCodes(body['error_codes'].filter((c): c is number => typeof c === 'number'));
  t.adal(
    '0x0',
    `Webrequest returns error code:${error} and error description:${foldLogText(description)}`,
  );
  return fail(t, [OAUTH_ERROR_HRESULT[error] ?? HR.invalidRequest, HR.wstrustTokenRequestFail], {
    httpStatus: tokenRes.status,
    serverError: error,
    serverMessage: description.split(/\r\n/)[0] ?? '',
  });
}
