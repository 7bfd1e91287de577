import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findScenarioFiles } from './find-scenarios.ts';
import { scenarioPathIn } from './shipped-path.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const elsewhere = mkdtempSync(join(tmpdir(), 'hjsim-cwd-'));
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

describe('scenarioPathIn', () => {
  it('a shipped path resolves to the package from any working directory', () => {
    expect(scenarioPathIn('scenarios/pingone/baseline.yaml', elsewhere)).toBe(
      join(ROOT, 'scenarios', 'pingone', 'baseline.yaml'),
    );
  });

  it('a file of the same name under the working directory wins', () => {
    mkdirSync(join(elsewhere, 'scenarios', 'pingone'), { recursive: true });
    const own = join(elsewhere, 'scenarios', 'pingone', 'mine.yaml');
    writeFileSync(own, 'name: mine\n');
    expect(scenarioPathIn('scenarios/pingone/mine.yaml', elsewhere)).toBe(own);
  });

  it('a path that exists nowhere stays under the working directory, for the error message', () => {
    expect(scenarioPathIn('scenarios/nope.yaml', elsewhere)).toBe(
      join(elsewhere, 'scenarios', 'nope.yaml'),
    );
  });

  it('absolute paths are taken as given', () => {
    expect(scenarioPathIn('/x/y.yaml', elsewhere)).toBe('/x/y.yaml');
  });
});

describe('hjsim run arguments', () => {
  it('a shipped folder is found from another working directory', async () => {
    const files = await findScenarioFiles(['scenarios/adfs'], elsewhere);
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f.startsWith(join(ROOT, 'scenarios', 'adfs')))).toBe(true);
  });
});
