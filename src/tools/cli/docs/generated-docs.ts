/**
 * The generated parts of the docs: `schema/scenario.schema.json`, and the README's scenario field
 * reference and CLI help, each between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`.
 * `npm run docs` writes them; `test/docs/generated-docs.test.ts` fails when they drift.
 */
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../../core/keys.ts';
import { SimError } from '../../../core/errors.ts';
import { scenarioJsonSchemaText } from '../../../scenario/language/docs/json-schema.ts';
import { scenarioReferenceMarkdown } from '../../../scenario/language/docs/schema-reference.ts';
import { buildProgram } from '../main.ts';

export const SCHEMA_FILE = join(PACKAGE_ROOT, 'schema', 'scenario.schema.json');
export const README_FILE = join(PACKAGE_ROOT, 'README.md');

/** The commands whose help the README shows, in this order (the top level first). */
export const DOCUMENTED_COMMANDS = ['', 'run', 'serve', 'matrix', 'conform'] as const;

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
    (c) => `\`hjsim ${c ? `${c} ` : ''}--help\`:\n\n\`\`\`text\n${helpText(c).trimEnd()}\n\`\`\``,
  ).join('\n\n');
}

export function replaceSection(text: string, name: string, content: string): string {
  const start = `<!-- generated:${name} -->`;
  const end = `<!-- /generated:${name} -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a)
    throw new SimError('ERR_INTERNAL', `README.md has no ${start} … ${end} section`);
  return `${text.slice(0, a + start.length)}\n${content}\n${text.slice(b)}`;
}

export function generatedReadme(current: string): string {
  return replaceSection(
    replaceSection(current, 'scenario-reference', scenarioReferenceMarkdown()),
    'cli-help',
    cliHelpMarkdown(),
  );
}

export function generatedSchema(): string {
  return scenarioJsonSchemaText();
}
