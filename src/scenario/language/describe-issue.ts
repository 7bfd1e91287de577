/**
 * Turns a schema issue into what a scenario author needs: the field path, what was expected, what
 * was there instead, and a "did you mean" for a misspelt key or enum value.
 */
import type { z } from 'zod';
import { didYouMean } from './did-you-mean.ts';
import { scenarioSchema } from './schema.ts';

type Def = {
  type?: string;
  innerType?: unknown;
  shape?: Record<string, unknown>;
  element?: unknown;
  valueType?: unknown;
  options?: readonly unknown[];
  in?: unknown;
};
const defOf = (s: unknown): Def | undefined => (s as { def?: Def } | undefined)?.def;

/** Skips optional / default / nullable wrappers and pipes to the schema that checks the value. */
function unwrap(s: unknown): unknown {
  let cur = s;
  for (let i = 0; i < 10; i++) {
    const d = defOf(cur);
    if (d?.innerType) cur = d.innerType;
    else if (d?.type === 'pipe' && d.in) cur = d.in;
    else break;
  }
  return cur;
}

/** The object schema a value at `path` is checked against (through arrays, records, unions). */
function objectAt(path: readonly PropertyKey[]): Record<string, unknown> | undefined {
  let s: unknown = scenarioSchema;
  for (const key of path) {
    s = objectOption(unwrap(s)) ?? unwrap(s);
    const d = defOf(s);
    if (d?.type === 'object' && typeof key === 'string') s = d.shape?.[key];
    else if (d?.type === 'array') s = d.element;
    else if (d?.type === 'record') s = d.valueType;
    else return undefined;
  }
  const o = objectOption(unwrap(s)) ?? unwrap(s);
  const d = defOf(o);
  return d?.type === 'object' ? d.shape : undefined;
}

function objectOption(s: unknown): unknown {
  const d = defOf(s);
  if (d?.type !== 'union') return undefined;
  return d.options?.map(unwrap).find((o) => defOf(o)?.type === 'object');
}

/** The keys allowed at `path` (for "did you mean"). */
export function allowedKeys(path: readonly PropertyKey[]): string[] {
  return Object.keys(objectAt(path) ?? {});
}

const ARTICLE: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value lines)',
  array: 'a list',
  record: 'a mapping',
};

/** `'yes' (a string)`, `42 (a number)`, `a list`, `nothing`. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  const shown = typeof v === 'string' ? `'${v.length > 60 ? `${v.slice(0, 57)}…` : v}'` : String(v);
  return `${shown} (${typeof v === 'string' ? 'a string' : typeof v === 'number' ? 'a number' : typeof v})`;
}

const quote = (v: unknown) => (typeof v === 'string' ? `'${v}'` : String(v));

export interface DescribedIssue {
  /** Where the problem is: the field (for an unknown key, the key itself). */
  readonly path: readonly PropertyKey[];
  readonly text: string;
}

export function describeIssue(issue: z.core.$ZodIssue): DescribedIssue[] {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const candidates = allowedKeys(issue.path);
      return issue.keys.map((key) => {
        const guess = didYouMean(key, candidates);
        return {
          path: [...issue.path, key],
          text: `unknown field '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}; allowed here: ${candidates.join(', ') || '(none)'}`,
        };
      });
    }
    case 'invalid_type': {
      const expected = ARTICLE[issue.expected] ?? issue.expected;
      if (input === undefined)
        return [{ path: issue.path, text: `is required (expected ${expected})` }];
      return [{ path: issue.path, text: `expected ${expected}, got ${describeValue(input)}` }];
    }
    case 'invalid_value': {
      const values = issue.values.map(quote);
      const guess =
        typeof input === 'string'
          ? didYouMean(
              input,
              issue.values.filter((v): v is string => typeof v === 'string'),
            )
          : undefined;
      return [
        {
          path: issue.path,
          text: `expected ${values.length === 1 ? values[0] : `one of ${values.join(', ')}`}, got ${describeValue(input)}${guess ? ` (did you mean '${guess}'?)` : ''}`,
        },
      ];
    }
    case 'invalid_union': {
      // A branch whose problems are all deeper than the union matched the value's shape: report
      // those; otherwise say which shapes are allowed.
      const deeper = issue.errors.find(
        (branch) => branch.length > 0 && branch.every((i) => i.path.length > 0),
      );
      if (deeper)
        return deeper.flatMap((i) =>
          describeIssue({ ...i, path: [...issue.path, ...i.path] } as z.core.$ZodIssue),
        );
      const shapes: string[] = [];
      const literals: string[] = [];
      for (const branch of issue.errors)
        for (const i of branch) {
          if (i.code === 'invalid_value') literals.push(...i.values.map(quote));
          else if (i.code === 'invalid_type') shapes.push(ARTICLE[i.expected] ?? i.expected);
        }
      const alternatives = [...literals, ...shapes];
      const guess =
        typeof input === 'string'
          ? didYouMean(
              input,
              literals.map((l) => l.replace(/^'|'$/g, '')),
            )
          : undefined;
      return [
        {
          path: issue.path,
          text: `expected ${alternatives.join(' or ') || 'another value'}, got ${describeValue(input)}${guess ? ` (did you mean '${guess}'?)` : ''}`,
        },
      ];
    }
    case 'invalid_format':
      return [
        {
          path: issue.path,
          text: `expected ${issue.format === 'regex' ? issue.message : `an ISO ${issue.format} like 2025-07-10T17:22:13Z`}, got ${describeValue(input)}`,
        },
      ];
    case 'too_small':
      return [
        {
          path: issue.path,
          text:
            issue.origin === 'array'
              ? `needs at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`
              : issue.origin === 'string'
                ? 'must not be empty'
                : `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}, got ${describeValue(input)}`,
        },
      ];
    default:
      return [
        {
          path: issue.path,
          text: `${issue.message}${input !== undefined ? `, got ${describeValue(input)}` : ''}`,
        },
      ];
  }
}
