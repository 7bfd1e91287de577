/**
 * Indents an XML document for reading in the trainer: one element per line, short text inline,
 * attributes and text escaped as written. Display only: the signed bytes are the original ones.
 */
import { parseXml } from '../../protocol/xml/parse-xml.ts';
import { escapeAttribute, escapeText } from '../../protocol/xml/escape-xml.ts';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const PROCESSING_INSTRUCTION_NODE = 7;
const COMMENT_NODE = 8;

function openTag(el: Element): string {
  const attrs: string[] = [];
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    attrs.push(` ${a.name}="${escapeAttribute(a.value)}"`);
  }
  return `<${el.nodeName}${attrs.join('')}`;
}

function write(node: Node, depth: number, out: string[], indent: string): void {
  const pad = indent.repeat(depth);
  switch (node.nodeType) {
    case ELEMENT_NODE: {
      const el = node as Element;
      const children = Array.from(el.childNodes).filter(
        (c) => !(c.nodeType === TEXT_NODE && (c.nodeValue ?? '').trim() === ''),
      );
      if (children.length === 0) {
        out.push(`${pad}${openTag(el)}/>`);
        return;
      }
      const only = children[0]!;
      if (
        children.length === 1 &&
        (only.nodeType === TEXT_NODE || only.nodeType === CDATA_SECTION_NODE)
      ) {
        out.push(`${pad}${openTag(el)}>${escapeText(only.nodeValue ?? '')}</${el.nodeName}>`);
        return;
      }
      out.push(`${pad}${openTag(el)}>`);
      for (const c of children) write(c, depth + 1, out, indent);
      out.push(`${pad}</${el.nodeName}>`);
      return;
    }
    case TEXT_NODE:
    case CDATA_SECTION_NODE:
      out.push(`${pad}${escapeText((node.nodeValue ?? '').trim())}`);
      return;
    case COMMENT_NODE:
      out.push(`${pad}<!--${node.nodeValue ?? ''}-->`);
      return;
    case PROCESSING_INSTRUCTION_NODE: {
      const pi = node as ProcessingInstruction;
      out.push(`${pad}<?${pi.target} ${pi.data}?>`);
      return;
    }
  }
}

/** The document indented; the text unchanged when it is not well-formed XML (shown as sent). */
export function prettyXml(text: string, indent = '  '): string {
  let doc: Document;
  try {
    doc = parseXml(text, 'message');
  } catch {
    return text;
  }
  const out: string[] = [];
  for (const c of Array.from(doc.childNodes)) write(c, 0, out, indent);
  return out.join('\n');
}
