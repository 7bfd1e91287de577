/**
 * The simulated world's clock, shared by every party of one run. Seeded runs use a manual clock
 * so that every timestamp is reproducible; `advance` models the time a step takes.
 */
export interface Clock {
  now(): Date;
  advance(ms: number): void;
}

export function manualClock(start: Date): Clock {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
  };
}

/** Wall-clock time, plus whatever skew `advance` added (so scenarios can still move time). */
export function systemClock(): Clock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}
