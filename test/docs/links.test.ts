/**
 * Every relative link and anchor in README.md and docs/*.md resolves: the file exists, and an
 * anchor names a heading of the target page (GitHub's slugs: lower case, punctuation dropped,
 * spaces to hyphens, repeats numbered -1, -2, …). Links inside code are not links.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';

/** The text outside fenced code blocks and inline code. */
export function proseOf(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (m) {
      if (!fence) fence = m[1]![0]!.repeat(m[1]!.length);
      else if (line.trim().startsWith(fence)) fence = undefined;
      out.push('');
      continue;
    }
    out.push(fence ? '' : line.replace(/(`+)[^`]*?\1/g, ''));
  }
  return out.join('\n');
}

/** GitHub's heading anchors of a page. */
export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of proseOf(markdown.replace(/`/g, '')).split('\n')) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const text = m[1]!.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n ? `${base}-${n}` : base);
  }
  for (const m of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(m[1]!);
  return anchors;
}

/** `[text](target)` and `![alt](target)` links of the prose, and `[label]: target` definitions. */
export function linksOf(markdown: string): string[] {
  const prose = proseOf(markdown);
  const links = [
    ...prose.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g),
  ].map((m) => m[1]!);
  for (const m of prose.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)) links.push(m[1]!);
  return links;
}

const PAGES = [
  join(PACKAGE_ROOT, 'README.md'),
  ...readdirSync(join(PACKAGE_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(PACKAGE_ROOT, 'docs', f)),
];

describe('links in README.md and docs/*.md', () => {
  it('the slugger and link reader follow GitHub', () => {
    expect([...anchorsOf('# Quick start\n## `hjsim run` options\n## A/B & C\n## A/B & C')]).toEqual(
      ['quick-start', 'hjsim-run-options', 'ab--c', 'ab--c-1'],
    );
    expect(linksOf('see [x](a.md#b) and `[y](no.md)`\n```\n[z](no.md)\n```\n![i](p.png)')).toEqual([
      'a.md#b',
      'p.png',
    ]);
  });

  it.each(PAGES.map((p) => [relative(PACKAGE_ROOT, p), p]))(
    '%s: every relative link resolves',
    (_, page) => {
      const text = readFileSync(page, 'utf8');
      const broken: string[] = [];
      for (const link of linksOf(text)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:, …
        const [path, anchor] = link.split('#', 2) as [string, string | undefined];
        const target = path === '' ? page : resolve(dirname(page), decodeURIComponent(path));
        if (!existsSync(target)) {
          broken.push(`${link}: no such file`);
          continue;
        }
        if (anchor === undefined || anchor === '' || !target.endsWith('.md')) continue;
        if (statSync(target).isDirectory()) continue;
        const anchors = anchorsOf(readFileSync(target, 'utf8'));
        if (!anchors.has(decodeURIComponent(anchor)))
          broken.push(`${link}: no heading #${anchor} in ${relative(PACKAGE_ROOT, target)}`);
      }
      expect(broken).toEqual([]);
    },
  );
});
