/**
 * The generated artefacts are current: schema/scenario.schema.json, the README's scenario field
 * reference and its copy of the CLI help (checked against the real `--help` of the real process).
 * The JSON Schema is also checked with an independent validator (ajv, draft 2020-12) on the
 * shipped scenarios and on files it must reject.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  DOCUMENTED_COMMANDS,
  generatedReadme,
  generatedSchema,
  README_FILE,
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

  it("the README's generated sections are current", () => {
    const readme = readFileSync(README_FILE, 'utf8');
    expect(readme, `README.md is ${REGENERATE}`).toBe(generatedReadme(readme));
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

  it('the README shows the help the real CLI prints', () => {
    const readme = readFileSync(README_FILE, 'utf8');
    for (const command of DOCUMENTED_COMMANDS) {
      const r = hjsim(...(command ? [command] : []), '--help');
      expect(r.code).toBe(0);
      expect(readme, `hjsim ${command} --help differs from the README: run npm run docs`).toContain(
        `\`\`\`text\n${r.stdout.trimEnd()}\n\`\`\``,
      );
    }
  });
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
