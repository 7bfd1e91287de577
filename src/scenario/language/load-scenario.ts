/**
 * Reads a scenario: YAML, `extends` chains, schema validation. Every problem becomes a SimError
 * naming the file, the line, the field path, what was expected and what was there, with a "did
 * you mean" for a misspelt key or value (`describe-issue.ts`). Scenarios given as objects (the
 * `hjsim/testing` API) go through the same checks.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { SimError } from '../../core/errors.ts';
import { describeIssue } from './describe-issue.ts';
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

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

async function parseFile(file: string, from?: { file: string; line: number }): Promise<Parsed> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    throw new SimError(
      'ERR_SCENARIO_READ',
      from
        ? `${from.file}${from.line ? `:${from.line}` : ''}: extends: cannot read ${file}${code === 'ENOENT' ? ' (no such file)' : ''}`
        : `cannot read scenario file ${file}${code === 'ENOENT' ? ' (no such file)' : code === 'EISDIR' ? ' (a folder)' : ''}`,
      {
        cause,
        where: file,
        hint: from
          ? 'extends takes a path relative to the file that names it'
          : 'check the path; `hjsim run` takes scenario files or folders of them',
      },
    );
  }
  const known = parsedTexts.get(file);
  if (known?.text === text) return { ...known.parsed, data: structuredClone(known.parsed.data) };
  const parsed = parseText(file, text);
  if (parsedTexts.size >= PARSED_TEXTS_KEPT) parsedTexts.clear();
  parsedTexts.set(file, { text, parsed: { ...parsed, data: structuredClone(parsed.data) } });
  return parsed;
}

/**
 * Files already parsed, with the text they had: a generated suite names the same baseline in
 * every `extends`, and YAML parsing is most of loading. The text is read every time, so an
 * edited file is parsed again; callers get their own copy of the data.
 */
const parsedTexts = new Map<string, { text: string; parsed: Parsed }>();
const PARSED_TEXTS_KEPT = 256;

function parseText(file: string, text: string): Parsed {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    const [headline, ...frame] = e.message.split('\n');
    const snippet = frame.filter((l) => l.trim() !== '').map((l) => `    ${l}`);
    throw new SimError(
      'ERR_SCENARIO_YAML',
      `${file}${pos ? `:${pos.line}:${pos.col}` : ''}: not valid YAML: ${(headline ?? '').replace(/ at line \d+, column \d+:?$/, '')}${snippet.length ? `\n${snippet.join('\n')}` : ''}`,
      {
        where: file,
        hint: 'YAML indents with spaces; quote values that contain ": " or start with a special character',
      },
    );
  }
  const data: unknown = doc.toJS();
  if (!isPlainObject(data)) {
    throw new SimError(
      'ERR_SCENARIO_INVALID',
      `${file}: a scenario is a YAML mapping (name:, tenant:, idp:, onprem:, device:, expect:), not ${data === null || data === undefined ? 'an empty file' : Array.isArray(data) ? 'a list' : 'a single value'}`,
      { where: file },
    );
  }
  return { file, doc, lines, data };
}

/**
 * The line where `path` is written in a parsed file: `full` when the whole path is there,
 * otherwise the line of the longest part of it that is (the mapping a missing key belongs in).
 */
function lineOf(
  p: Parsed,
  path: readonly PropertyKey[],
): { line: number; full: boolean } | undefined {
  let node: unknown = p.doc.contents;
  let found: { range?: [number, number, number] | null } | undefined;
  let depth = 0;
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
    depth++;
  }
  const offset = found?.range?.[0];
  return offset === undefined
    ? undefined
    : { line: p.lines.linePos(offset).line, full: depth === path.length };
}

/** Drops what never passes from a base to the file that extends it. */
function inheritable(data: unknown): Record<string, unknown> {
  // `description` and `expect` describe the base's own run, never the derived one.
  const { expect: _e, description: _d, ...rest } = data as Record<string, unknown>;
  void _e;
  void _d;
  return rest;
}

async function loadChain(
  file: string,
  seen: string[],
  from?: { file: string; line: number },
): Promise<{ data: unknown; parsed: Parsed[] }> {
  if (seen.includes(file)) {
    throw new SimError(
      'ERR_SCENARIO_INVALID',
      `${file}: extends forms a cycle: ${[...seen, file].join(' → ')}`,
      { where: file, hint: 'a scenario cannot extend itself, directly or through another file' },
    );
  }
  const p = await parseFile(file, from);
  const ext = (p.data as Record<string, unknown>)['extends'];
  if (ext === undefined) return { data: p.data, parsed: [p] };
  const line = lineOf(p, ['extends'])?.line ?? 1;
  if (typeof ext !== 'string' || ext.trim() === '') {
    throw new SimError(
      'ERR_SCENARIO_INVALID',
      `${file}:${line}: extends: expected a file path, got ${JSON.stringify(ext)}`,
      { where: file, hint: 'extends: baseline.yaml (relative to this file)' },
    );
  }
  const base = await loadChain(resolve(dirname(file), ext), [...seen, file], { file, line });
  const { extends: _x, ...patch } = p.data as Record<string, unknown>;
  void _x;
  return { data: mergeScenario(inheritable(base.data), patch), parsed: [p, ...base.parsed] };
}

/**
 * `parsed`: the files that were merged, the one being loaded first (when it is a file) and then
 * its bases. A problem is shown at the file that wrote the field; a field no file wrote (a
 * missing one) at the loaded file's line of the mapping it belongs in.
 */
function validate(
  data: unknown,
  label: string,
  parsed: readonly Parsed[],
  ownFile: Parsed | undefined,
): Scenario {
  const result = scenarioSchema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap(describeIssue).map(({ path: at, text }) => {
    const exact = parsed.map((p) => ({ p, pos: lineOf(p, at) })).find((x) => x.pos?.full === true);
    const partial = ownFile ? lineOf(ownFile, at) : undefined;
    const where = exact
      ? `${exact.p.file}:${exact.pos!.line}`
      : ownFile
        ? `${ownFile.file}${partial ? `:${partial.line}` : ''}`
        : label;
    const pointer = at.length ? at.map(String).join('.') : '(top level)';
    return `${where}: ${pointer}: ${text}`;
  });
  throw new SimError(
    'ERR_SCENARIO_INVALID',
    `invalid scenario ${label}\n  ${problems.join('\n  ')}`,
    {
      where: label,
      hint: 'see docs/scenario-reference.md, or point your editor at schema/scenario.schema.json',
    },
  );
}

export async function loadScenario(path: string): Promise<LoadedScenario> {
  const file = resolve(path);
  const { data, parsed } = await loadChain(file, []);
  return {
    file,
    dir: dirname(file),
    scenario: validate(data, file, parsed, parsed[0]),
    chain: parsed.map((p) => p.file).reverse(),
  };
}

/**
 * A scenario given as an object (the `hjsim/testing` API): `extends` and key paths resolve
 * against `dir`.
 */
export async function loadScenarioObject(
  data: unknown,
  opts: { readonly dir: string },
): Promise<LoadedScenario> {
  if (!isPlainObject(data)) {
    throw new SimError('ERR_SCENARIO_INVALID', 'a scenario object is a plain object', {
      hint: 'pass { name, extends?, tenant, idp, onprem, device, expect } or a file path',
    });
  }
  const name = typeof data['name'] === 'string' ? data['name'] : '(unnamed)';
  const label = `scenario object '${name}'`;
  let merged: unknown = data;
  let parsed: Parsed[] = [];
  const ext = data['extends'];
  if (ext !== undefined) {
    if (typeof ext !== 'string' || ext.trim() === '') {
      throw new SimError(
        'ERR_SCENARIO_INVALID',
        `${label}: extends: expected a file path, got ${JSON.stringify(ext)}`,
      );
    }
    const base = await loadChain(resolve(opts.dir, ext), [], { file: label, line: 0 });
    const { extends: _x, ...patch } = data;
    void _x;
    merged = mergeScenario(inheritable(base.data), patch);
    parsed = base.parsed;
  }
  return {
    file: `${opts.dir}/${name}`,
    dir: opts.dir,
    scenario: validate(merged, label, parsed, undefined),
    chain: parsed.map((p) => p.file).reverse(),
  };
}
