/**
 * `schema/scenario.schema.json`, generated from the zod schema (`npm run docs` writes it; a test
 * fails when it drifts). A file with `extends:` is a patch, so it is checked against a copy of the
 * schema where nothing is required and any field may be `null` (which removes an inherited one);
 * other files against the full schema. Descriptions come from `.describe()` or `FIELD_DOCS`.
 */
import { z } from 'zod';
import { scenarioSchema } from '../schema.ts';
import { FIELD_DOCS } from './field-docs.ts';

export type JsonSchema = { [k: string]: unknown };

function isObject(v: unknown): v is JsonSchema {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Calls `visit(path, schema)` for every property schema, with FIELD_DOCS-style paths. */
export function eachField(
  schema: JsonSchema,
  visit: (path: string, s: JsonSchema) => void,
  prefix = '',
): void {
  const props = schema['properties'];
  if (isObject(props))
    for (const [k, v] of Object.entries(props)) {
      if (!isObject(v)) continue;
      const path = `${prefix}${k}`;
      visit(path, v);
      eachField(v, visit, `${path}.`);
    }
  const items = schema['items'];
  if (isObject(items)) eachField(items, visit, `${prefix.replace(/\.$/, '')}[].`);
  const extra = schema['additionalProperties'];
  if (isObject(extra)) eachField(extra, visit, `${prefix}<claim>.`);
  const anyOf = schema['anyOf'];
  if (Array.isArray(anyOf)) for (const o of anyOf) if (isObject(o)) eachField(o, visit, prefix);
}

/** The full scenario schema with every field described. */
export function fullSchema(): JsonSchema {
  const s = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' }) as JsonSchema;
  delete s['$schema'];
  eachField(s, (path, field) => {
    const doc = FIELD_DOCS[path];
    if (field['description'] === undefined && doc !== undefined) field['description'] = doc;
  });
  return s;
}

/** The same schema for a patch: nothing required, and `null` allowed for every field. */
function patchOf(s: unknown, isField = false): unknown {
  if (Array.isArray(s)) return s.map((x) => patchOf(x));
  if (!isObject(s)) return s;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'required' || k === 'minItems') continue;
    if (k === 'properties' && isObject(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, patchOf(pv, true)]));
    } else out[k] = patchOf(v);
  }
  if (!isField) return out;
  const { description, default: _default, ...rest } = out;
  void _default;
  return {
    ...(description !== undefined ? { description } : {}),
    anyOf: [rest, { type: 'null', description: 'removes the inherited value' }],
  };
}

export function scenarioJsonSchema(): JsonSchema {
  const full = fullSchema();
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'hjsim scenario',
    description:
      'A scenario of the simulated Entra federated hybrid join (generated from src/scenario/language/schema.ts by `npm run docs`; do not edit).',
    if: { type: 'object', required: ['extends'] },
    then: { $ref: '#/$defs/patch' },
    else: { $ref: '#/$defs/scenario' },
    $defs: { scenario: full, patch: patchOf(full) },
  };
}

/** The file's text: what `npm run docs` writes and the drift test compares. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
