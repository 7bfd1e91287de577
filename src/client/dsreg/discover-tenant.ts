/**
 * dsreg's discover phase: DRS discovery for the SCP's tenant, then user realm discovery for the
 * verified domain, which says whether the domain is federated or managed.
 * @see [DSRT] [HBS] [DVRD] [TSC] (URL, headers, JSON; errors 0x801c0021, 0x801c003a,
 *   0x801c0025, 0x8007000d; events 100/101, 200/201, 309) and §1.3 (user realm, 0x801c003d)
 * modeled: which id dsreg puts in the discovery URL (the SCP's tenant id when it has one, else its
 *   domain), and that a discovery failure logs 201 followed by 309.
 */
import { DRS_HOST, LOGIN_HOST } from '../../protocol/entra-names.ts';
import { readDiscoveryDocument, type ClientDiscovery } from '../../protocol/drs/discovery.ts';
import {
  formatHresult,
  hresultForDiscoveryError,
  readDrsError,
} from '../../protocol/drs/drs-error.ts';
import { parseJson, send } from '../http-client.ts';
import { WININET_HR, type Network } from '../network.ts';
import type { TraceRecorder } from '../trace-recorder.ts';
import type { TenantFromScp } from './read-scp.ts';
import { HR } from '../../protocol/hresult/catalog.ts';

export const DSREG_CLIENT_HEADERS = {
  'ocp-adrs-client-name': 'dsreg',
  'ocp-adrs-client-version': '10',
} as const;

export type DiscoverResult =
  | { readonly ok: true; readonly discovery: ClientDiscovery }
  | {
      readonly ok: false;
      readonly hresult: string;
      readonly httpStatus?: number;
      /** The WinINet code of a send that got no answer (the DRS Discovery Test's sub-error). */
      readonly subError?: string;
      /** A DRS error body's ErrorType and Message (dsregcmd's Server ErrorCode / Server Message). */
      readonly server?: { readonly errorType: string; readonly message: string };
    };

export async function discoverDrs(
  t: TraceRecorder,
  scp: TenantFromScp,
  clientRequestId: string,
  network: Network = {},
): Promise<DiscoverResult> {
  const domain = scp.tenantId ?? scp.tenantName;
  const url = `https://${DRS_HOST}/${encodeURIComponent(domain)}/discover?api-version=1.7`;
  const res = await send(
    url,
    {
      headers: {
        accept: 'application/json',
        ...DSREG_CLIENT_HEADERS,
        'client-request-id': clientRequestId,
      },
    },
    network,
  );
  if (!res.ok) {
    // A timeout is DSREG_AUTOJOIN_DISC_WAIT_TIMEOUT; any other failed send the generic
    // DSREG_AUTOJOIN_DISC_FAILED; the WinINet code is the DRS Discovery Test's sub-error. [TSC]
    const hresult =
      res.failure === 'timeout'
        ? HR.DSREG_AUTOJOIN_DISC_WAIT_TIMEOUT
        : HR.DSREG_AUTOJOIN_DISC_FAILED;
    const subError = WININET_HR[res.failure];
    t.push({ k: 'discovery-failed', hresult, domain, network: true, subError });
    t.failure(subError);
    return { ok: false, hresult, subError };
  }
  t.push({ k: 'discovery-sent', domain, url });
  const doc = res.status === 200 ? readDiscoveryDocument(parseJson(res.body)) : undefined;
  if (doc?.ok) {
    t.push({ k: 'discovery-ok', body: res.body });
    return { ok: true, discovery: doc.value };
  }
  const hresult =
    res.status === 200 ? HR.E_INVALIDDATA : formatHresult(hresultForDiscoveryError(res.status));
  t.push({
    k: 'discovery-failed',
    hresult,
    domain,
    httpStatus: res.status,
    body: res.body,
  });
  const err = readDrsError(parseJson(res.body));
  return {
    ok: false,
    hresult,
    httpStatus: res.status,
    ...(err ? { server: { errorType: err.ErrorType, message: err.Message } } : {}),
  };
}

export type RealmResult =
  | { readonly ok: true; readonly federated: boolean }
  | { readonly ok: false; readonly hresult: string; readonly httpStatus?: number };

/** User realm for the verified domain (Windows 10 1809+). [TSC] [MSALPY] [ADALN] [AADI] [DSRT] */
export async function discoverRealm(
  t: TraceRecorder,
  tenantName: string,
  clientRequestId: string,
  network: Network = {},
): Promise<RealmResult> {
  const res = await send(
    `https://${LOGIN_HOST}/common/userrealm/${encodeURIComponent(tenantName)}?api-version=1.0`,
    { headers: { accept: 'application/json', 'client-request-id': clientRequestId } },
    network,
  );
  const realm =
    res.ok && res.status === 200
      ? (parseJson(res.body) as Record<string, unknown> | undefined)
      : undefined;
  const type = typeof realm?.['account_type'] === 'string' ? realm['account_type'] : undefined;
  if (!type || !/^(federated|managed)$/i.test(type)) {
    const httpStatus = res.ok ? res.status : undefined;
    t.push({
      k: 'realm-failed',
      hresult: HR.DSREG_AUTOJOIN_USERREALM_DISCOVERY_FAILED,
      ...(httpStatus === undefined ? {} : { httpStatus }),
    });
    return {
      ok: false,
      hresult: HR.DSREG_AUTOJOIN_USERREALM_DISCOVERY_FAILED,
      ...(httpStatus === undefined ? {} : { httpStatus }),
    };
  }
  return { ok: true, federated: type.toLowerCase() === 'federated' };
}
