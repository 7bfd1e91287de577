/**
 * `npm run docs`: writes schema/scenario.schema.json and the generated sections of
 * docs/scenario-reference.md (scenario field reference) and docs/cli.md (CLI help). `--check` only
 * reports what is out of date (exit 1).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import {
  CLI_DOC_FILE,
  generatedCliDoc,
  generatedScenarioDoc,
  generatedSchema,
  SCENARIO_DOC_FILE,
  SCHEMA_FILE,
} from '../src/tools/cli/docs/generated-docs.ts';

const check = process.argv.includes('--check');
const read = (f: string) => {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return '';
  }
};
let stale = 0;
for (const [file, want] of [
  [SCHEMA_FILE, generatedSchema()],
  [SCENARIO_DOC_FILE, generatedScenarioDoc(read(SCENARIO_DOC_FILE))],
  [CLI_DOC_FILE, generatedCliDoc(read(CLI_DOC_FILE))],
] as const) {
  if (read(file) === want) continue;
  stale++;
  if (check) console.error(`${relative(process.cwd(), file)} is out of date: run npm run docs`);
  else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, want);
    console.log(`wrote ${relative(process.cwd(), file)}`);
  }
}
if (check && stale) process.exitCode = 1;
