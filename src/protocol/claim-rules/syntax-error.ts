/**
 * Errors in claim rule text, worded as AD FS's policy parser words them: POLICY0002 with the line
 * number, the column number (from 0), the error token and the line, then the parser's own error
 * (POLICY0030 "Syntax error, unexpected …, expecting one of the following: …", POLICY0029
 * "Unexpected input." or POLICY0011 for a copy statement naming no condition's tag).
 * @see [CTRL] "Examples of rules parser errors" (the message shapes and codes)
 * modeled: the messages for what the documented examples do not show (an unknown function, a
 *   missing Type in a new claim, a regular expression that does not compile) follow the same shape.
 */
import { SimError } from '../../core/errors.ts';

export interface SourcePosition {
  readonly line: number;
  /** From 0, as POLICY0002 counts. */
  readonly column: number;
  readonly offset: number;
}

export class ClaimRuleSyntaxError extends SimError {
  readonly line: number;
  readonly column: number;
  readonly token: string;
  readonly expected: readonly string[];

  constructor(
    message: string,
    pos: { line: number; column: number; token: string; expected: readonly string[] },
    hint: string,
  ) {
    super('ERR_CLAIM_RULES', message, {
      where: `line ${pos.line}, column ${pos.column}`,
      hint,
    });
    this.line = pos.line;
    this.column = pos.column;
    this.token = pos.token;
    this.expected = pos.expected;
  }

  /** POLICY0002 + POLICY0030 (or POLICY0029 when nothing could be expected). */
  static at(
    text: string,
    pos: SourcePosition,
    token: string,
    o: { unexpected?: string; expected: readonly string[]; detail?: string },
  ): ClaimRuleSyntaxError {
    const lineText = lineOf(text, pos.line);
    const parser =
      o.unexpected === undefined || o.expected.length === 0
        ? 'POLICY0029: Unexpected input.'
        : `POLICY0030: Syntax error, unexpected ${o.unexpected}, expecting one of the following: ${o.expected.join(' ')}.`;
    const message =
      `POLICY0002: Could not parse policy data. Line number: ${pos.line}, Column number: ${pos.column}, ` +
      `Error token: ${token}. Line: '${lineText.trim()}'. Parser error: '${parser}'`;
    return new ClaimRuleSyntaxError(
      message,
      { line: pos.line, column: pos.column, token, expected: o.expected },
      o.detail ??
        (o.expected.length > 0
          ? `write ${o.expected.join(' or ')} at line ${pos.line}, column ${pos.column}`
          : `remove or fix what stands at line ${pos.line}, column ${pos.column}`),
    );
  }

  /** A rule that is well formed but cannot run (POLICY0011 and its modeled siblings). */
  static semantic(
    message: string,
    pos: SourcePosition & { token: string },
    hint: string,
  ): ClaimRuleSyntaxError {
    return new ClaimRuleSyntaxError(
      message,
      { line: pos.line, column: pos.column, token: pos.token, expected: [] },
      hint,
    );
  }
}

function lineOf(text: string, line: number): string {
  return text.split('\n')[line - 1]?.replace(/\r$/, '') ?? '';
}
