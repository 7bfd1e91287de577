import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_MS } from '../../protocol/entra-names.ts';
import type { TokenView } from './token-view.ts';
import { entraContext, NOW } from '../../../test/support/entra-fixture.ts';
import {
  checkReplay,
  rememberedAssertions,
  REPLAY_WINDOW_WITHOUT_EXPIRY_MS,
  REPLAY_CACHE_MAX,
} from './check-replay.ts';
import type { TokenState } from './token-state.ts';

const HOUR = 3600_000;

function stateFor(ctx: TokenState['ctx'], patch: Partial<TokenView> = {}): TokenState {
  const token: TokenView = {
    version: '1.1',
    id: '_a1',
    issuer: 'https://sso.example.com/applications/x',
    notBefore: NOW.toISOString(),
    notOnOrAfter: new Date(NOW.getTime() + HOUR).toISOString(),
    audiences: [],
    audienceRestrictions: [],
    claims: [],
    authnMethods: [],
    ...patch,
  };
  return {
    ctx,
    endpoint: 'v1',
    tenantSegment: 'common',
    form: new URLSearchParams(),
    contentType: '',
    token,
  };
}

describe('checkReplay', () => {
  it('lets an assertion through once and refuses it the second time with 50013', () => {
    const { ctx } = entraContext();
    expect(checkReplay(stateFor(ctx))).toBeUndefined();
    const again = checkReplay(stateFor(ctx));
    expect(again).toMatchObject({
      code: 50013,
      params: { detail: 'The assertion has already been used.' },
    });
    expect(again?.detail).toContain('replay: AssertionID _a1');
  });

  it('keys on Issuer and AssertionID together', () => {
    const { ctx } = entraContext();
    expect(checkReplay(stateFor(ctx))).toBeUndefined();
    expect(checkReplay(stateFor(ctx, { id: '_a2' }))).toBeUndefined();
    expect(checkReplay(stateFor(ctx, { issuer: 'https://other.example/' }))).toBeUndefined();
    expect(rememberedAssertions(ctx)).toBe(3);
  });

  it('remembers until NotOnOrAfter + skew, then forgets (the validity check refuses it by then)', () => {
    const { ctx } = entraContext();
    expect(checkReplay(stateFor(ctx))).toBeUndefined();
    ctx.clock.advance(HOUR + CLOCK_SKEW_MS - 1);
    expect(checkReplay(stateFor(ctx))?.code).toBe(50013);
    ctx.clock.advance(1);
    const later = new Date(NOW.getTime() + 3 * HOUR).toISOString();
    expect(checkReplay(stateFor(ctx, { id: '_other', notOnOrAfter: later }))).toBeUndefined();
    expect(rememberedAssertions(ctx)).toBe(1);
  });

  it('remembers an assertion without NotOnOrAfter for the modeled window', () => {
    const { ctx } = entraContext();
    const open = { notOnOrAfter: undefined } as unknown as Partial<TokenView>;
    expect(checkReplay(stateFor(ctx, open))).toBeUndefined();
    ctx.clock.advance(REPLAY_WINDOW_WITHOUT_EXPIRY_MS - 1);
    expect(checkReplay(stateFor(ctx, open))?.code).toBe(50013);
  });

  it('two mock Entras never share their memory', () => {
    const a = entraContext().ctx;
    const b = entraContext().ctx;
    expect(checkReplay(stateFor(a))).toBeUndefined();
    expect(checkReplay(stateFor(b))).toBeUndefined();
  });

  it('a full cache (REPLAY_CACHE_MAX unexpired, frozen clock) refuses the next new assertion clearly; it does not grow', () => {
    const { ctx } = entraContext();
    for (let i = 0; i < REPLAY_CACHE_MAX; i++)
      expect(checkReplay(stateFor(ctx, { id: `_fill-${i}` }))).toBeUndefined();
    expect(rememberedAssertions(ctx)).toBe(REPLAY_CACHE_MAX);
    const full = checkReplay(stateFor(ctx, { id: '_one-more' }));
    expect(full?.code).toBe(50013);
    expect(full?.params?.['detail']).toContain(`holds ${REPLAY_CACHE_MAX} unexpired assertions`);
    expect(rememberedAssertions(ctx)).toBe(REPLAY_CACHE_MAX);
    // Once they expire (NotOnOrAfter + skew), room is made again.
    ctx.clock.advance(2 * HOUR);
    expect(
      checkReplay(
        stateFor(ctx, {
          id: '_after',
          notOnOrAfter: new Date(NOW.getTime() + 3 * HOUR).toISOString(),
        }),
      ),
    ).toBeUndefined();
    expect(rememberedAssertions(ctx)).toBe(1);
  });
});
