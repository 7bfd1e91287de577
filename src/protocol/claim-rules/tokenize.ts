/**
 * Splits AD FS claim rule text into tokens with their line (1-based) and column (0-based, as the
 * parser's POLICY0002 message counts them). Keywords are identifiers here; the parser compares
 * them without regard to case. Strings run from `"` to the next `"` on the same line: the language
 * has no escape, and double quotes cannot appear inside a string.
 * @see [CTRL] "Language terminals" (the terminal table; case-insensitive) and "Examples of rules
 *   parser errors" (Column number counts from 0)
 * @see [ADFSCRL2] "double quotation marks are not allowed inside strings"
 */
import { ClaimRuleSyntaxError } from './syntax-error.ts';

export type TokenKind =
  | 'IDENTIFIER'
  | 'STRING'
  | 'AT'
  | 'IMPLY'
  | 'SEMICOLON'
  | 'COLON'
  | 'COMMA'
  | 'DOT'
  | 'O_SQ_BRACKET'
  | 'C_SQ_BRACKET'
  | 'O_BRACKET'
  | 'C_BRACKET'
  | 'EQ'
  | 'NEQ'
  | 'REGEXP_MATCH'
  | 'REGEXP_NOT_MATCH'
  | 'ASSIGN'
  | 'AND'
  | 'PLUS'
  | 'EOF';

export interface Token {
  readonly kind: TokenKind;
  /** The text as written (a string's text without its quotes). */
  readonly text: string;
  readonly line: number;
  readonly column: number;
  /** Offset in the whole text. */
  readonly offset: number;
}

const PUNCTUATION: readonly (readonly [string, TokenKind])[] = [
  ['=>', 'IMPLY'],
  ['==', 'EQ'],
  ['!=', 'NEQ'],
  ['=~', 'REGEXP_MATCH'],
  ['!~', 'REGEXP_NOT_MATCH'],
  ['&&', 'AND'],
  ['=', 'ASSIGN'],
  [';', 'SEMICOLON'],
  [':', 'COLON'],
  [',', 'COMMA'],
  ['.', 'DOT'],
  ['[', 'O_SQ_BRACKET'],
  [']', 'C_SQ_BRACKET'],
  ['(', 'O_BRACKET'],
  [')', 'C_BRACKET'],
  ['+', 'PLUS'],
  ['@', 'AT'],
];

const IDENT = /[_A-Za-z][_A-Za-z0-9]*/y;

/** Typographic quotes a pasted rule may carry instead of `"` (Word, web pages). */
const SMART_QUOTES = /[\u201C\u201D\u201E\u201F]/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const at = (offset: number) => ({ line, column: offset - lineStart, offset });
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\n') {
      i += 1;
      line += 1;
      lineStart = i;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\uFEFF' || ch === '\u00A0') {
      i += 1;
      continue;
    }
    if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      const newline = text.indexOf('\n', i + 1);
      if (end === -1 || (newline !== -1 && newline < end)) {
        throw ClaimRuleSyntaxError.at(text, at(i), ch, {
          detail: 'a string that does not end on its line',
          expected: ['"'],
        });
      }
      tokens.push({ kind: 'STRING', text: text.slice(i + 1, end), ...at(i) });
      i = end + 1;
      continue;
    }
    IDENT.lastIndex = i;
    const ident = IDENT.exec(text);
    if (ident) {
      tokens.push({ kind: 'IDENTIFIER', text: ident[0], ...at(i) });
      i += ident[0].length;
      continue;
    }
    const punct = PUNCTUATION.find(([p]) => text.startsWith(p, i));
    if (punct) {
      tokens.push({ kind: punct[1], text: punct[0], ...at(i) });
      i += punct[0].length;
      continue;
    }
    throw ClaimRuleSyntaxError.at(text, at(i), ch, {
      detail: SMART_QUOTES.test(ch)
        ? 'a typographic quote; claim rules need straight double quotes (")'
        : 'a character the claim rule language does not use',
      expected: [],
    });
  }
  tokens.push({ kind: 'EOF', text: '', ...at(text.length) });
  return tokens;
}
