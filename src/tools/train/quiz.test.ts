import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSimError } from '../../core/errors.ts';
import { PACKAGE_ROOT } from '../../core/keys.ts';
import { closeInProcessTransport } from '../../transport/msw-transport.ts';
import { CODE_PATTERN } from './cause-label.ts';
import { createQuiz, type Quiz } from './quiz.ts';
import { openScenarioLibrary, type ScenarioLibrary } from './scenario-library.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A fixed sequence of "random" numbers: the same questions every run. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

let library: ScenarioLibrary;
let quiz: Quiz;

let fixedDir: string;

beforeAll(async () => {
  // A fixed library the assertions below were written against: the 13 seed-derived PingOne
  // scenarios (one per signature family), whatever else the shipped library grows.
  fixedDir = mkdtempSync(join(tmpdir(), 'hjsim-quiz-'));
  const pingone = join(PACKAGE_ROOT, 'scenarios', 'pingone');
  mkdirSync(join(fixedDir, 'pingone'));
  for (const f of readdirSync(pingone)) {
    if (!f.endsWith('.yaml') || f.startsWith('mex-')) continue;
    copyFileSync(join(pingone, f), join(fixedDir, 'pingone', f));
  }
  library = await openScenarioLibrary(fixedDir);
  quiz = createQuiz(library, seeded(7));
});

afterAll(() => rmSync(fixedDir, { recursive: true, force: true }));
afterAll(() => closeInProcessTransport());

describe('quiz', () => {
  it('asks with the transcript only, among causes the transcript can tell apart', async () => {
    const q = await quiz.question();
    expect(q.transcript.length).toBeGreaterThan(10);
    expect(q.transcript.join('\n')).not.toMatch(/PingOne - /);
    expect(q.choices.length).toBeGreaterThanOrEqual(2);
    expect(q.choices.length).toBeLessThanOrEqual(4);
    expect(new Set(q.choices.map((c) => c.id)).size).toBe(q.choices.length);
    // No two choices share an outcome: the shipped library has one per signature family.
    const families = q.choices.map((c) =>
      /fallback-off/.test(c.id)
        ? 'off'
        : /unsynced/.test(c.id)
          ? 'unsynced'
          : /baseline/.test(c.id)
            ? 'baseline'
            : 'fallback',
    );
    expect(new Set(families).size).toBe(families.length);
    // Neutral labels: no code, no outcome, and no two alike.
    for (const c of q.choices) expect(c.label).not.toMatch(CODE_PATTERN);
    for (const c of q.choices) expect(c.label).not.toMatch(/PingOne - |sync join|not joined/);
    expect(new Set(q.choices.map((c) => c.label)).size).toBe(q.choices.length);
    expect(q.kind).toBe('configuration');
    expect(q.transcriptTitle).toBe('dsregcmd /join /debug');
  });

  it('explains the answer with the evidence lines, right or wrong, once', async () => {
    const q = await quiz.question();
    const wrong = q.choices.find((c) => !c.id.includes('baseline')) ?? q.choices[0]!;
    const a = quiz.answer({ question: q.id, choice: wrong.id });
    expect(a.correct).toBe(a.answer.id === wrong.id);
    expect(q.choices.map((c) => c.id)).toContain(a.answer.id);
    expect(a.explanation[0]).toMatch(
      new RegExp(`^The cause: ${escape(a.answer.label)} \\(scenario ".+"\\)\\.$`),
    );
    expect(a.evidence.length).toBeGreaterThan(0);
    for (const e of a.evidence) expect(q.transcript[e.line - 1]).toBe(e.text);
    expect(a.evidence.some((e) => /AzureAdJoined : (YES|NO)/.test(e.text))).toBe(true);
    expect(() => quiz.answer({ question: q.id, choice: wrong.id })).toThrow(
      /unknown or already answered/,
    );
  });

  it('for an AADSTS51004 case, cites the AADSTS line and says which claims to look at', async () => {
    let a;
    for (let i = 0; i < 40 && !a; i++) {
      const q = await quiz.question();
      const r = quiz.answer({ question: q.id, choice: q.choices[0]!.id });
      if (r.answer.id === 'pingone/accounttype-wrong-nameformat.yaml') a = r;
    }
    expect(a).toBeDefined();
    expect(a!.evidence.map((e) => e.why).join('\n')).toContain(
      'Entra refused the token with AADSTS51004 (UserAccountNotInDirectory)',
    );
    expect(a!.evidence.some((e) => e.text.includes('Try synchronized join.'))).toBe(true);
    expect(a!.explanation.join('\n')).toContain('accounttype, onpremobjectguid or primarysid');
  });

  it('refuses a choice the question did not offer', async () => {
    const q = await quiz.question();
    expect(() => quiz.answer({ question: q.id, choice: '../../etc/passwd' })).toThrow(
      /not one of this question's choices/,
    );
  });

  it('needs at least two outcomes to ask', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hjsim-quiz-'));
    try {
      const base = join(PACKAGE_ROOT, 'scenarios', 'pingone', 'baseline.yaml');
      writeFileSync(join(dir, 'only.yaml'), `extends: ${JSON.stringify(base)}\nname: only one\n`);
      const one = createQuiz(await openScenarioLibrary(dir));
      const e = await one.question().catch((x: unknown) => x);
      expect(isSimError(e, 'ERR_USAGE')).toBe(true);
      expect((e as Error).message).toMatch(/at least two different outcomes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('quiz: attacks apart', () => {
  let dir: string;
  let attacks: Quiz;
  const ATTACKS = ['xsw1.yaml', 'dtd-external-entity.yaml', 'multiple-roots.yaml'];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hjsim-quiz-'));
    for (const [folder, files] of [
      ['attacks', ATTACKS],
      ['pingone', ['baseline.yaml', 'accounttype-wrong-nameformat.yaml']],
      ['onprem', ['scp-missing.yaml']],
    ] as const) {
      mkdirSync(join(dir, folder));
      for (const f of files)
        copyFileSync(join(PACKAGE_ROOT, 'scenarios', folder, f), join(dir, folder, f));
    }
    attacks = createQuiz(await openScenarioLibrary(dir), seeded(11));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an attack is asked among attacks, a misconfiguration among misconfigurations', async () => {
    const kinds = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const q = await attacks.question();
      kinds.add(q.kind);
      const inAttacks = q.choices.map((c) => c.id.startsWith('attacks/'));
      expect(new Set(inAttacks).size, JSON.stringify(q.choices)).toBe(1);
      expect(inAttacks[0]).toBe(q.kind === 'attack');
    }
    expect(kinds).toEqual(new Set(['attack', 'configuration']));
  });
});
