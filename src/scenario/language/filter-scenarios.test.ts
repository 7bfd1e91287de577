import { describe, expect, it } from 'vitest';
import { matchesFilter } from './filter-scenarios.ts';

const s = { name: 'PingOne - primarysid not mapped', tags: ['pingone', 'fallback-off'] };

describe('matchesFilter', () => {
  it('selects by tag or by a part of the name, ignoring case', () => {
    expect(matchesFilter(s, 'fallback-off')).toBe(true);
    expect(matchesFilter(s, 'PRIMARYSID')).toBe(true);
    expect(matchesFilter(s, 'not mapped')).toBe(true);
  });
  it('tag: selects by tag only', () => {
    expect(matchesFilter(s, 'tag:pingone')).toBe(true);
    expect(matchesFilter(s, 'tag:primarysid')).toBe(false);
  });
  it('a tag must match whole', () => {
    expect(matchesFilter(s, 'tag:fallback')).toBe(false);
    expect(matchesFilter(s, 'adfs')).toBe(false);
  });
});
