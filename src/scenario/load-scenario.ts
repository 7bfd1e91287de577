/**
 * Reads a scenario file: YAML, `extends` chains, schema validation. Every problem becomes a
 * SimError naming the file, the line, the field path, what was expected, and a "did you mean"
 * for a misspelt key.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { SimError } from '../core/errors.ts';
import { mergeScenario } from './merge.ts';
import { scenarioSchema, type Scenario } from './schema.ts';

export interface LoadedScenario {
  readonly file: string;
  readonly dir: string;
  readonly scenario: Scenario;
  /** Files whose settings were merged in, base first. */
  readonly chain: readonly string[];
}

interface Parsed {
  readonly file: string;
  readonly doc: Document;
  readonly lines: LineCounter;
  readonly data: unknown;
}

async function parseFile(file: string): Promise<Parsed> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new SimError('ERR_SCENARIO_READ', `cannot read scenario file ${file}`, {
      cause,
      where: file,
      hint: 'check the path; `hjsim run` takes scenario files or folders of them',
    });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    throw new SimError(
      'ERR_SCENARIO_YAML',
      `${file}${pos ? `:${pos.line}:${pos.col}` : ''}: not valid YAML: ${e.message.split('\n')[0]}`,
      {
        where: file,
      },
    );
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new SimError(
      'ERR_SCENARIO_INVALID',
      `${file}: a scenario is a YAML mapping (name:, tenant:, idp:, onprem:, device:, expect:)`,
      { where: file },
    );
  }
  return { file, doc, lines, data };
}

/** The line where `path` is written in a parsed file, or undefined. */
function lineOf(p: Parsed, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = p.doc.contents;
  let found: { range?: [number, number, number] | null } | undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => (it.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      found = pair.key as { range?: [number, number, number] | null };
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as { range?: [number, number, number] | null } | undefined;
      if (!item) break;
      found = item;
      node = item;
    } else break;
  }
  const offset = found?.range?.[0];
  return offset === undefined ? undefined : p.lines.linePos(offset).line;
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
  return d[a.length]![b.length]!;
}

/** The keys the schema allows at `path` (for "did you mean"). */
function allowedKeys(path: readonly PropertyKey[]): string[] {
  let s: unknown = scenarioSchema;
  for (const key of path) {
    s = unwrap(s);
    const shape = (s as { shape?: Record<string, unknown> }).shape;
    if (shape && typeof key === 'string') s = shape[key];
    else if (typeof key === 'number') s = (unwrap(s) as { element?: unknown }).element;
    else return [];
  }
  const shape = (unwrap(s) as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(s: unknown): unknown {
  let cur = s as { def?: { innerType?: unknown; type?: string } } | undefined;
  for (let i = 0; i < 5 && cur?.def?.innerType; i++) cur = cur.def.innerType as typeof cur;
  return cur;
}

function describeIssue(issue: z.core.$ZodIssue): { path: readonly PropertyKey[]; text: string } {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const candidates = allowedKeys(issue.path);
    const best = candidates
      .map((c) => ({ c, d: levenshtein(key.toLowerCase(), c.toLowerCase()) }))
      .sort((a, b) => a.d - b.d)[0];
    const guess =
      best && best.d <= Math.max(2, Math.floor(key.length / 3))
        ? ` (did you mean '${best.c}'?)`
        : '';
    return {
      path: [...issue.path, key],
      text: `unknown field '${key}'${guess}; allowed here: ${candidates.join(', ') || '(none)'}`,
    };
  }
  return { path: issue.path, text: issue.message };
}

async function loadChain(
  file: string,
  seen: string[],
): Promise<{ data: unknown; parsed: Parsed[] }> {
  if (seen.includes(file)) {
    throw new SimError(
      'ERR_SCENARIO_INVALID',
      `${file}: extends forms a cycle: ${[...seen, file].join(' → ')}`,
      { where: file },
    );
  }
  const p = await parseFile(file);
  const ext = (p.data as Record<string, unknown>)['extends'];
  if (ext === undefined) return { data: p.data, parsed: [p] };
  if (typeof ext !== 'string') {
    throw new SimError(
      'ERR_SCENARIO_INVALID',
      `${file}:${lineOf(p, ['extends']) ?? 1}: extends: expected a file path`,
      { where: file },
    );
  }
  const base = await loadChain(resolve(dirname(file), ext), [...seen, file]);
  const patch = { ...(p.data as Record<string, unknown>) };
  delete patch['extends'];
  // `name`, `description` and `expect` describe this file, never the base.
  const baseData = { ...(base.data as Record<string, unknown>) };
  delete baseData['expect'];
  delete baseData['description'];
  return { data: mergeScenario(baseData, patch), parsed: [p, ...base.parsed] };
}

export async function loadScenario(path: string): Promise<LoadedScenario> {
  const file = resolve(path);
  const { data, parsed } = await loadChain(file, []);
  const result = scenarioSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const { path: at, text } = describeIssue(issue);
      const where = parsed
        .map((p) => ({ p, line: lineOf(p, at) }))
        .find((x) => x.line !== undefined);
      const pointer = at.length ? at.map(String).join('.') : '(top level)';
      return `${where ? `${where.p.file}:${where.line}` : file}: ${pointer}: ${text}`;
    });
    throw new SimError(
      'ERR_SCENARIO_INVALID',
      `invalid scenario ${file}\n  ${problems.join('\n  ')}`,
      {
        where: file,
        hint: 'see "Scenario file" in the README for every field',
      },
    );
  }
  return {
    file,
    dir: dirname(file),
    scenario: result.data,
    chain: parsed.map((p) => p.file).reverse(),
  };
}
