/**
 * NotBefore / NotOnOrAfter against Entra's clock, with a clock-skew allowance.
 * @see [ERR] (70002 + 500133); skew value modeled (protocol/entra-names.ts)
 */
import { CLOCK_SKEW_MS } from '../../protocol/entra-names.ts';
import { entraTimestamp } from '../../protocol/oauth/error-response.ts';
import type { TokenCheck } from './token-state.ts';

export const checkValidity: TokenCheck = (s) => {
  const now = s.ctx.clock.now();
  const nb = s.token?.notBefore ? new Date(s.token.notBefore) : undefined;
  const na = s.token?.notOnOrAfter ? new Date(s.token.notOnOrAfter) : undefined;
  const early =
    nb !== undefined &&
    (Number.isNaN(nb.getTime()) || nb.getTime() - CLOCK_SKEW_MS > now.getTime());
  const late =
    na !== undefined &&
    (Number.isNaN(na.getTime()) || na.getTime() + CLOCK_SKEW_MS <= now.getTime());
  if (!early && !late) return undefined;
  return {
    code: 500133,
    params: {
      now: entraTimestamp(now),
      expiry: na && !Number.isNaN(na.getTime()) ? entraTimestamp(na) : 'unknown',
    },
    detail: early
      ? `NotBefore ${s.token?.notBefore} is in the future beyond the ${CLOCK_SKEW_MS / 60000} min skew`
      : `NotOnOrAfter ${s.token?.notOnOrAfter} has passed beyond the ${CLOCK_SKEW_MS / 60000} min skew`,
  };
};
