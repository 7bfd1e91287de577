/**
 * Parses AD FS claim rule text (what `(Get-AdfsRelyingPartyTrust …).IssuanceTransformRules`
 * prints) into a rule set, or throws ClaimRuleSyntaxError worded as AD FS words it.
 *
 * Grammar (keywords in any case):
 *   rule_set   = { rule }
 *   rule       = { "@" IDENT "=" STRING } [ conditions ] "=>" action ( ";" | end of text )
 *   conditions = condition { "&&" condition }
 *   condition  = [ IDENT ":" ] "[" [ match { "," match } ] "]"
 *              | [ "NOT" ] "EXISTS" "(" "[" [ match { "," match } ] "]" ")"
 *   match      = property ( "==" | "!=" | "=~" | "!~" ) expr
 *   property   = Type | Value | Issuer | OriginalIssuer | ValueType | Properties "[" STRING "]"
 *   action     = ( "issue" | "add" ) "(" ( "claim" "=" IDENT
 *              | "store" "=" STRING "," "types" "=" "(" STRING { "," STRING } ")" "," "query" "=" STRING { "," "param" "=" expr }
 *              | assign { "," assign } ) ")"
 *   assign     = ( Type | Value | ValueType | Issuer | OriginalIssuer | Properties "[" STRING "]" ) "=" expr
 *   expr       = term { "+" term };  term = STRING | IDENT "." property | IDENT "(" expr { "," expr } ")"
 * @see [ADFSCRL] components, conditions, issuance statements, expressions, Exists functions
 * @see [CTRL] the grammar of the Active Directory subset (rule, conditions, Issue params) and the
 *   parser's error messages
 * modeled: selectors and EXISTS may share one condition list (the manual's and Entra Connect's
 *   rules are written one way or the other; real rule sets mix them); a rule's last `;` may be
 *   left out at the end of the text.
 */
import type {
  Action,
  ClaimProperty,
  Condition,
  CopyParams,
  Expr,
  Match,
  NewClaimParams,
  Operator,
  Rule,
  RuleSet,
  StoreParams,
} from './ast.ts';
import { dotnetRegex, DotnetRegexError } from './dotnet-regex.ts';
import { ClaimRuleSyntaxError } from './syntax-error.ts';
import { tokenize, type Token, type TokenKind } from './tokenize.ts';

const FUNCTIONS = new Set(['regexreplace']);
const PROPERTY_NAMES: Readonly<Record<string, ClaimProperty['kind']>> = {
  type: 'Type',
  value: 'Value',
  issuer: 'Issuer',
  originalissuer: 'OriginalIssuer',
  valuetype: 'ValueType',
  properties: 'Properties',
};
const SHOWN: Partial<Record<TokenKind, string>> = {
  IDENTIFIER: "'IDENTIFIER'",
  STRING: "'STRING'",
  EOF: "'end of text'",
};

class Parser {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  private get tok(): Token {
    return this.tokens[this.i] as Token;
  }

  /** The current token's kind (a call, so TypeScript does not narrow it across next()). */
  private kind(): TokenKind {
    return this.tok.kind;
  }

  private next(): Token {
    const t = this.tok;
    if (t.kind !== 'EOF') this.i += 1;
    return t;
  }

  private fail(expected: readonly string[], detail?: string): never {
    const t = this.tok;
    const shown = t.kind === 'STRING' ? `"${t.text}"` : t.kind === 'EOF' ? '<end of text>' : t.text;
    throw ClaimRuleSyntaxError.at(this.text, t, shown, {
      unexpected: SHOWN[t.kind] ?? `'${t.text}'`,
      expected,
      ...(detail === undefined ? {} : { detail }),
    });
  }

  private expect(kind: TokenKind, shown: string): Token {
    if (this.kind() !== kind) this.fail([shown]);
    return this.next();
  }

  private isKeyword(word: string): boolean {
    return this.kind() === 'IDENTIFIER' && this.tok.text.toLowerCase() === word;
  }

  private expectKeyword(word: string, shown: string): Token {
    if (!this.isKeyword(word)) this.fail([shown]);
    return this.next();
  }

  ruleSet(): RuleSet {
    const rules: Rule[] = [];
    while (this.kind() !== 'EOF') rules.push(this.rule());
    return { rules };
  }

  private rule(): Rule {
    const start = this.tok;
    let name: string | undefined;
    let template: string | undefined;
    while (this.kind() === 'AT') {
      this.next();
      const key = this.expect('IDENTIFIER', "'RuleName'").text.toLowerCase();
      this.expect('ASSIGN', "'='");
      const value = this.expect('STRING', "'STRING'").text;
      if (key === 'rulename') name = value;
      else if (key === 'ruletemplate') template = value;
    }
    const conditions: Condition[] = [];
    if (this.kind() !== 'IMPLY') {
      conditions.push(this.condition(conditions));
      while (this.kind() === 'AND') {
        this.next();
        conditions.push(this.condition(conditions));
      }
    }
    if (this.kind() !== 'IMPLY') this.fail(["'=>'", "'&&'"]);
    this.next();
    const action = this.action(conditions);
    if (this.kind() === 'SEMICOLON') this.next();
    else if (this.kind() !== 'EOF') this.fail(["';'"]);
    return {
      name,
      template,
      conditions,
      action,
      pos: start,
      text: this.text.slice(start.offset, this.tok.offset).trim(),
    };
  }

  private condition(before: readonly Condition[]): Condition {
    const t = this.tok;
    if (this.isKeyword('not') || this.isKeyword('exists')) {
      const negated = this.isKeyword('not');
      if (negated) {
        this.next();
        this.expectKeyword('exists', "'EXISTS'");
      } else this.next();
      this.expect('O_BRACKET', "'('");
      const matches = this.selectorBody(before);
      this.expect('C_BRACKET', "')'");
      return { kind: 'exists', negated, matches, pos: t };
    }
    let variable: string | undefined;
    if (t.kind === 'IDENTIFIER') {
      variable = this.next().text;
      this.expect('COLON', "':'");
      if (before.some((c) => c.kind === 'selector' && c.variable === variable)) {
        throw ClaimRuleSyntaxError.semantic(
          `POLICY0002: Could not parse policy data. The condition tag '${variable}' is used by two conditions of one rule.`,
          { ...t, token: t.text },
          `give each condition of the rule its own tag (line ${t.line})`,
        );
      }
    } else if (t.kind !== 'O_SQ_BRACKET') {
      this.fail(["'['", "'IDENTIFIER'", "'EXISTS'", "'NOT'", "'=>'"]);
    }
    const matches = this.selectorBody(before);
    return { kind: 'selector', variable, matches, pos: t };
  }

  private selectorBody(bound: readonly Condition[]): Match[] {
    this.expect('O_SQ_BRACKET', "'['");
    const matches: Match[] = [];
    if (this.kind() !== 'C_SQ_BRACKET') {
      matches.push(this.match(bound));
      while (this.kind() === 'COMMA') {
        this.next();
        matches.push(this.match(bound));
      }
    }
    if (this.kind() !== 'C_SQ_BRACKET') this.fail(["']'", "','"]);
    this.next();
    return matches;
  }

  private match(bound: readonly Condition[]): Match {
    const pos = this.tok;
    const property = this.property([
      "'Type'",
      "'Value'",
      "'Issuer'",
      "'OriginalIssuer'",
      "'ValueType'",
    ]);
    const op = this.tok;
    const operators: Partial<Record<TokenKind, Operator>> = {
      EQ: '==',
      NEQ: '!=',
      REGEXP_MATCH: '=~',
      REGEXP_NOT_MATCH: '!~',
    };
    const operator = operators[op.kind];
    if (operator === undefined) this.fail(["'=='", "'!='", "'=~'", "'!~'"]);
    this.next();
    const expr = this.expr(bound);
    if ((operator === '=~' || operator === '!~') && expr.kind === 'string') {
      this.checkRegex(expr.value, expr.pos);
    }
    return { property, operator, expr, pos };
  }

  private property(expected: readonly string[]): ClaimProperty {
    const t = this.tok;
    const kind = t.kind === 'IDENTIFIER' ? PROPERTY_NAMES[t.text.toLowerCase()] : undefined;
    if (kind === undefined) this.fail(expected);
    this.next();
    if (kind === 'Properties') {
      this.expect('O_SQ_BRACKET', "'['");
      const name = this.expect('STRING', "'STRING'").text;
      this.expect('C_SQ_BRACKET', "']'");
      return { kind, name };
    }
    return { kind };
  }

  private expr(bound: readonly Condition[]): Expr {
    const first = this.term(bound);
    if (this.kind() !== 'PLUS') return first;
    const parts = [first];
    while (this.kind() === 'PLUS') {
      this.next();
      parts.push(this.term(bound));
    }
    return { kind: 'concat', parts, pos: first.pos };
  }

  private term(bound: readonly Condition[]): Expr {
    const t = this.tok;
    if (t.kind === 'STRING') {
      this.next();
      return { kind: 'string', value: t.text, pos: t };
    }
    if (t.kind !== 'IDENTIFIER') this.fail(["'STRING'", "'IDENTIFIER'"]);
    this.next();
    if (this.kind() === 'DOT') {
      this.next();
      this.checkBound(t, bound, 'expression');
      const property = this.property([
        "'Type'",
        "'Value'",
        "'Issuer'",
        "'OriginalIssuer'",
        "'ValueType'",
        "'Properties'",
      ]);
      return { kind: 'property', variable: t.text, property, pos: t };
    }
    if (this.kind() === 'O_BRACKET') {
      const name = t.text.toLowerCase();
      if (!FUNCTIONS.has(name)) {
        throw ClaimRuleSyntaxError.semantic(
          `POLICY0002: Could not parse policy data. Line number: ${t.line}, Column number: ${t.column}, Error token: ${t.text}. The function '${t.text}' is not part of the claim rule language.`,
          { ...t, token: t.text },
          'the claim rule language has one function: RegexReplace(input, pattern, replacement)',
        );
      }
      this.next();
      const args = [this.expr(bound)];
      while (this.kind() === 'COMMA') {
        this.next();
        args.push(this.expr(bound));
      }
      this.expect('C_BRACKET', "')'");
      if (args.length !== 3) {
        throw ClaimRuleSyntaxError.semantic(
          `POLICY0002: Could not parse policy data. Line number: ${t.line}, Column number: ${t.column}, Error token: ${t.text}. RegexReplace takes 3 arguments, got ${args.length}.`,
          { ...t, token: t.text },
          'write RegexReplace(input, pattern, replacement)',
        );
      }
      const pattern = args[1] as Expr;
      if (pattern.kind === 'string') this.checkRegex(pattern.value, pattern.pos);
      return { kind: 'call', name, args, pos: t };
    }
    return this.fail(["'.'", "'('"]);
  }

  private checkBound(t: Token, bound: readonly Condition[], where: string): void {
    if (bound.some((c) => c.kind === 'selector' && c.variable === t.text)) return;
    throw ClaimRuleSyntaxError.semantic(
      `POLICY0011: No conditions in the claim rule match the condition tag specified in the ${where}: '${t.text}'.`,
      { ...t, token: t.text },
      `tag a condition of this rule '${t.text}:' before line ${t.line}, column ${t.column}, or use a tag that one has`,
    );
  }

  private checkRegex(pattern: string, pos: Token | Expr['pos']): void {
    try {
      dotnetRegex(pattern);
    } catch (e) {
      if (!(e instanceof DotnetRegexError)) throw e;
      throw ClaimRuleSyntaxError.semantic(
        `POLICY0002: Could not parse policy data. Line number: ${pos.line}, Column number: ${pos.column}, Error token: "${pattern}". The regular expression does not compile: ${e.message}.`,
        { ...pos, token: `"${pattern}"` },
        'fix the regular expression (it is a .NET pattern: named groups are written (?<name>…))',
      );
    }
  }

  private action(conditions: readonly Condition[]): Action {
    const t = this.tok;
    const verb = this.isKeyword('issue') ? 'issue' : this.isKeyword('add') ? 'add' : undefined;
    if (verb === undefined) this.fail(["'issue'", "'add'"]);
    this.next();
    this.expect('O_BRACKET', "'('");
    let params: Action['params'];
    if (this.isKeyword('claim')) params = this.copy(conditions);
    else if (this.isKeyword('store')) params = this.store(conditions);
    else params = this.newClaim(conditions, t);
    this.expect('C_BRACKET', "')'");
    return { verb, params, pos: t };
  }

  private copy(conditions: readonly Condition[]): CopyParams {
    this.next();
    this.expect('ASSIGN', "'='");
    const v = this.expect('IDENTIFIER', "'IDENTIFIER'");
    if (!conditions.some((c) => c.kind === 'selector' && c.variable === v.text)) {
      throw ClaimRuleSyntaxError.semantic(
        `POLICY0011: No conditions in the claim rule match the condition tag specified in the CopyIssuanceStatement: '${v.text}'.`,
        { ...v, token: v.text },
        `tag the condition whose claim is copied '${v.text}:' (line ${v.line}, column ${v.column})`,
      );
    }
    return { kind: 'copy', variable: v.text, pos: v };
  }

  private store(conditions: readonly Condition[]): StoreParams {
    this.next();
    this.expect('ASSIGN', "'='");
    const store = this.expect('STRING', "'STRING'").text;
    this.expect('COMMA', "','");
    this.expectKeyword('types', "'types'");
    this.expect('ASSIGN', "'='");
    this.expect('O_BRACKET', "'('");
    const types = [this.expect('STRING', "'STRING'").text];
    while (this.kind() === 'COMMA') {
      this.next();
      types.push(this.expect('STRING', "'STRING'").text);
    }
    this.expect('C_BRACKET', "')'");
    this.expect('COMMA', "','");
    this.expectKeyword('query', "'query'");
    this.expect('ASSIGN', "'='");
    const query = this.expect('STRING', "'STRING'").text;
    const params: Expr[] = [];
    while (this.kind() === 'COMMA') {
      this.next();
      this.expectKeyword('param', "'param'");
      this.expect('ASSIGN', "'='");
      params.push(this.expr(conditions));
    }
    return { kind: 'store', store, types, query, params };
  }

  private newClaim(conditions: readonly Condition[], at: Token): NewClaimParams {
    const set: Record<string, Expr> = {};
    const properties: { name: string; expr: Expr }[] = [];
    for (;;) {
      const t = this.tok;
      const p = this.property([
        "'claim'",
        "'store'",
        "'Type'",
        "'Value'",
        "'ValueType'",
        "'Issuer'",
        "'OriginalIssuer'",
        "'Properties'",
      ]);
      this.expect('ASSIGN', "'='");
      const expr = this.expr(conditions);
      if (p.kind === 'Properties') properties.push({ name: p.name, expr });
      else {
        if (set[p.kind] !== undefined) {
          throw ClaimRuleSyntaxError.semantic(
            `POLICY0002: Could not parse policy data. Line number: ${t.line}, Column number: ${t.column}, Error token: ${t.text}. The claim property '${p.kind}' is assigned twice.`,
            { ...t, token: t.text },
            `assign ${p.kind} once`,
          );
        }
        set[p.kind] = expr;
      }
      if (this.kind() !== 'COMMA') break;
      this.next();
    }
    const type = set['Type'];
    if (type === undefined) {
      throw ClaimRuleSyntaxError.semantic(
        `POLICY0002: Could not parse policy data. Line number: ${at.line}, Column number: ${at.column}, Error token: ${at.text}. A new claim needs its Type.`,
        { ...at, token: at.text },
        'add Type = "<claim type URI>" to the issuance statement',
      );
    }
    return {
      kind: 'new',
      type,
      value: set['Value'],
      valueType: set['ValueType'],
      issuer: set['Issuer'],
      originalIssuer: set['OriginalIssuer'],
      properties,
    };
  }
}

/** Parses a rule set; throws ClaimRuleSyntaxError (code ERR_CLAIM_RULES) on the first error. */
export function parseClaimRules(text: string): RuleSet {
  return new Parser(text, tokenize(text)).ruleSet();
}
