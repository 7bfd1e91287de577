/**
 * Provenance points inside the repository: every citation names a key of docs/sources.md (a
 * public document), never the sibling research folder or a path on someone's machine, which a
 * reader of a clone cannot open (issue 17, "Must show").
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';

const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  'coverage',
  'dist',
  '.vitest',
  'tmp',
  '.tmp',
  'test-results',
]);
/** This file names the patterns it looks for. */
const SELF = join('test', 'docs', 'provenance-paths.test.ts');
const TEXT = /\.(ts|js|mjs|cjs|json|ya?ml|md|txt|html|css|sh)$|^(Dockerfile|README)$/;

/** Every committed-looking text file of the checkout (walks the tree; no git needed). */
function textFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) textFiles(path, out);
    else if (TEXT.test(name) && st.size < 2_000_000 && name !== 'package-lock.json') out.push(path);
  }
  return out;
}

/** `../shared/…` (the sibling research folder) or an absolute home/work path of a machine. */
export const OUTSIDE = [/\.\.\/shared\//, /(?<![\w.\-/])\/(?:work|home|Users|root)\/[\w.-]/];

/** The lines of `text` that cite a place outside the repository, as `file:line: text`. */
export function outsideCitations(file: string, text: string): string[] {
  const hits: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (OUTSIDE.some((re) => re.test(line))) hits.push(`${file}:${i + 1}: ${line.trim()}`);
  });
  return hits;
}

describe('provenance stays inside the repository', () => {
  it('recognises both kinds of outside citation, and not look-alikes', () => {
    expect(outsideCitations('a.ts', ' * @see ../shared/research/protocol.md §1.4')).toHaveLength(1);
    expect(outsideCitations('a.ts', ' * @see /work/shared/seeds/004.txt')).toHaveLength(1);
    expect(outsideCitations('a.ts', "source: 'notes in /home/alice/x.md'")).toHaveLength(1);
    expect(outsideCitations('a.ts', "import x from './worker-messages.ts';")).toHaveLength(0);
    expect(outsideCitations('a.ts', 'see src/client/render/workplace-join-events.ts')).toHaveLength(
      0,
    );
    expect(outsideCitations('a.ts', ' * @see [PING] [TSL] (the seeds)')).toHaveLength(0);
  });

  it('no file of the checkout cites ../shared/ or a machine path (cite a docs/sources.md key)', () => {
    const files = textFiles(PACKAGE_ROOT).filter((f) => relative(PACKAGE_ROOT, f) !== SELF);
    expect(files.length).toBeGreaterThan(300);
    const hits = files.flatMap((f) =>
      outsideCitations(relative(PACKAGE_ROOT, f), readFileSync(f, 'utf8')),
    );
    expect(hits).toEqual([]);
  });
});
