/**
 * vitest matchers for scenario results: `expect(result).toJoin('sync')`,
 * `.toFailWithAadsts(51004)`, `.toFailWithHresult('0xcaa1000e')`, `.toFallBackToSyncJoin()`.
 * Install them once per test file: `expect.extend(hjsimMatchers)`.
 */
import type {} from 'vitest'; // the module augmented below (its types must be in the compiled package's program too)
import type { JoinOutcome } from '../../client/trace.ts';
import { normalizeHresult } from '../../protocol/hresult/catalog.ts';

interface Received {
  readonly name?: string;
  readonly outcome?: JoinOutcome;
  readonly error?: { readonly code: string; readonly message: string };
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

function describeOutcome(r: Received): string {
  const o = r.outcome;
  if (!o)
    return r.error ? `it did not run (${r.error.code}: ${r.error.message})` : 'it has no outcome';
  const parts = [
    o.joined ? `joined (${o.joinType})` : 'not joined',
    ...(o.errorPhase ? [`error phase ${o.errorPhase}`] : []),
    `AADSTS [${o.aadsts.join(', ')}]`,
    `HRESULTs [${o.hresults.join(', ')}]`,
    o.fallbackAttempted ? 'fell back to sync join' : 'no fallback',
  ];
  return parts.join(', ');
}

function outcomeOf(received: unknown): { r: Received; o: JoinOutcome | undefined } {
  const r = (received ?? {}) as Received;
  return { r, o: r.outcome };
}

const label = (r: Received) => (r.name ? `scenario '${r.name}'` : 'the scenario');

export const hjsimMatchers = {
  toJoin(received: unknown, joinType?: 'federated' | 'sync'): MatcherResult {
    const { r, o } = outcomeOf(received);
    const pass = !!o && o.joined && (joinType === undefined || o.joinType === joinType);
    const want = joinType ? `to join (${joinType})` : 'to join';
    return {
      pass,
      message: () => `expected ${label(r)} ${pass ? 'not ' : ''}${want}, but ${describeOutcome(r)}`,
    };
  },
  toFailWithAadsts(received: unknown, code: number): MatcherResult {
    const { r, o } = outcomeOf(received);
    const pass = !!o && o.aadsts.includes(code);
    return {
      pass,
      message: () =>
        `expected ${label(r)} ${pass ? 'not ' : ''}to get AADSTS${code} from mock Entra, but ${describeOutcome(r)}`,
    };
  },
  toFailWithHresult(received: unknown, hresult: string | number): MatcherResult {
    const { r, o } = outcomeOf(received);
    const want = normalizeHresult(
      typeof hresult === 'number' ? `0x${(hresult >>> 0).toString(16)}` : hresult,
    );
    const pass = !!o && o.hresults.includes(want);
    return {
      pass,
      message: () =>
        `expected ${label(r)} ${pass ? 'not ' : ''}to report ${want}, but ${describeOutcome(r)}`,
    };
  },
  toFallBackToSyncJoin(received: unknown): MatcherResult {
    const { r, o } = outcomeOf(received);
    const pass = !!o && o.fallbackAttempted;
    return {
      pass,
      message: () =>
        `expected ${label(r)} ${pass ? 'not ' : ''}to fall back to sync join, but ${describeOutcome(r)}`,
    };
  },
};

export interface HjsimMatchers<R = unknown> {
  /** The device joined; with a type, by that kind of join. */
  toJoin(joinType?: 'federated' | 'sync'): R;
  /** Mock Entra answered with this AADSTS code (e.g. 51004). */
  toFailWithAadsts(code: number): R;
  /** The client reported this failure HRESULT (`'0xcaa1000e'`, any case, or a number). */
  toFailWithHresult(hresult: string | number): R;
  /** The federated join failed and the client tried a sync join. */
  toFallBackToSyncJoin(): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Assertion<T = any> extends HjsimMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends HjsimMatchers {}
}
