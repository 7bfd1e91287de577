/**
 * A bearer assertion is redeemed once. Mock Entra remembers the (Issuer, AssertionID) of every
 * assertion that got this far and refuses the same pair again until NotOnOrAfter + the clock
 * skew has passed (after that the validity check refuses it anyway, so the entry is dropped).
 * An assertion without NotOnOrAfter is remembered for REPLAY_WINDOW_WITHOUT_EXPIRY_MS.
 *
 * The rule is the one .NET relying parties follow: WIF's SamlSecurityTokenHandler.DetectReplayedToken
 * ("throws if the token already exists in the token replay cache; otherwise the token is added",
 * bearer tokens only), kept until GetTokenReplayCacheEntryExpirationTime (the Conditions'
 * NotOnOrAfter); SAML 2.0 Profiles §4.1.4.5 asks the same of SAML 2.0 bearer assertions.
 * It runs where WIF runs it: after the signature and the validity window, before claims.
 * @see learn.microsoft.com dotnet/api System.IdentityModel.Tokens.SamlSecurityTokenHandler
 *   .DetectReplayedToken and .GetTokenReplayCacheEntryExpirationTime; saml-profiles-2.0-os §4.1.4.5
 * modeled: Entra's own replay cache is not documented, nor the code it answers with; AADSTS50013
 * (InvalidAssertion, "Assertion is invalid because of various reasons") is the catalogue's
 * catch-all for an assertion that is well formed but unacceptable.
 */
import { CLOCK_SKEW_MS } from '../../protocol/entra-names.ts';
import type { EntraContext } from '../tenant.ts';
import type { TokenCheck } from './token-state.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

/** modeled: how long an assertion without NotOnOrAfter is remembered (one day). */
export const REPLAY_WINDOW_WITHOUT_EXPIRY_MS = 24 * 3600 * 1000;

/**
 * modeled: the most assertions one mock Entra remembers at once. A full cache (after dropping the
 * expired) refuses the next new assertion with a clear text rather than grow without end: a local
 * client that mints tokens in a loop against a frozen clock (the seeded default) would otherwise.
 */
export const REPLAY_CACHE_MAX = 100_000;

/** Expired entries are swept every this many insertions (not on every request), or when full. */
const SWEEP_EVERY = 1_024;
const inserts = new WeakMap<Map<string, number>, number>();

function sweep(cache: Map<string, number>, now: number): void {
  for (const [id, until] of cache) if (until <= now) cache.delete(id);
}

/** One cache per mock Entra (its context), so parallel runs never see each other's assertions. */
const caches = new WeakMap<EntraContext, Map<string, number>>();

function cacheOf(ctx: EntraContext): Map<string, number> {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new Map()));
  return cache;
}

/** How many assertions this mock Entra currently remembers (for load reports and tests). */
export function rememberedAssertions(ctx: EntraContext): number {
  const cache = caches.get(ctx);
  if (!cache) return 0;
  // Expired entries are swept lazily: they are no longer remembered.
  sweep(cache, ctx.clock.now().getTime());
  return cache.size;
}

export const checkReplay: TokenCheck = (s) => {
  const a = s.token;
  if (!a) return undefined;
  const now = s.ctx.clock.now().getTime();
  const cache = cacheOf(s.ctx);
  const n = (inserts.get(cache) ?? 0) + 1;
  inserts.set(cache, n);
  if (n % SWEEP_EVERY === 0 || cache.size >= REPLAY_CACHE_MAX) sweep(cache, now);

  const key = `${a.issuer}\u0000${a.id}`;
  let seenUntil = cache.get(key);
  if (seenUntil !== undefined && seenUntil <= now) {
    cache.delete(key);
    seenUntil = undefined;
  }
  if (seenUntil !== undefined) {
    return {
      code: AADSTS.InvalidAssertion,
      params: { detail: 'The assertion has already been used.' },
      detail: `replay: AssertionID ${a.id} from ${a.issuer} was redeemed before; remembered until ${new Date(seenUntil).toISOString()}`,
    };
  }
  const notOnOrAfter = a.notOnOrAfter ? Date.parse(a.notOnOrAfter) : Number.NaN;
  const expiry = Number.isNaN(notOnOrAfter)
    ? now + REPLAY_WINDOW_WITHOUT_EXPIRY_MS
    : notOnOrAfter + CLOCK_SKEW_MS;
  // An entry found above but expired (not yet swept) is no replay: its assertion is out of date.
  if (seenUntil === undefined && cache.size >= REPLAY_CACHE_MAX) {
    return {
      code: AADSTS.InvalidAssertion,
      params: {
        detail: `The replay cache holds ${REPLAY_CACHE_MAX} unexpired assertions; retry once the oldest has expired.`,
      },
      detail: `replay cache full (${cache.size} unexpired assertions, REPLAY_CACHE_MAX); nothing was remembered`,
    };
  }
  cache.set(key, expiry);
  return undefined;
};
