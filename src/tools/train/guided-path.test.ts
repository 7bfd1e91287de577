import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../core/keys.ts';
import { loadScenario } from '../../scenario/language/load-scenario.ts';
import { GUIDED_PATH, PATH_SOURCES } from './guided-path.ts';

const SOURCES_MD = readFileSync(join(PACKAGE_ROOT, 'docs', 'sources.md'), 'utf8');

describe('the guided path', () => {
  it('has ten steps, each with what you see, why, how to fix, and sources', () => {
    expect(GUIDED_PATH).toHaveLength(10);
    expect(new Set(GUIDED_PATH.map((s) => s.scenario)).size).toBe(10);
    for (const s of GUIDED_PATH) {
      expect(s.see.length, s.title).toBeGreaterThan(0);
      expect(s.why.length, s.title).toBeGreaterThan(40);
      expect(s.fix.length, s.title).toBeGreaterThan(0);
      expect(s.sources.length, s.title).toBeGreaterThan(0);
      for (const k of s.sources)
        expect(
          PATH_SOURCES.map((p) => p.key),
          s.title,
        ).toContain(k);
    }
  });

  it('goes in the order a join meets the failures: discover, the IdP token, then the registration', () => {
    const order = { discover: 0, auth: 1, fallback: 1, join: 2 } as const;
    const ranks = GUIDED_PATH.map((s) => order[s.phase]);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  it('cites keys of docs/sources.md with the same address', () => {
    for (const s of PATH_SOURCES) {
      const row = SOURCES_MD.split('\n').find((l) => l.startsWith(`| ${s.key} |`));
      expect(row, s.key).toBeDefined();
      expect(row, s.key).toContain(`| ${s.url} |`);
    }
  });

  it("each step's codes are what its shipped scenario expects (the scenario tests check them against the sources)", async () => {
    for (const s of GUIDED_PATH) {
      const file = join(PACKAGE_ROOT, 'scenarios', s.scenario);
      expect(existsSync(file), file).toBe(true);
      const { expect: e } = (await loadScenario(file)).scenario;
      const expected = [...(e.hresults ?? []), ...(e.aadsts ?? [])].map((c) =>
        typeof c === 'string' ? c.toLowerCase() : c,
      );
      for (const c of s.codes) expect(expected, `${s.scenario}: ${c}`).toContain(c);
      for (const c of s.codes) expect(s.see.join('\n'), `${s.title}: ${c}`).toContain(String(c));
      if (s.phase !== 'fallback') expect(e.errorPhase, s.scenario).toBe(s.phase);
      else expect(e.fallbackAttempted, s.scenario).toBe(true);
    }
  });
});
