/**
 * Check: DRS accepts a limited number of join requests per device (per user, for user-context
 * registrations) within a window; beyond it, `DirectoryError` "Your request is throttled
 * temporarily. Please try after 300 seconds." (the client reports DSREG_E_DIRECTORY_FAILURE).
 * @see [HBS] [ROAD] [AADI] [DVRJ] [TSC]; [TSC] "Federated join server errors" ("expected … multiple
 *   registration requests were made in quick succession")
 * modeled: the policy is the scenario's (`tenant.drs.throttle`: maxRequests per windowSeconds;
 *   real DRS's limits are not public); HTTP 400 as for DRS's other DirectoryErrors ([DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC]
 *   "Join HTTP status: 400"); a `Retry-After` with the seconds left; throttled requests do not
 *   count; the sync join is throttled by the same rule.
 */
import { DIRECTORY_ERROR, throttledMessage } from '../../protocol/drs/drs-messages.ts';
import type { EntraContext, Tenant } from '../tenant.ts';
import { fail, pass, type Checked } from './drs-failure.ts';

/** Accepted request times (ms) per throttle key, per tenant (one tenant per run). */
const accepted = new WeakMap<Tenant, Map<string, number[]>>();

export function checkThrottle(ctx: EntraContext, key: string): Checked<undefined> {
  const policy = ctx.tenant.drs?.throttle;
  if (!policy) return pass(undefined);
  const now = ctx.clock.now().getTime();
  const windowMs = policy.windowSeconds * 1000;
  let perKey = accepted.get(ctx.tenant);
  if (!perKey) accepted.set(ctx.tenant, (perKey = new Map()));
  const recent = (perKey.get(key) ?? []).filter((t) => now - t < windowMs);
  if (recent.length >= policy.maxRequests) {
    const oldest = recent[0] ?? now;
    const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    perKey.set(key, recent);
    return fail(400, DIRECTORY_ERROR, throttledMessage(policy.windowSeconds), {
      headers: { 'retry-after': String(retryAfter) },
      detail: `throttled: ${recent.length} join request(s) for ${key} in the last ${policy.windowSeconds} s (limit ${policy.maxRequests})`,
    });
  }
  recent.push(now);
  perKey.set(key, recent);
  return pass(undefined);
}
