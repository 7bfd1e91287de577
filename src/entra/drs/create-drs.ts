/**
 * Mock Entra DRS (`enterpriseregistration.windows.net`): discovery, the federated join and the sync
 * join, behind one error boundary. Every answer carries `date` (RFC 1123, from the run's clock;
 * dsregcmd prints it as "Join response time") and echoes `client-request-id`.
 * @see [DSRT] [HBS] [DVRD] [TSC] [ROAD] [AADI] [DVRJ] [DSR] [WIKI] [HIW]; seed 004 ("Join response time: Thu, 10 Jul 2025 17:22:14 GMT")
 * modeled: the boundary's 500 `InternalServerError` body for anything a handler throws.
 */
import { DRS_HOST } from '../../protocol/entra-names.ts';
import type { Party, PartyRequest, PartyResponse, Route } from '../../core/http.ts';
import {
  INTERNAL_SERVER_ERROR,
  INTERNAL_SERVER_ERROR_MESSAGE,
} from '../../protocol/drs/drs-messages.ts';
import type { EntraContext } from '../tenant.ts';
import { drsErrorResponse } from './drs-failure.ts';
import { CONTRACT_API_VERSIONS, DISCOVER_API_VERSIONS, handleDiscover } from './handle-discover.ts';
import { handleFederatedJoin } from './handle-federated-join.ts';
import { handleSyncJoin } from './handle-sync-join.ts';

type Handler = (req: PartyRequest, params: Readonly<Record<string, string>>) => PartyResponse;

/** `Date.toUTCString()` is the RFC 1123 / IMF-fixdate form: `Thu, 10 Jul 2025 17:22:14 GMT`. */
function withCommonHeaders(
  ctx: EntraContext,
  req: PartyRequest,
  res: PartyResponse,
): PartyResponse {
  const requestId = req.headers['client-request-id'];
  return {
    ...res,
    headers: {
      ...res.headers,
      date: ctx.clock.now().toUTCString(),
      ...(requestId === undefined ? {} : { 'client-request-id': requestId }),
    },
  };
}

/**
 * The answer of a DRS that is down (`tenant.drs.unavailable`): HTTP 503, which Windows 10+ reports
 * as DSREG_SERVER_BUSY 0x801c0025 ("HTTP 503 from DRS server") [TSC].
 * modeled: the body (a bare Service Unavailable page, as a load balancer in front of a stopped
 *   service answers); the legacy contract endpoint of the down-level client is not affected (its
 *   enrollment service answers 503 itself, handle-device-enrollment.ts).
 */
export function serviceUnavailable(ctx: EntraContext): PartyResponse {
  ctx.log?.('DRS: the scenario says the registration service does not answer: 503');
  return {
    status: 503,
    headers: { 'content-type': 'text/html' },
    body: '<html><body>Service Unavailable</body></html>',
  };
}

/** The one error boundary: a thrown error becomes a DRS 500 body, never a crashed transport. */
function guarded(ctx: EntraContext, handler: Handler): Route['handle'] {
  return (req, params) => {
    let res: PartyResponse;
    try {
      res = handler(req, params);
    } catch (e) {
      res = drsErrorResponse(ctx, {
        status: 500,
        errorType: INTERNAL_SERVER_ERROR,
        message: INTERNAL_SERVER_ERROR_MESSAGE,
        detail: `unhandled error in ${req.method} ${req.url.pathname}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      });
    }
    return withCommonHeaders(ctx, req, res);
  };
}

export function createDrsParty(ctx: EntraContext): Party {
  const route = (method: Route['method'], path: string, handler: Handler): Route => ({
    method,
    path,
    handle: guarded(ctx, handler),
  });
  /** A route the Windows 10+ client uses: 503 while DRS is down. */
  const serving =
    (handler: Handler): Handler =>
    (req, p) =>
      ctx.tenant.drs?.unavailable ? serviceUnavailable(ctx) : handler(req, p);
  return {
    name: 'mock-entra-drs',
    host: DRS_HOST,
    routes: [
      route(
        'GET',
        '/:tenant/discover',
        serving((req, p) => handleDiscover(ctx, req, p['tenant']!, DISCOVER_API_VERSIONS)),
      ),
      // The legacy contract: its own service set per version ([MS-DVRD] §2.2.4, §4.1).
      route('GET', '/:tenant/EnrollmentServer/contract', (req, p) =>
        handleDiscover(ctx, req, p['tenant']!, CONTRACT_API_VERSIONS, 'contract'),
      ),
      route(
        'POST',
        '/EnrollmentServer/device',
        serving((req) => handleFederatedJoin(ctx, req)),
      ),
      route(
        'PUT',
        '/EnrollmentServer/device/:deviceId',
        serving((req, p) => handleSyncJoin(ctx, req, p['deviceId']!)),
      ),
    ],
  };
}
