/**
 * Path helpers the WS-Trust and MEX readers need beyond src/protocol/xml/parse-xml.ts: several
 * accepted namespaces per step (both WS-Addressing versions), child paths, trimmed text.
 * @see https://www.w3.org/TR/xml-names/ (prefixes never matter, only namespace + local name)
 */
import { childElements, textOf } from '../xml/parse-xml.ts';

/** A namespace URI, or several accepted alike. */
export type Ns = string | readonly string[];

export function is(el: Element, ns: Ns, local: string): boolean {
  if (el.localName !== local) return false;
  return typeof ns === 'string' ? el.namespaceURI === ns : ns.includes(el.namespaceURI ?? '');
}

export function childrenNamed(el: Element, ns: Ns, local: string): Element[] {
  return childElements(el).filter((child) => is(child, ns, local));
}

export function childNamed(el: Element | undefined, ns: Ns, local: string): Element | undefined {
  return el === undefined ? undefined : childrenNamed(el, ns, local)[0];
}

/** Follows child steps, taking the first match at each step. */
export function childPath(
  el: Element | undefined,
  steps: readonly (readonly [Ns, string])[],
): Element | undefined {
  let at = el;
  for (const [ns, local] of steps) at = childNamed(at, ns, local);
  return at;
}

/**
 * `el` and its descendants in document order. Iterative: a recursive walk overflows the stack on
 * a hostile, deeply nested document (found by test/fuzz/wstrust.fuzz.test.ts).
 */
export function* selfAndDescendants(el: Element): Generator<Element> {
  const stack: Element[] = [el];
  while (stack.length > 0) {
    const next = stack.pop()!;
    yield next;
    const children = childElements(next);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** Trimmed text; undefined when the element is absent or its text is blank. */
export function trimmedText(el: Element | undefined): string | undefined {
  const t = el === undefined ? '' : textOf(el).trim();
  return t === '' ? undefined : t;
}
