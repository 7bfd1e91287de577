/**
 * NotBefore / NotOnOrAfter against Entra's clock, with a clock-skew allowance. A bearer assertion
 * must carry NotOnOrAfter; both times are xs:dateTime with a time zone (no `Date.parse` leniency);
 * NotBefore after NotOnOrAfter is refused; a SAML 2.0 assertion (saml2-bearer) needs a bearer
 * SubjectConfirmation whose SubjectConfirmationData has an unexpired NotOnOrAfter.
 * @see [ERR] (70002 + 500133; 50013 InvalidAssertion "expired, malformed"); RFC 7522 §3 (bearer
 *   SubjectConfirmation with NotOnOrAfter; the assertion MUST have an expiry); XML Schema 2
 *   §3.2.7 (dateTime; a zone: Z or ±hh:mm); skew value modeled (protocol/entra-names.ts)
 * modeled: 50013 for a missing or malformed time, an inverted window and a missing or expired
 *   bearer confirmation (no public source shows the code Entra gives for each).
 */
import { CLOCK_SKEW_MS } from '../../protocol/entra-names.ts';
import { entraTimestamp } from '../../protocol/oauth/error-response.ts';
import { echoed } from '../../core/echo.ts';
import type { TokenCheck } from './token-state.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

/** xs:dateTime with a time zone, as SAML requires its instants (UTC, `Z`) — nothing looser. */
const XS_DATETIME_WITH_ZONE =
  /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

function invalid(detail: string) {
  return { code: AADSTS.InvalidAssertion, params: { detail }, detail };
}

/** The shape rules: zone, presence, order; then the time itself (checkTimes). */
export const checkValidity: TokenCheck = (s) => {
  const t = s.token;
  for (const [name, value] of [
    ['NotBefore', t?.notBefore],
    ['NotOnOrAfter', t?.notOnOrAfter],
  ] as const) {
    if (value !== undefined && !XS_DATETIME_WITH_ZONE.test(value))
      return invalid(`The ${name} '${echoed(value, 64)}' is not an xs:dateTime with a time zone.`);
  }
  if (t?.notOnOrAfter === undefined)
    return invalid('The assertion has no NotOnOrAfter: a bearer assertion must expire.');
  if (t.notBefore !== undefined && Date.parse(t.notBefore) > Date.parse(t.notOnOrAfter))
    return invalid('The assertion NotBefore is after NotOnOrAfter.');
  const times = checkTimes(s);
  if (times) return times;
  if (t.version === '2.0') {
    const now = s.ctx.clock.now().getTime();
    const bearer = (t.subjectConfirmations ?? []).filter((c) => c.method === BEARER);
    if (bearer.length === 0) return invalid('The assertion has no bearer SubjectConfirmation.');
    const live = bearer.some(
      (c) =>
        c.notOnOrAfter !== undefined &&
        XS_DATETIME_WITH_ZONE.test(c.notOnOrAfter) &&
        Date.parse(c.notOnOrAfter) + CLOCK_SKEW_MS > now &&
        (c.notBefore === undefined ||
          (XS_DATETIME_WITH_ZONE.test(c.notBefore) &&
            Date.parse(c.notBefore) - CLOCK_SKEW_MS <= now)),
    );
    if (!live)
      return invalid(
        'The bearer SubjectConfirmationData has no NotOnOrAfter, a malformed one, or has expired.',
      );
  }
  return undefined;
};

const checkTimes: TokenCheck = (s) => {
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
    code: AADSTS.AssertionNotWithinValidTimeRange,
    params: {
      now: entraTimestamp(now),
      expiry: na && !Number.isNaN(na.getTime()) ? entraTimestamp(na) : 'unknown',
    },
    detail: early
      ? `NotBefore ${s.token?.notBefore} is in the future beyond the ${CLOCK_SKEW_MS / 60000} min skew`
      : `NotOnOrAfter ${s.token?.notOnOrAfter} has passed beyond the ${CLOCK_SKEW_MS / 60000} min skew`,
  };
};
