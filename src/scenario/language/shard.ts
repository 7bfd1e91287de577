/**
 * `hjsim run --shard i/n`: one of n CI machines runs the i-th of n contiguous slices of the
 * scenarios in run order (files sorted, then `--filter`). The split depends only on that order
 * and n, so every machine computes the same slices, and the slices concatenated in shard order
 * are the unsharded run: merged reports equal the unsharded one (`hjsim merge-reports`).
 * @see vitest `--shard <index>/<count>` and Playwright `--shard=x/y` (the same notation)
 */
import { SimError } from '../../core/errors.ts';

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** The most shards a suite may be split into. */
export const MAX_SHARDS = 1000;

/** Parses `2/4`; throws a usage error naming the form otherwise. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new SimError('ERR_USAGE', `--shard ${JSON.stringify(text)} is not a shard`, {
      hint: `write --shard INDEX/COUNT with 1 <= INDEX <= COUNT <= ${MAX_SHARDS}, e.g. --shard 2/4 on the second of four machines`,
    });
  }
  return { index, count };
}

/** The bounds [start, end) of shard `s` of `total` items (sizes differ by at most one). */
export function shardBounds(total: number, s: Shard): { start: number; end: number } {
  return {
    start: Math.floor(((s.index - 1) * total) / s.count),
    end: Math.floor((s.index * total) / s.count),
  };
}

/** The items shard `s` runs, in their order. */
export function shardOf<T>(items: readonly T[], s: Shard): T[] {
  const { start, end } = shardBounds(items.length, s);
  return items.slice(start, end);
}
