import { describe, expect, it } from 'vitest';
import { lineDiff } from './line-diff.ts';

describe('lineDiff', () => {
  it('is undefined for equal inputs', () => {
    expect(lineDiff(['a', 'b'], ['a', 'b'])).toBeUndefined();
    expect(lineDiff([], [])).toBeUndefined();
  });

  it('shows a changed line with its context and where it is', () => {
    const golden = ['1', '2', '3', '4', '5', '6', '7'];
    const actual = ['1', '2', '3', 'four', '5', '6', '7'];
    expect(lineDiff(golden, actual)).toBe(
      ['@@ golden line 2, this run line 2 @@', '  2', '  3', '- 4', '+ four', '  5', '  6'].join(
        '\n',
      ),
    );
  });

  it('shows added and removed lines as separate hunks when far apart', () => {
    const golden = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    const actual = ['x', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    expect(lineDiff(golden, actual)).toBe(
      [
        '@@ golden line 1, this run line 1 @@',
        '+ x',
        '  a',
        '  b',
        '@@ golden line 7, this run line 8 @@',
        '  g',
        '  h',
        '- i',
      ].join('\n'),
    );
  });

  it('cuts long diffs and says how much is left', () => {
    const golden = Array.from({ length: 100 }, (_, i) => `g${i}`);
    const actual = Array.from({ length: 100 }, (_, i) => `a${i}`);
    const d = lineDiff(golden, actual, { maxLines: 10 })!;
    expect(d.split('\n')).toHaveLength(11);
    expect(d).toMatch(/… 191 more diff lines \(200 lines differ\)$/);
  });
});
