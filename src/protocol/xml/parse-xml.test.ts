import { describe, expect, it } from 'vitest';
import { isSimError, type SimErrorCode } from '../../core/errors.ts';
import { escapeAttribute, escapeText } from './escape-xml.ts';
import {
  attributeOf,
  childElements,
  firstChild,
  parseXml,
  serializeXml,
  textOf,
} from './parse-xml.ts';

function codeOf(fn: () => unknown): SimErrorCode | 'no error' | 'not a SimError' {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return isSimError(e) ? e.code : 'not a SimError';
  }
}

describe('parseXml', () => {
  it('parses a document with a declaration, comments and processing instructions', () => {
    const doc = parseXml(
      '<?xml version="1.0"?>\n<!-- c --><a xmlns="urn:x"><b>t</b></a>\n<?pi x?>\n',
      'test',
    );
    expect(doc.documentElement.localName).toBe('a');
    expect(doc.documentElement.namespaceURI).toBe('urn:x');
  });

  it('accepts a leading byte order mark', () => {
    expect(parseXml('\uFEFF<a/>', 'test').documentElement.localName).toBe('a');
  });

  it.each([
    ['DOCTYPE', '<!DOCTYPE a><a/>'],
    ['internal subset with an entity', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['lower-case doctype', '<!doctype a><a/>'],
    ['a lone ENTITY declaration', '<a><!ENTITY x "y"></a>'],
    ['DOCTYPE after the root', '<a/><!DOCTYPE a>'],
    [
      'billion laughs',
      '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY l0 "ha"><!ENTITY l1 "&l0;&l0;">]><l>&l1;</l>',
    ],
  ])('refuses a DTD: %s', (_label, xml) => {
    expect(codeOf(() => parseXml(xml, 'test'))).toBe('ERR_XML_DTD');
  });

  it.each([
    ['empty', ''],
    ['whitespace only', ' \n\t'],
    ['text only', 'hello'],
    ['two roots', '<a/><b/>'],
    ['text after the root', '<a/>trailing'],
    ['markup after the root', '<a></a>>'],
    ['text before the root', 'x<a/>'],
    ['text after the declaration', '<?xml version="1.0"?>x<a/>'],
    ['text after a comment', '<!-- c -->x<a/>'],
    ['a declaration after white space', ' <?xml version="1.0"?><a/>'],
    ['CDATA before the root', '<![CDATA[x]]><a/>'],
    ['an unterminated comment', '<!-- c <a/>'],
    ['CDATA outside the root', '<a/><![CDATA[x]]>'],
    ['unclosed element', '<a><b></a>'],
    ['unterminated document', '<a>x'],
    ['mismatched end tag', '<a></b>'],
    ['undefined entity', '<a>&foo;</a>'],
    ['unquoted attribute', '<a b=c/>'],
    ['duplicate attribute', '<a x="1" x="2"/>'],
    ['unbound element prefix', '<p:a/>'],
    ['unbound attribute prefix', '<a p:x="1"/>'],
    ['a NUL character reference', '<a>&#0;</a>'],
    ['a raw control character', '<a>\u0001</a>'],
    ['a control character in an attribute', '<a x="&#1;"/>'],
    ['a lone surrogate', '<a>\uD800</a>'],
  ])('refuses malformed input: %s', (_label, xml) => {
    expect(codeOf(() => parseXml(xml, 'test'))).toBe('ERR_XML_MALFORMED');
  });

  it('names the input in its messages', () => {
    expect(() => parseXml('<a>', 'RSTR')).toThrow(/^RSTR is not well-formed XML/);
    expect(() => parseXml('<!DOCTYPE a><a/>', 'SAML assertion')).toThrow(
      /^SAML assertion contains a DTD/,
    );
  });

  it('refuses non-string input with a SimError', () => {
    expect(codeOf(() => parseXml(undefined as unknown as string, 'test'))).toBe(
      'ERR_XML_MALFORMED',
    );
  });

  it('throws nothing but SimError on mangled input', () => {
    const seed =
      '<?xml version="1.0"?><s:Envelope xmlns:s="urn:s" xmlns:a="urn:a"><s:Body a:x="1&amp;2">' +
      '<a:T>v&lt;w<!-- c --><![CDATA[<x>]]></a:T><a:U/></s:Body></s:Envelope>';
    const alphabet = [
      '<',
      '>',
      '&',
      ';',
      '"',
      "'",
      '=',
      '/',
      ':',
      '!',
      '?',
      '[',
      ']',
      '-',
      'x',
      ' ',
      '\u0000',
      '#',
    ];
    let state = 0x9e3779b9;
    const next = (n: number) => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state % n;
    };
    const outcomes = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      let s = seed;
      for (let k = 1 + next(3); k > 0; k--) {
        const at = next(s.length + 1);
        const op = next(3);
        if (op === 0) s = s.slice(0, at) + alphabet[next(alphabet.length)] + s.slice(at);
        else if (op === 1) s = s.slice(0, at) + s.slice(at + 1 + next(4));
        else s = s.slice(0, at);
      }
      const code = codeOf(() => parseXml(s, 'fuzz'));
      expect(code, s).not.toBe('not a SimError');
      outcomes.add(code);
    }
    // The mutations must have exercised both sides.
    expect(outcomes.has('no error')).toBe(true);
    expect(outcomes.has('ERR_XML_MALFORMED')).toBe(true);
  });
});

describe('DOM helpers', () => {
  const doc = parseXml(
    '<r xmlns:a="urn:a" xmlns:b="urn:b" k="" ><a:x>1</a:x><b:x>2</b:x>text<a:y> 3 </a:y><a:x>4</a:x></r>',
    'test',
  );
  const root = doc.documentElement;

  it('childElements filters by namespace and local name', () => {
    expect(childElements(root).map(textOf)).toEqual(['1', '2', ' 3 ', '4']);
    expect(childElements(root, 'urn:a').map(textOf)).toEqual(['1', ' 3 ', '4']);
    expect(childElements(root, 'urn:a', 'x').map(textOf)).toEqual(['1', '4']);
    expect(childElements(root, 'urn:c')).toEqual([]);
  });

  it('firstChild finds the first match or undefined', () => {
    expect(textOf(firstChild(root, 'urn:b', 'x')!)).toBe('2');
    expect(firstChild(root, 'urn:b', 'y')).toBeUndefined();
  });

  it('textOf does not trim', () => {
    expect(textOf(firstChild(root, 'urn:a', 'y')!)).toBe(' 3 ');
  });

  it('attributeOf tells an empty attribute from a missing one', () => {
    expect(attributeOf(root, 'k')).toBe('');
    expect(attributeOf(root, 'missing')).toBeUndefined();
  });

  it('serializeXml writes the node back', () => {
    expect(serializeXml(firstChild(root, 'urn:a', 'x')!)).toBe('<a:x xmlns:a="urn:a">1</a:x>');
  });
});

describe('escapeText / escapeAttribute', () => {
  const nasty = 'a<b>&c"d\'e\tf\ng\rh]]>';

  it('survive a parse unchanged', () => {
    const xml = `<r v="${escapeAttribute(nasty)}">${escapeText(nasty)}</r>`;
    const root = parseXml(xml, 'test').documentElement;
    expect(attributeOf(root, 'v')).toBe(nasty);
    expect(textOf(root)).toBe(nasty);
  });

  it('refuse characters XML 1.0 cannot carry', () => {
    expect(codeOf(() => escapeText('a\u0000b'))).toBe('ERR_ENCODING');
    expect(codeOf(() => escapeAttribute('\u001f'))).toBe('ERR_ENCODING');
  });
});
