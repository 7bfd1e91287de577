/**
 * The generated artefacts are current: schema/scenario.schema.json, docs/scenario-reference.md's
 * field reference and docs/cli.md's copy of the CLI help (checked against the real `--help` of the
 * real process, every command).
 * The JSON Schema is also checked with an independent validator (ajv, draft 2020-12) on the
 * shipped scenarios and on files it must reject.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  CLI_DOC_FILE,
  DOCUMENTED_COMMANDS,
  generatedCliDoc,
  generatedScenarioDoc,
  generatedSchema,
  SCENARIO_DOC_FILE,
  SCHEMA_FILE,
} from '../../src/tools/cli/docs/generated-docs.ts';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { eachField, fullSchema } from '../../src/scenario/language/docs/json-schema.ts';
import { hjsim } from '../support/hjsim-process.ts';

const REGENERATE = 'out of date: run `npm run docs` and commit the result';

describe('generated docs', { timeout: 120_000 }, () => {
  it('schema/scenario.schema.json is the zod schema', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8'), `schema/scenario.schema.json is ${REGENERATE}`).toBe(
      generatedSchema(),
    );
  });

  it("docs/cli.md's and docs/scenario-reference.md's generated sections are current", () => {
    const cli = readFileSync(CLI_DOC_FILE, 'utf8');
    expect(cli, `docs/cli.md is ${REGENERATE}`).toBe(generatedCliDoc(cli));
    const reference = readFileSync(SCENARIO_DOC_FILE, 'utf8');
    expect(reference, `docs/scenario-reference.md is ${REGENERATE}`).toBe(
      generatedScenarioDoc(reference),
    );
  });

  it('every scenario field says what it means', () => {
    const missing: string[] = [];
    eachField(fullSchema(), (path, s) => {
      if (typeof s['description'] !== 'string' || s['description'].trim() === '')
        missing.push(path);
    });
    expect(
      missing,
      'add .describe() in src/scenario/language/schema.ts or a row in src/scenario/language/docs/field-docs.ts',
    ).toEqual([]);
  });

  it('docs/cli.md shows the help the real CLI prints, for every command', () => {
    const cli = readFileSync(CLI_DOC_FILE, 'utf8');
    for (const command of DOCUMENTED_COMMANDS) {
      const r = hjsim(...(command ? [command] : []), '--help');
      expect(r.code).toBe(0);
      expect(cli, `hjsim ${command} --help differs from docs/cli.md: run npm run docs`).toContain(
        `\`\`\`text\n${r.stdout.trimEnd()}\n\`\`\``,
      );
    }
  }, 600_000);
});

describe('the JSON Schema, read by an independent validator', { timeout: 120_000 }, () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
  const yaml = (path: string) => parse(readFileSync(join(PACKAGE_ROOT, path), 'utf8')) as unknown;

  it('accepts every shipped scenario, whole or patch', () => {
    const dir = join(PACKAGE_ROOT, 'scenarios', 'pingone');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(13);
    for (const f of files) {
      expect(
        validate(yaml(`scenarios/pingone/${f}`)),
        `${f}: ${ajv.errorsText(validate.errors)}`,
      ).toBe(true);
    }
  });

  it('rejects a misspelt key in a patch, a whole scenario without its parts, and a wrong type', () => {
    expect(validate(yaml('test/fixtures/scenarios/misspelt-key.yaml'))).toBe(false);
    expect(ajv.errorsText(validate.errors)).toContain('must NOT have additional properties');
    expect(validate({ name: 'no tenant' })).toBe(false);
    expect(validate({ extends: 'b.yaml', name: 'x', device: { fallbackToSyncJoin: 'no' } })).toBe(
      false,
    );
    expect(
      validate({ extends: 'b.yaml', name: 'x', seed: null, device: { fallbackToSyncJoin: false } }),
    ).toBe(true);
  });
});
