import { describe, expect, it } from 'vitest';
import { parseXml } from '../xml/parse-xml.ts';
import { selfAndDescendants } from './dom.ts';

describe('selfAndDescendants', () => {
  it('walks in document order', () => {
    const root = parseXml('<a><b><c/><d/></b><e><f/></e></a>', 't').documentElement;
    expect([...selfAndDescendants(root)].map((e) => e.tagName)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
    ]);
  });

  it('walks a document nested 20,000 deep without overflowing the stack', () => {
    const depth = 20_000;
    const root = parseXml(`${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`, 't').documentElement;
    expect(Array.from(selfAndDescendants(root))).toHaveLength(depth);
  });
});
