/**
 * Strict XML parsing for untrusted protocol input: no DTD, every xmldom warning is an error.
 * @see XML 1.0 §2.2 (characters), §2.8 (no DTD accepted); Namespaces in XML 1.0 §5 (bound prefixes)
 */
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { SimError } from '../../core/errors.ts';

// DOM node types (no DOM globals exist at run time in Node).
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const PROCESSING_INSTRUCTION_NODE = 7;
const COMMENT_NODE = 8;

// Checked on the raw text, before any parser sees it: DTDs are the entity-expansion and XXE vector.
const DTD_DECLARATION = /<!DOCTYPE|<!ENTITY/i;
// Anything outside the XML 1.0 `Char` production (including lone surrogates and `&#0;` once decoded).
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const XML_SPACE_ONLY = /^[ \t\r\n]*$/;

function malformed(
  what: string,
  reason: string,
  options: { cause?: unknown; where?: string } = {},
) {
  return new SimError('ERR_XML_MALFORMED', `${what} is not well-formed XML: ${reason}`, options);
}

/** Turns `[xmldom error]\tmsg\n@#[line:1,col:5]` into a message and a position. */
function tidyXmldomMessage(raw: string): { reason: string; where?: string } {
  const text = raw.replace(/^\[xmldom \w+\]\t/, '');
  const at = /\n?@#\[line:(\d+|undefined),col:(\d+|undefined)\]\s*$/.exec(text);
  const reason = (at ? text.slice(0, at.index) : text).trim();
  if (at && at[1] !== 'undefined' && at[2] !== 'undefined') {
    return { reason, where: `line ${at[1]}, column ${at[2]}` };
  }
  return { reason };
}

/**
 * Parses untrusted XML. Throws SimError `ERR_XML_DTD` for any DOCTYPE or ENTITY declaration and
 * `ERR_XML_MALFORMED` for everything else that is not one well-formed, namespace-well-formed
 * document; never throws anything else. `what` names the input in messages ("RSTR", …).
 */
export function parseXml(text: string, what: string): Document {
  if (typeof text !== 'string') throw malformed(what, 'the input is not a string');
  if (DTD_DECLARATION.test(text)) {
    throw new SimError('ERR_XML_DTD', `${what} contains a DTD (DOCTYPE or ENTITY declaration)`, {
      hint: 'DTDs are refused in protocol messages: remove the declaration',
    });
  }
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (source.trim() === '') throw malformed(what, 'the input is empty');
  if (NOT_XML_CHAR.test(source))
    throw malformed(what, 'it contains a character XML 1.0 does not allow');
  checkProlog(source, what);

  let firstProblem: string | undefined;
  const fail = (msg: unknown) => {
    firstProblem ??= String(msg);
    throw new Error(firstProblem);
  };
  let doc: Document;
  try {
    doc = new DOMParser({
      locator: {},
      errorHandler: { warning: fail, error: fail, fatalError: fail },
    }).parseFromString(source, 'text/xml');
  } catch (cause) {
    const { reason, where } = tidyXmldomMessage(firstProblem ?? String(cause));
    throw malformed(what, reason, where === undefined ? { cause } : { cause, where });
  }
  checkDocument(doc, what);
  return doc;
}

/**
 * Before the root only the XML declaration (first, at offset 0), comments, processing
 * instructions and white space may appear. xmldom silently drops text there, so look at the source.
 */
function checkProlog(source: string, what: string): void {
  let i = 0;
  for (;;) {
    while (i < source.length && ' \t\r\n'.includes(source[i]!)) i++;
    if (source.startsWith('<?', i)) {
      if (/^<\?xml[\s?]/i.test(source.slice(i, i + 6)) && i !== 0) {
        throw malformed(what, 'the XML declaration is not at the very start');
      }
      const end = source.indexOf('?>', i + 2);
      if (end < 0) throw malformed(what, 'unterminated processing instruction');
      i = end + 2;
    } else if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i + 4);
      if (end < 0) throw malformed(what, 'unterminated comment');
      i = end + 3;
    } else if (source[i] === '<' && /[A-Za-z_:\u00C0-\uFFFF]/.test(source[i + 1] ?? '')) {
      return;
    } else {
      throw malformed(what, 'text or markup before the root element');
    }
  }
}

function checkDocument(doc: Document | undefined, what: string): asserts doc is Document {
  if (!doc) throw malformed(what, 'no document was produced');
  let rootSeen = false;
  for (let node = doc.firstChild; node; node = node.nextSibling) {
    switch (node.nodeType) {
      case ELEMENT_NODE:
        if (rootSeen) throw malformed(what, 'more than one root element');
        rootSeen = true;
        break;
      case TEXT_NODE:
        if (!XML_SPACE_ONLY.test(node.nodeValue ?? '')) {
          throw malformed(what, `text outside the root element`);
        }
        break;
      case PROCESSING_INSTRUCTION_NODE:
      case COMMENT_NODE:
        break;
      default:
        throw malformed(what, `unexpected ${node.nodeName} outside the root element`);
    }
  }
  if (!rootSeen || !doc.documentElement) throw malformed(what, 'there is no root element');
  checkTree(doc.documentElement, what);
}

/** Namespace well-formedness and decoded character checks, without recursion (deep input). */
function checkTree(root: Element, what: string): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === ELEMENT_NODE) {
      const el = node as Element;
      if (el.prefix && !el.namespaceURI) {
        throw malformed(what, `the prefix of <${el.nodeName}> is not bound to a namespace`);
      }
      for (let i = 0; i < el.attributes.length; i++) {
        const a = el.attributes.item(i)!;
        if (a.prefix && !a.namespaceURI) {
          throw malformed(
            what,
            `the prefix of attribute ${a.name} on <${el.nodeName}> is not bound`,
          );
        }
        if (NOT_XML_CHAR.test(a.value)) {
          throw malformed(what, `attribute ${a.name} contains a character XML 1.0 does not allow`);
        }
      }
    } else if (NOT_XML_CHAR.test(node.nodeValue ?? '')) {
      throw malformed(what, 'it contains a character XML 1.0 does not allow');
    }
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
  }
}

export function serializeXml(node: Node): string {
  return new XMLSerializer().serializeToString(node);
}

/** Element children of `el`, optionally only those with this namespace and local name. */
export function childElements(el: Element, ns?: string, localName?: string): Element[] {
  const out: Element[] = [];
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== ELEMENT_NODE) continue;
    const child = node as Element;
    if (ns !== undefined && child.namespaceURI !== ns) continue;
    if (localName !== undefined && child.localName !== localName) continue;
    out.push(child);
  }
  return out;
}

/** The first element child with this namespace and local name. */
export function firstChild(el: Element, ns: string, localName: string): Element | undefined {
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== ELEMENT_NODE) continue;
    const child = node as Element;
    if (child.namespaceURI === ns && child.localName === localName) return child;
  }
  return undefined;
}

/** The element's text content, exactly as parsed (not trimmed). */
export function textOf(el: Element): string {
  return el.textContent ?? '';
}

/**
 * An unqualified attribute's value, or undefined when absent (xmldom's `getAttribute` answers ''
 * for a missing attribute, which cannot be told apart from an empty one).
 */
export function attributeOf(el: Element, name: string): string | undefined {
  const node = el.getAttributeNode(name);
  return node ? node.value : undefined;
}
