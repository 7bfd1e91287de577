/**
 * The `{tenant}` segment must name this tenant (id or verified domain) or be common/organizations.
 * @see ../shared/research/protocol.md §3b (90002 InvalidTenantName)
 */
import { tenantMatches } from '../tenant.ts';
import type { TokenCheck } from './token-state.ts';

export const checkTenant: TokenCheck = (s) => {
  const seg = s.tenantSegment.toLowerCase();
  if (seg === 'common' || seg === 'organizations') return undefined;
  if (tenantMatches(s.ctx.tenant, seg)) return undefined;
  return { code: 90002, params: { tenant: s.tenantSegment } };
};
