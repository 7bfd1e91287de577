/**
 * Finds the exact source text of a parsed element, so a signed assertion is handed on byte for
 * byte instead of re-serialised (re-serialising moves namespace declarations and breaks the
 * signature; MSAL Python extracts the token with a regex for the same reason).
 * @see https://www.w3.org/TR/xml/ §2.5-§3.1; [MSALPY] [ADALN] [ROAD] [AADI] (MSAL wstrust_response.py)
 */
import { SimError } from '../../core/errors.ts';
import { selfAndDescendants } from './dom.ts';

interface Span {
  name: string;
  start: number;
  end: number;
}

function disagree(what: string, message: string): SimError {
  return new SimError('ERR_XML_MALFORMED', `${what} is not well-formed XML: ${message}`);
}

/**
 * Every element of `text` in document order (the order of a pre-order DOM walk) with its
 * start and end offsets. Meant for text the strict parser already accepted.
 */
function scanElements(text: string, what: string): Span[] {
  const spans: Span[] = [];
  const open: Span[] = [];
  let i = 0;
  const skipPast = (from: number, terminator: string): number => {
    const at = text.indexOf(terminator, from);
    if (at < 0) throw disagree(what, `unterminated markup at offset ${from}`);
    return at + terminator.length;
  };
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    if (text.startsWith('<?', lt)) i = skipPast(lt + 2, '?>');
    else if (text.startsWith('<!--', lt)) i = skipPast(lt + 4, '-->');
    else if (text.startsWith('<![CDATA[', lt)) i = skipPast(lt + 9, ']]>');
    else if (text.startsWith('</', lt)) {
      const gt = skipPast(lt + 2, '>');
      const name = text.slice(lt + 2, gt - 1).trim();
      const span = open.pop();
      if (span?.name !== name) throw disagree(what, `unexpected </${name}> at offset ${lt}`);
      span.end = gt;
      i = gt;
    } else {
      let j = lt + 1;
      let quote = '';
      for (; j < text.length; j++) {
        const c = text[j];
        if (quote !== '') {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
      }
      if (j >= text.length) throw disagree(what, `unterminated start tag at offset ${lt}`);
      const name = /^[^\s/>]+/.exec(text.slice(lt + 1, j))?.[0] ?? '';
      const span: Span = { name, start: lt, end: j + 1 };
      spans.push(span);
      if (text[j - 1] !== '/') open.push(span);
      i = j + 1;
    }
  }
  if (open.length > 0) throw disagree(what, 'unclosed elements');
  return spans;
}

/**
 * The exact substring of `text` that `target` (an element of `root`, parsed from `text`) came
 * from. Throws SimError ERR_XML_MALFORMED if the text and the tree do not line up.
 */
export function sourceOf(text: string, root: Element, target: Element, what: string): string {
  const spans = scanElements(text, what);
  let k = 0;
  for (const el of selfAndDescendants(root)) {
    const span = spans[k++];
    if (span?.name !== el.tagName)
      throw disagree(what, `cannot locate <${el.tagName}> in the text`);
    if (el === target) return text.slice(span.start, span.end);
  }
  throw new SimError('ERR_INTERNAL', `<${target.tagName}> is not an element of this document`);
}
