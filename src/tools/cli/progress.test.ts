import { describe, expect, it } from 'vitest';
import { startProgress } from './progress.ts';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return {
    written,
    stream: {
      isTTY,
      write: (s: string | Uint8Array) => {
        written.push(String(s));
        return true;
      },
    },
  };
}

describe('progress line', () => {
  it('stays silent for the first second, then rewrites one line and erases it', () => {
    const { stream, written } = fakeStream(true);
    let t = 0;
    const p = startProgress(3, stream, () => t);
    p.update('passed');
    expect(written).toEqual([]);
    t = 1500;
    p.update('failed');
    t = 2000;
    p.update('error');
    p.stop();
    expect(written).toEqual([
      '\r\x1b[2K[2/3] 1 passed, 1 failed, 1.5 s',
      '\r\x1b[2K[3/3] 1 passed, 1 failed, 1 errors, 2.0 s',
      '\r\x1b[2K',
    ]);
  });

  it('prints nothing when stderr is not a terminal', () => {
    const { stream, written } = fakeStream(false);
    let t = 0;
    const p = startProgress(2, stream, () => t);
    t = 5000;
    p.update('passed');
    p.stop();
    expect(written).toEqual([]);
  });

  it('erases nothing when it never showed', () => {
    const { stream, written } = fakeStream(true);
    const p = startProgress(1, stream, () => 0);
    p.update('passed');
    p.stop();
    expect(written).toEqual([]);
  });
});
