/**
 * docs/scenario-reference.md: one row per field of the JSON Schema (so per field of
 * the zod schema), with its type, default and meaning. `npm run docs` writes it between markers.
 */
import { eachField, fullSchema, type JsonSchema } from './json-schema.ts';

function typeOf(s: JsonSchema): string {
  if (Array.isArray(s['enum']))
    return (s['enum'] as unknown[]).map((v) => `\`${String(v)}\``).join(' \\| ');
  if (s['const'] !== undefined) return `\`${String(s['const'])}\``;
  if (Array.isArray(s['anyOf'])) return (s['anyOf'] as JsonSchema[]).map(typeOf).join(' \\| ');
  const t = s['type'];
  if (t === 'array') {
    const items = s['items'] as JsonSchema | undefined;
    return `list of ${items ? typeOf(items) : 'any'}`;
  }
  if (t === 'object')
    return s['additionalProperties'] && typeof s['additionalProperties'] === 'object'
      ? 'map'
      : 'mapping';
  if (t === 'string' && s['format'] === 'date-time') return 'ISO date-time';
  if (t === 'string' && typeof s['pattern'] === 'string') {
    const p = s['pattern'];
    if (p.includes('{8}-')) return 'GUID';
    if (p.startsWith('^S-1-')) return 'SID';
    if (p.startsWith('^0x')) return 'HRESULT';
  }
  return t === 'integer' ? 'integer' : String(t ?? 'any');
}

// Markdown table cell: pipes escaped, and angle brackets so `<appId>` is not read as HTML.
const cell = (s: string) =>
  s.replace(/\|/g, '\\|').replace(/\n/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function scenarioReferenceMarkdown(): string {
  const rows: string[] = ['| field | type | default | meaning |', '|---|---|---|---|'];
  const required = new Map<string, boolean>();
  const schema = fullSchema();
  const markRequired = (s: JsonSchema, prefix: string) => {
    for (const r of (s['required'] as string[] | undefined) ?? [])
      required.set(`${prefix}${r}`, true);
  };
  markRequired(schema, '');
  eachField(schema, (path, s) => {
    markRequired(s, `${path}.`);
    const items = s['items'] as JsonSchema | undefined;
    if (items) markRequired(items, `${path}[].`);
    for (const o of (s['anyOf'] as JsonSchema[] | undefined) ?? []) markRequired(o, `${path}.`);
    const def = s['default'];
    rows.push(
      `| \`${path}\`${required.get(path) ? ' (required)' : ''} | ${typeOf(s)} | ${def === undefined ? '' : `\`${JSON.stringify(def)}\``} | ${cell(String(s['description'] ?? ''))} |`,
    );
  });
  return rows.join('\n');
}
