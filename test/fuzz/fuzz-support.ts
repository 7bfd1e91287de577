/**
 * What the fuzz suite shares: the number of inputs per target (≥ 10,000 in all), the per-input
 * time bound, the check that an error is a documented one, and the input generators (mutations
 * of a valid message, XML-ish trees, huge and deeply nested inputs).
 *
 * Time: every input is timed on its own (performance.now() around the one call) and an input over
 * PER_INPUT_BOUND_MS is counted as slow; each target expects 0 slow inputs. The test itself is
 * never timed. Typical inputs take well under 5 ms (an RSA check included); the largest generated
 * ones (140 kB nested 20,000 deep, 200 kB attributes) take 50–400 ms, linear in their size. The
 * bound leaves room for a loaded CI machine and is far below what an entity expansion, a
 * quadratic parse of those inputs, or a hang would take.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { isSimError, type SimErrorCode } from '../../src/core/errors.ts';
import { parseXml, serializeXml } from '../../src/protocol/xml/parse-xml.ts';

export const PER_INPUT_BOUND_MS = 1000;

/** Inputs per target; budget.test.ts checks the total. */
export const FUZZ_RUNS = {
  rst: 1500,
  rstr: 1500,
  mex: 1000,
  /** verifyAssertion; readAssertion gets a quarter of it on top. */
  saml: 2000,
  tokenForm: 1500,
  drs: 1500,
  scenarioYaml: 1200,
} as const;

export class FuzzStats {
  inputs = 0;
  readonly slow: { ms: number; sample: string }[] = [];
  /** How many inputs ended how ('ok', or the error code): shows the inputs get past parsing. */
  readonly outcomes: Record<string, number> = {};

  count(outcome: string): void {
    this.outcomes[outcome] = (this.outcomes[outcome] ?? 0) + 1;
  }

  private note(started: number, sample: string): void {
    this.inputs++;
    const ms = performance.now() - started;
    if (ms > PER_INPUT_BOUND_MS)
      this.slow.push({
        ms: Math.round(ms),
        sample: `${sample.length} chars: ${sample.slice(0, 60)}`,
      });
  }

  /** Runs one input, timing only the call; the outcome (value or thrown error) is returned. */
  run<T>(sample: string, fn: () => T): { value: T } | { error: unknown } {
    const started = performance.now();
    try {
      return { value: fn() };
    } catch (error) {
      return { error };
    } finally {
      this.note(started, sample);
    }
  }

  async runAsync<T>(
    sample: string,
    fn: () => Promise<T>,
  ): Promise<{ value: T } | { error: unknown }> {
    const started = performance.now();
    try {
      return { value: await fn() };
    } catch (error) {
      return { error };
    } finally {
      this.note(started, sample);
    }
  }

  /**
   * Every input ran, none was slow, and at least `deep` of them got past the XML parser (ended
   * in something other than ERR_XML_MALFORMED / ERR_XML_DTD): the fuzzing reached the logic.
   */
  expectDone(runs: number, deep = 0.1): void {
    expect(this.inputs).toBe(runs);
    expect(this.slow, `inputs over ${PER_INPUT_BOUND_MS} ms`).toEqual([]);
    const shallow = (this.outcomes['ERR_XML_MALFORMED'] ?? 0) + (this.outcomes['ERR_XML_DTD'] ?? 0);
    expect((runs - shallow) / runs, JSON.stringify(this.outcomes)).toBeGreaterThanOrEqual(deep);
  }
}

/**
 * The error is a SimError with one of these codes and a message that says something; anything
 * else is rethrown (plain checks: this runs for every input).
 */
export function expectDocumentedError(
  error: unknown,
  codes: readonly SimErrorCode[],
  stats?: FuzzStats,
): void {
  if (!isSimError(error)) throw error;
  if (!codes.includes(error.code)) {
    throw new Error(
      `undocumented error code ${error.code} (${error.message}); expected one of ${codes.join(', ')}`,
      {
        cause: error,
      },
    );
  }
  if (error.message.length <= 10)
    throw new Error(`SimError ${error.code} says too little: '${error.message}'`);
  stats?.count(error.code);
}

/** Pieces of XML syntax that break parsers: markup, entities, DTDs, bad characters. */
const XML_TOKENS = [
  '<',
  '>',
  '/>',
  '</',
  '"',
  "'",
  '&',
  '&amp;',
  '&lt;',
  '&#0;',
  '&#x1F;',
  '&#xD800;',
  '&e;',
  ']]>',
  '<![CDATA[',
  '<!--',
  '-->',
  '<?x?>',
  '<?xml version="1.0"?>',
  '<!DOCTYPE a>',
  '<!ENTITY e "x">',
  'xmlns:',
  'xmlns=""',
  'xmlns:p="urn:x"',
  'p:',
  ':',
  '=',
  ' ',
  '\n',
  '\t',
  '\u0000',
  '\u0001',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDC00',
  '\u{1F600}',
  '\uFEFF',
];

const snippet = fc.oneof(
  fc.constantFrom(...XML_TOKENS),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: snippet }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 200 }),
  }),
);

function applyEdit(text: string, e: Edit): string {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  switch (e.kind) {
    case 'insert':
      return text.slice(0, at) + e.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + e.length);
    case 'duplicate':
      return (
        text.slice(0, at + e.length) + text.slice(at, at + e.length) + text.slice(at + e.length)
      );
  }
}

/** A valid document with 1–6 random edits: the inputs that get past the first checks. */
export function mutationsOf(...bases: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...bases), fc.array(edit, { minLength: 1, maxLength: 6 }))
    .map(([base, edits]) => edits.reduce(applyEdit, base));
}

type DomEdit =
  | { kind: 'text' | 'attribute'; at: number; name: string; value: string }
  | { kind: 'remove' | 'duplicate' | 'strip-attributes'; at: number }
  | { kind: 'move'; at: number; to: number };

const ATTRIBUTE_NAMES = [
  'ID',
  'AssertionID',
  'URI',
  'Algorithm',
  'Id',
  'wsu:Id',
  'xmlns',
  'xmlns:s',
  'binding',
  'name',
];

const domEdit: fc.Arbitrary<DomEdit> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('text' as const, 'attribute' as const),
    at: fc.nat(),
    name: fc.constantFrom(...ATTRIBUTE_NAMES),
    value: fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(
        '',
        '#',
        'urn:x',
        'https://x',
        '_1',
        'http://www.w3.org/2001/10/xml-exc-c14n#',
      ),
    ),
  }),
  fc.record({
    kind: fc.constantFrom('remove' as const, 'duplicate' as const, 'strip-attributes' as const),
    at: fc.nat(),
  }),
  fc.record({ kind: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
);

function applyDomEdit(doc: Document, e: DomEdit): void {
  const all = Array.from(doc.getElementsByTagName('*'));
  const el = all[e.at % all.length]!;
  const isRoot = el === doc.documentElement;
  switch (e.kind) {
    case 'text':
      el.textContent = e.value;
      return;
    case 'attribute':
      el.setAttribute(e.name, e.value);
      return;
    case 'strip-attributes':
      for (const a of Array.from(el.attributes))
        if (!a.name.startsWith('xmlns')) el.removeAttribute(a.name);
      return;
    case 'remove':
      if (!isRoot) el.parentNode!.removeChild(el);
      return;
    case 'duplicate':
      if (!isRoot) el.parentNode!.insertBefore(el.cloneNode(true), el.nextSibling);
      return;
    case 'move': {
      const target = all[e.to % all.length]!;
      let ancestor: Node | null = target;
      while (ancestor && ancestor !== el) ancestor = ancestor.parentNode;
      if (!isRoot && !ancestor) target.appendChild(el);
    }
  }
}

const parsedBases = new Map<string, Document>();
function parsedBase(base: string): Document {
  let doc = parsedBases.get(base);
  if (!doc) parsedBases.set(base, (doc = parseXml(base, 'fuzz base')));
  return doc;
}

/** A valid document with 1–4 edits of its tree (values, attributes, elements moved or repeated): still XML, so the inputs reach the readers' logic. */
export function treeMutationsOf(...bases: string[]): fc.Arbitrary<string> {
  const parseable = bases.filter((b) => {
    try {
      return parsedBase(b) !== undefined;
    } catch {
      return false; // a DTD or a second root: only text mutations apply
    }
  });
  if (parseable.length === 0) return mutationsOf(...bases);
  return fc
    .tuple(fc.constantFrom(...parseable), fc.array(domEdit, { minLength: 1, maxLength: 4 }))
    .map(([base, edits]) => {
      const doc = parsedBase(base).cloneNode(true) as Document;
      for (const e of edits) applyDomEdit(doc, e);
      return serializeXml(doc);
    });
}

const NAMES = [
  'a',
  'p:a',
  'saml:Assertion',
  's:Envelope',
  'x:y:z',
  '1bad',
  'Signature',
  'ds:Signature',
];
const NAMESPACES = [
  '',
  'urn:x',
  'urn:oasis:names:tc:SAML:1.0:assertion',
  'http://www.w3.org/2000/09/xmldsig#',
];

/** Random element trees, namespaces declared or not, with text, comments and CDATA. */
export const xmlish: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 10 }).map((t) => t.replace(/[<&]/g, '')),
    fc.constantFrom('<!--c-->', '<![CDATA[x<y]]>', '<?pi data?>', '&amp;', '&#65;'),
    tie('element'),
  ),
  element: fc
    .tuple(
      fc.constantFrom(...NAMES),
      fc.option(fc.constantFrom(...NAMESPACES)),
      fc.array(
        fc.tuple(
          fc.constantFrom('ID', 'AssertionID', 'p:at', 'Algorithm', 'URI'),
          fc.string({ maxLength: 8 }),
        ),
        { maxLength: 3 },
      ),
      fc.array(tie('node'), { maxLength: 4 }),
    )
    .map(([name, ns, attrs, children]) => {
      const prefix = name.includes(':') ? name.split(':')[0] : undefined;
      const decl = ns === null ? '' : prefix ? ` xmlns:${prefix}="${ns}"` : ` xmlns="${ns}"`;
      const at = attrs.map(([k, v]) => ` ${k}="${v.replace(/["<&]/g, '')}"`).join('');
      return `<${name}${decl}${at}>${children.join('')}</${name}>`;
    }),
})).element as fc.Arbitrary<string>;

/** The largest inputs, each run once by every XML target besides the random ones. */
export const HUGE_XML: readonly string[] = [
  `${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}`,
  '<a>'.repeat(20_000),
  `<a b="${'x'.repeat(200_000)}"/>`,
  `<a ${Array.from({ length: 5000 }, (_, i) => `b${i}="1"`).join(' ')}/>`,
  `<a>${'&amp;'.repeat(40_000)}</a>`,
];

/** Large inputs: deep nesting, long text, many attributes (200 kB at most). */
export const hugeXml: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1000, max: 20000 }).map((n) => `${'<a>'.repeat(n)}${'</a>'.repeat(n)}`),
  fc.integer({ min: 1000, max: 20000 }).map((n) => '<a>'.repeat(n)),
  fc.integer({ min: 10_000, max: 200_000 }).map((n) => `<a b="${'x'.repeat(n)}"/>`),
  fc
    .integer({ min: 100, max: 5000 })
    .map((n) => `<a ${Array.from({ length: n }, (_, i) => `b${i}="1"`).join(' ')}/>`),
  fc.integer({ min: 1000, max: 50000 }).map((n) => `<a>${'&amp;'.repeat(n)}</a>`),
);

/** Anything: text and tree mutations of the valid documents, XML-ish trees, random text, huge inputs. */
export function anyXml(...bases: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 60, arbitrary: mutationsOf(...bases) },
    { weight: 80, arbitrary: treeMutationsOf(...bases) },
    { weight: 30, arbitrary: xmlish },
    { weight: 20, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: hugeXml },
  );
}

/**
 * Fuzzes one XML reader: the HUGE_XML inputs, then `runs` random ones. Every call must return,
 * or throw a SimError with one of `codes`; no input may be slow; at least `deep` of the inputs
 * must get past the XML parser. `classify` names a returned value's outcome (default 'ok').
 */
export function fuzzXmlReader(opts: {
  readonly runs: number;
  readonly bases: readonly string[];
  readonly codes: readonly SimErrorCode[];
  readonly call: (xml: string) => unknown;
  readonly classify?: (value: unknown) => string;
  readonly deep?: number;
}): FuzzStats {
  const stats = new FuzzStats();
  const check = (xml: string) => {
    const r = stats.run(xml, () => opts.call(xml));
    if ('error' in r) expectDocumentedError(r.error, opts.codes, stats);
    else stats.count(opts.classify?.(r.value) ?? 'ok');
  };
  for (const xml of HUGE_XML) check(xml);
  fc.assert(fc.property(anyXml(...opts.bases), check), { numRuns: opts.runs });
  stats.expectDone(opts.runs + HUGE_XML.length, opts.deep ?? 0.25);
  return stats;
}
