/**
 * The generated parts of the docs: `schema/scenario.schema.json`, the scenario field reference in
 * `docs/scenario-reference.md` and the CLI help in `docs/cli.md`, each between
 * `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. `npm run docs` writes them;
 * `test/docs/generated-docs.test.ts` fails when they drift.
 */
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../../core/keys.ts';
import { SimError } from '../../../core/errors.ts';
import { scenarioJsonSchemaText } from '../../../scenario/language/docs/json-schema.ts';
import { scenarioReferenceMarkdown } from '../../../scenario/language/docs/schema-reference.ts';
import { buildProgram } from '../main.ts';

export const SCHEMA_FILE = join(PACKAGE_ROOT, 'schema', 'scenario.schema.json');
export const CLI_DOC_FILE = join(PACKAGE_ROOT, 'docs', 'cli.md');
export const SCENARIO_DOC_FILE = join(PACKAGE_ROOT, 'docs', 'scenario-reference.md');

/** The commands whose help docs/cli.md shows, in this order (the top level first): all of them. */
export const DOCUMENTED_COMMANDS = [
  '',
  'run',
  'serve',
  'matrix',
  'explain',
  'token',
  'merge-reports',
  'diagnose',
  'import',
  'reproduce',
  'conform',
  'train',
  'bench',
] as const;

/** `hjsim [command] --help` exactly as the CLI prints it. */
export function helpText(command: string): string {
  const program = buildProgram(() => undefined);
  if (command === '') return program.helpInformation();
  const sub = program.commands.find((c) => c.name() === command);
  if (!sub) throw new SimError('ERR_INTERNAL', `no command ${command}`);
  return sub.helpInformation();
}

export function cliHelpMarkdown(): string {
  return DOCUMENTED_COMMANDS.map(
    (c) => `### \`hjsim ${c || '--help'}\`\n\n\`\`\`text\n${helpText(c).trimEnd()}\n\`\`\``,
  ).join('\n\n');
}

export function replaceSection(text: string, name: string, content: string): string {
  const start = `<!-- generated:${name} -->`;
  const end = `<!-- /generated:${name} -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a)
    throw new SimError('ERR_INTERNAL', `the page has no ${start} … ${end} section`);
  return `${text.slice(0, a + start.length)}\n${content}\n${text.slice(b)}`;
}

/** docs/cli.md with its generated section current. */
export function generatedCliDoc(current: string): string {
  return replaceSection(current, 'cli-help', cliHelpMarkdown());
}

/** docs/scenario-reference.md with its generated section current. */
export function generatedScenarioDoc(current: string): string {
  return replaceSection(current, 'scenario-reference', scenarioReferenceMarkdown());
}

export function generatedSchema(): string {
  return scenarioJsonSchemaText();
}
