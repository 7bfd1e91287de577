/**
 * A structural validator for JUnit XML, written from the common JUnit schema (Jenkins
 * `junit-4.xsd`, the Ant XMLJUnitResultFormatter format CI servers read): the element tree, its
 * order (`xs:sequence`), occurrence limits, required and allowed attributes. Counts must also
 * agree with the test cases (what CI servers actually sum up) and numbers must be numbers.
 * Returns the problems found; an empty list means valid.
 */
import { isSimError } from '../../src/core/errors.ts';
import { parseXml } from '../../src/protocol/xml/parse-xml.ts';

interface ElementRule {
  readonly required: readonly string[];
  readonly optional: readonly string[];
  /** Child elements in sequence order, with min/max occurrences; undefined: text only. */
  readonly sequence?: readonly (readonly [name: string, min: number, max: number])[];
}

const U = Number.POSITIVE_INFINITY;

const RULES: Readonly<Record<string, ElementRule>> = {
  testsuites: {
    required: [],
    optional: ['name', 'time', 'tests', 'failures', 'disabled', 'errors'],
    sequence: [['testsuite', 0, U]],
  },
  testsuite: {
    required: ['name', 'tests'],
    optional: [
      'failures',
      'errors',
      'time',
      'disabled',
      'skipped',
      'timestamp',
      'hostname',
      'id',
      'package',
    ],
    sequence: [
      ['properties', 0, 1],
      ['testcase', 0, U],
      ['system-out', 0, 1],
      ['system-err', 0, 1],
    ],
  },
  properties: { required: [], optional: [], sequence: [['property', 1, U]] },
  property: { required: ['name', 'value'], optional: [], sequence: [] },
  testcase: {
    required: ['name'],
    optional: ['assertions', 'time', 'classname', 'status'],
    sequence: [
      ['skipped', 0, 1],
      ['error', 0, U],
      ['failure', 0, U],
      ['system-out', 0, U],
      ['system-err', 0, U],
    ],
  },
  failure: { required: [], optional: ['type', 'message'] },
  error: { required: [], optional: ['type', 'message'] },
  skipped: { required: [], optional: [] },
  'system-out': { required: [], optional: [] },
  'system-err': { required: [], optional: [] },
};

const INTEGER = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

function childElements(e: Element): Element[] {
  const out: Element[] = [];
  for (let n = e.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

function check(e: Element, path: string, problems: string[]): void {
  const rule = RULES[e.tagName];
  if (!rule) {
    problems.push(`${path}: element <${e.tagName}> is not in the schema`);
    return;
  }
  const names: string[] = [];
  for (let i = 0; i < e.attributes.length; i++) names.push(e.attributes.item(i)!.name);
  for (const r of rule.required)
    if (!names.includes(r)) problems.push(`${path}: required attribute '${r}' is missing`);
  for (const n of names)
    if (!rule.required.includes(n) && !rule.optional.includes(n))
      problems.push(`${path}: attribute '${n}' is not allowed`);
  for (const n of ['tests', 'failures', 'errors', 'skipped', 'disabled', 'id'])
    if (e.hasAttribute(n) && !INTEGER.test(e.getAttribute(n)!))
      problems.push(`${path}: ${n}="${e.getAttribute(n)}" is not a whole number`);
  if (e.hasAttribute('time') && !DECIMAL.test(e.getAttribute('time')!))
    problems.push(`${path}: time="${e.getAttribute('time')}" is not a number of seconds`);
  if (
    e.hasAttribute('timestamp') &&
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(e.getAttribute('timestamp')!)
  )
    problems.push(
      `${path}: timestamp="${e.getAttribute('timestamp')}" is not ISO 8601 (yyyy-mm-ddThh:mm:ss)`,
    );

  const children = childElements(e);
  if (!rule.sequence) {
    if (children.length) problems.push(`${path}: <${e.tagName}> holds text only`);
    return;
  }
  for (let n = e.firstChild; n; n = n.nextSibling)
    if (n.nodeType === 3 && (n.nodeValue ?? '').trim())
      problems.push(`${path}: text is not allowed in <${e.tagName}>`);
  let at = 0;
  for (const [name, min, max] of rule.sequence) {
    let count = 0;
    while (at < children.length && children[at]!.tagName === name) {
      check(children[at]!, `${path}/${name}[${count}]`, problems);
      at++;
      count++;
    }
    if (count < min) problems.push(`${path}: expected at least ${min} <${name}>`);
    if (count > max) problems.push(`${path}: at most ${max} <${name}> allowed`);
  }
  if (at < children.length)
    problems.push(
      `${path}: <${children[at]!.tagName}> is out of order or not allowed in <${e.tagName}>`,
    );

  if (e.tagName === 'testsuite' || e.tagName === 'testsuites') {
    const list = e.getElementsByTagName('testcase');
    const cases: Element[] = [];
    for (let i = 0; i < list.length; i++) cases.push(list.item(i)!);
    const count = (tag: string) =>
      cases.filter((c) => childElements(c).some((x) => x.tagName === tag)).length;
    const expected = { tests: cases.length, failures: count('failure'), errors: count('error') };
    for (const [k, v] of Object.entries(expected))
      if (e.hasAttribute(k) && Number(e.getAttribute(k)) !== v)
        problems.push(`${path}: ${k}="${e.getAttribute(k)}" but ${v} test cases say so`);
  }
}

export function validateJunit(xml: string): string[] {
  const problems: string[] = [];
  let root: Element;
  try {
    root = parseXml(xml, 'JUnit report').documentElement!;
  } catch (e) {
    return [`not well-formed XML: ${isSimError(e) ? e.message : String(e)}`];
  }
  if (root.tagName !== 'testsuites' && root.tagName !== 'testsuite')
    problems.push(`root element is <${root.tagName}>, not <testsuites> or <testsuite>`);
  else check(root, root.tagName, problems);
  return problems;
}
