/**
 * docs/diagnose.md shows one real-shaped log per input kind and what diagnose says of it; each
 * example is a corpus file (test/fixtures/diagnose-corpus) and its rendering, checked here so the
 * page cannot drift. Regenerate the examples with `UPDATE_DIAGNOSE_DOC=1 npx vitest run
 * test/docs/diagnose-doc.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { diagnoseText } from '../../src/tools/diagnose/diagnose.ts';
import { renderDiagnosis } from '../../src/tools/diagnose/render-diagnosis.ts';

const DOC = join(PACKAGE_ROOT, 'docs', 'diagnose.md');
const CORPUS = join(PACKAGE_ROOT, 'test', 'fixtures', 'diagnose-corpus');
const EXAMPLE = /<!-- example: ([\w.-]+) -->\n[\s\S]*?<!-- \/example -->/g;
const FENCE = '```';

/** The example block for one corpus file: the log as pasted, then diagnose's answer. */
function example(file: string): string {
  const input = readFileSync(join(CORPUS, file), 'utf8').replace(/\s+$/, '');
  const r = diagnoseText(input, new Date('2024-03-12T08:20:00Z'));
  const output = r.ok ? renderDiagnosis(r.diagnosis, [], PACKAGE_ROOT) : `hjsim: ${r.message}`;
  return [
    `<!-- example: ${file} -->`,
    `Input (\`test/fixtures/diagnose-corpus/${file}\`):`,
    '',
    `${FENCE}text`,
    input,
    FENCE,
    '',
    '`hjsim diagnose` says:',
    '',
    `${FENCE}text`,
    output,
    FENCE,
    '<!-- /example -->',
  ].join('\n');
}

describe('docs/diagnose.md', () => {
  it('shows each example log with what diagnose says of it today', () => {
    const doc = readFileSync(DOC, 'utf8');
    const current = doc.replace(EXAMPLE, (_, file: string) => example(file));
    if (process.env['UPDATE_DIAGNOSE_DOC'] === '1') writeFileSync(DOC, current);
    const files = [...doc.matchAll(EXAMPLE)].map((m) => m[1]);
    expect(files.length).toBeGreaterThanOrEqual(8);
    expect(
      doc,
      'docs/diagnose.md is out of date: UPDATE_DIAGNOSE_DOC=1 npx vitest run test/docs/diagnose-doc.test.ts',
    ).toBe(current);
  });
});
