/**
 * `GET /<tenant>/discover?api-version=1.x` (and the legacy `/<tenant>/EnrollmentServer/contract`):
 * the discovery document for a tenant named by id or verified domain.
 * @see [DSRT] [HBS] [DVRD] [TSC]; [MS-DVRD] §3.1.5.1.1.3 (Accept, 4xx on errors)
 * Federated: addressed by a domain, the domain's own authentication decides; addressed by tenant id,
 * modeled: false (no domain is named, so there is no federated realm to point at).
 * TenantName: the addressed domain; by tenant id, modeled: the tenant's first verified domain.
 * Unknown tenant, modeled: HTTP 404 `DirectoryError` with the AADSTS90002 text [TSC] gives for a
 * wrong SCP tenant id; the join client maps a discovery 404 to DSREG_DISCOVERY_TENANT_NOT_FOUND
 * (`hresultForDiscoveryError`). What status real DRS uses here is not public.
 */
import { DRS_HOST, LOGIN_HOST } from '../../protocol/entra-names.ts';
import type { PartyRequest, PartyResponse } from '../../core/http.ts';
import {
  buildContractDocument,
  buildDiscoveryDocument,
  discoveryJson,
  discoveryXml,
  type DiscoveryInput,
} from '../../protocol/drs/discovery.ts';
import { DIRECTORY_ERROR, tenantNotFoundMessage } from '../../protocol/drs/drs-messages.ts';
import { findDomain, tenantMatches, type EntraContext } from '../tenant.ts';
import { checkAccept } from './check-accept.ts';
import { checkApiVersion } from './check-api-version.ts';
import { drsErrorResponse, fail, pass, type Checked } from './drs-failure.ts';

/** Discovery serves any 1.x (dsreg sends 1.7, [DSRT] [HBS] [DVRD] [TSC]; [HBS] documents 1.9). */
export const DISCOVER_API_VERSIONS = /^1\.\d+$/;
/** The legacy contract endpoint serves 1.0 and 1.2. [MS-DVRD] §2.1, §4.1 */
export const CONTRACT_API_VERSIONS = /^1\.[02]$/;

function checkTenant(
  ctx: EntraContext,
  tenant: string,
): Checked<{ tenantName: string; federated: boolean; passiveAuthEndpoint?: string }> {
  if (!tenantMatches(ctx.tenant, tenant))
    return fail(404, DIRECTORY_ERROR, tenantNotFoundMessage(tenant));
  const domain = findDomain(ctx.tenant, tenant);
  if (domain) {
    const federated = domain.authentication === 'federated';
    const passive = federated ? domain.federation?.passiveSignInUri : undefined;
    return pass({
      tenantName: domain.name,
      federated,
      ...(passive === undefined ? {} : { passiveAuthEndpoint: passive }),
    });
  }
  return pass({ tenantName: ctx.tenant.domains[0]?.name ?? '', federated: false });
}

/** Which document a route serves: the current discovery, or the legacy contract. */
export type DiscoveryKind = 'discover' | 'contract';

export function handleDiscover(
  ctx: EntraContext,
  req: PartyRequest,
  tenant: string,
  apiVersions: RegExp,
  kind: DiscoveryKind = 'discover',
): PartyResponse {
  const version = checkApiVersion(req, apiVersions);
  if (!version.ok) return drsErrorResponse(ctx, version.failure);
  const accept = checkAccept(req);
  if (!accept.ok) return drsErrorResponse(ctx, accept.failure);
  const found = checkTenant(ctx, tenant);
  if (!found.ok) return drsErrorResponse(ctx, found.failure);
  const input: DiscoveryInput = {
    tenantId: ctx.tenant.id,
    tenantName: found.value.tenantName,
    displayName: ctx.tenant.displayName,
    federated: found.value.federated,
    drsHost: DRS_HOST,
    loginHost: LOGIN_HOST,
    apiVersion: version.value,
    ...(found.value.passiveAuthEndpoint === undefined
      ? {}
      : { passiveAuthEndpoint: found.value.passiveAuthEndpoint }),
  };
  const doc =
    kind === 'contract'
      ? buildContractDocument(input, version.value === '1.0' ? '1.0' : '1.2')
      : buildDiscoveryDocument(input);
  return accept.value === 'xml'
    ? {
        status: 200,
        headers: { 'content-type': 'application/xml; charset=utf-8' },
        body: discoveryXml(doc),
      }
    : {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: discoveryJson(doc),
      };
}
