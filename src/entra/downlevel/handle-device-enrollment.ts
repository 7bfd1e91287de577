/**
 * `POST /EnrollmentServer/DeviceEnrollmentWebService.svc`: the down-level device registration. The
 * user's access token (from the silent sign-in) authorises it; each request registers a new device
 * for that user (one device object per user who signs in), unless the user has reached the device
 * quota; the answer carries the device certificate issued by the test MS-Organization-Access CA.
 * @see [DL] [TSL] ("separate registration (DeviceID) is created for each of
 *   them"; "the user reached the maximum number of joined devices"); seed 000 ("The service isn't
 *   responding"; "A user has reached the limit of devices"); ../../protocol/downlevel/enrollment-message.ts
 * modeled: the fault subcodes (`DeviceCapReached`, `AuthenticationFailed`, `InvalidRequest`) and
 *   the reasons not taken from the DRS checks, HTTP 500 for faults as WS-Trust services answer
 *   them, and 503 when the scenario says the service does not answer. The quota, the certificate
 *   and the record of the device (owner = the user) are the federated join's own
 *   (check-device-quota.ts, complete-join.ts).
 */
import type { PartyRequest, PartyResponse } from '../../core/http.ts';
import { xmlResponse } from '../../core/http.ts';
import { isSimError } from '../../core/errors.ts';
import {
  buildEnrollmentResponse,
  parseEnrollmentRequest,
} from '../../protocol/downlevel/enrollment-message.ts';
import { NS } from '../../protocol/xml/namespaces.ts';
import { buildSoapFault } from '../../protocol/wstrust/soap-fault.ts';
import { readAccessToken } from '../access-token.ts';
import { checkCertificateRequest } from '../drs/check-certificate-request.ts';
import { checkDeviceQuota } from '../drs/check-device-quota.ts';
import { completeJoin } from '../drs/complete-join.ts';
import type { EntraContext } from '../tenant.ts';

export const FAULT_DEVICE_CAP_REACHED = 'DeviceCapReached';
export const FAULT_AUTHENTICATION_FAILED = 'AuthenticationFailed';
export const FAULT_INVALID_REQUEST = 'InvalidRequest';

function fault(ctx: EntraContext, subcode: string, reason: string, detail?: string): PartyResponse {
  ctx.log?.(`DeviceEnrollmentWebService: ${subcode}: ${detail ?? reason}`);
  return xmlResponse(
    500,
    buildSoapFault({ code: 'Sender', subcode: { namespace: NS.wst13, value: subcode }, reason }),
  );
}

export function handleDeviceEnrollment(ctx: EntraContext, req: PartyRequest): PartyResponse {
  const settings = ctx.downlevel;
  if (settings && !settings.registrationServiceUp) {
    ctx.log?.('DeviceEnrollmentWebService: the scenario says the service does not answer: 503');
    return {
      status: 503,
      headers: { 'content-type': 'text/html', date: ctx.clock.now().toUTCString() },
      body: '<html><body>Service Unavailable</body></html>',
    };
  }
  let request;
  try {
    request = parseEnrollmentRequest(req.body);
  } catch (e) {
    if (!isSimError(e)) throw e;
    return fault(ctx, FAULT_INVALID_REQUEST, 'The enrollment request is not valid.', e.message);
  }
  const claims = readAccessToken(
    ctx,
    request.accessToken ? `Bearer ${request.accessToken}` : undefined,
  );
  const upn = claims?.unique_name;
  if (!claims || !upn) {
    return fault(
      ctx,
      FAULT_AUTHENTICATION_FAILED,
      'The access token is missing, invalid or expired.',
      'no valid user access token in the security header',
    );
  }
  // The tenant's per-user quota (userDeviceQuota; the user's earlier devices and this run's).
  const quota = checkDeviceQuota(ctx, upn);
  if (!quota.ok)
    return fault(ctx, FAULT_DEVICE_CAP_REACHED, quota.failure.message, quota.failure.detail);
  const csr = checkCertificateRequest(request.csrDer.toString('base64'));
  if (!csr.ok) return fault(ctx, FAULT_INVALID_REQUEST, csr.failure.message, csr.failure.detail);
  const deviceId = ctx.ids.uuid();
  const joined = completeJoin(ctx, {
    deviceId,
    publicKeyPem: csr.value.publicKeyPem,
    displayName: request.context['DeviceDisplayName'] ?? '',
    osVersion: request.context['OSVersion'] ?? '',
    joinType: 'downlevel',
    upn,
    ownerUpn: upn,
  });
  ctx.log?.(
    `DeviceEnrollmentWebService: registered device ${deviceId} (${request.context['DeviceDisplayName'] ?? '?'}) for ${upn}`,
  );
  return xmlResponse(
    200,
    buildEnrollmentResponse({
      certificateDer: Buffer.from(joined.Certificate.RawBody, 'base64'),
      relatesTo: request.messageId ?? '',
    }),
  );
}
