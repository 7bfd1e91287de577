/**
 * Check (sync join): `TargetDomainId` names this tenant (by id or verified domain). A wrong SCP
 * tenant id gets `DirectoryError` "AADSTS90002: Tenant … not found." [TSC] "Sync-join server
 * errors"; modeled: HTTP 400, as for the other sync-join DirectoryErrors ([DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC] "Join HTTP status: 400").
 */
import { DIRECTORY_ERROR, tenantNotFoundMessage } from '../../protocol/drs/drs-messages.ts';
import { tenantMatches, type EntraContext } from '../tenant.ts';
import { fail, pass, type Checked } from './drs-failure.ts';

export function checkTargetTenant(ctx: EntraContext, targetDomainId: string): Checked<string> {
  return tenantMatches(ctx.tenant, targetDomainId)
    ? pass(ctx.tenant.id)
    : fail(400, DIRECTORY_ERROR, tenantNotFoundMessage(targetDomainId));
}
