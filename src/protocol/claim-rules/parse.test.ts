// The claim rule grammar, construct by construct, and each documented parser error.
// Sources: [ADFSCRL] (constructs and examples), [CTRL] (parser error examples and codes), [HJM].
import { describe, expect, it } from 'vitest';
import { parseClaimRules } from './parse.ts';
import { ClaimRuleSyntaxError } from './syntax-error.ts';

function error(text: string): ClaimRuleSyntaxError {
  try {
    parseClaimRules(text);
  } catch (e) {
    if (e instanceof ClaimRuleSyntaxError) return e;
    throw e;
  }
  throw new Error(`parsed: ${text}`);
}

describe('claim rule grammar', () => {
  it('an empty rule set has no rules', () => {
    expect(parseClaimRules('').rules).toEqual([]);
    expect(parseClaimRules('  \r\n ').rules).toEqual([]);
  });

  it('a rule without a condition', () => {
    const [r] = parseClaimRules('=> issue(type = "http://test/role", value = "employee");').rules;
    expect(r?.conditions).toEqual([]);
    expect(r?.action.verb).toBe('issue');
    expect(r?.action.params.kind).toBe('new');
  });

  it('@RuleTemplate and @RuleName annotate the rule that follows', () => {
    const [r] = parseClaimRules(
      '@RuleTemplate = "PassThroughClaims"\n@RuleName = "Pass through claim - InsideCorporateNetwork"\nc:[Type == "http://schemas.microsoft.com/ws/2012/01/insidecorporatenetwork"]\n => issue(claim = c);',
    ).rules;
    expect(r?.template).toBe('PassThroughClaims');
    expect(r?.name).toBe('Pass through claim - InsideCorporateNetwork');
    expect(r?.action.params).toMatchObject({ kind: 'copy', variable: 'c' });
  });

  it('a tagged selector with Type and Value conditions, copied (claim copy)', () => {
    const [r] = parseClaimRules(
      'c: [type == "http://test/name", value == "Terry"] => issue(claim = c);',
    ).rules;
    expect(r?.conditions[0]).toMatchObject({ kind: 'selector', variable: 'c' });
    const matches = r?.conditions[0]?.kind === 'selector' ? r.conditions[0].matches : [];
    expect(matches.map((m) => [m.property.kind, m.operator])).toEqual([
      ['Type', '=='],
      ['Value', '=='],
    ]);
  });

  it('conditions on Issuer, OriginalIssuer and ValueType with ==, !=, =~ and !~, joined by &&', () => {
    const [r] = parseClaimRules(
      'c1:[Issuer =~ "^(AD AUTHORITY|SELF AUTHORITY)$", OriginalIssuer != "X"] && c2:[ValueType !~ "int", Type == c1.Type] => issue(claim = c2);',
    ).rules;
    expect(r?.conditions).toHaveLength(2);
    const ops = r?.conditions
      .flatMap((c) => (c.kind === 'selector' ? c.matches : []))
      .map((m) => `${m.property.kind}${m.operator}`);
    expect(ops).toEqual(['Issuer=~', 'OriginalIssuer!=', 'ValueType!~', 'Type==']);
  });

  it('keywords in any case (ISSUE, TYPES, QUERY, PARAM, NOT EXISTS)', () => {
    const text =
      'NOT EXISTS([Type == "a"]) && exists([TYPE == "b"]) && c:[type == "n"] => ISSUE(STORE = "Contoso", TYPES = ("x", "y"), QUERY = "q={0}", PARAM = c.Value, PARAM = c.value);';
    const [r] = parseClaimRules(text).rules;
    expect(r?.conditions.map((c) => (c.kind === 'exists' ? `exists:${c.negated}` : 'sel'))).toEqual(
      ['exists:true', 'exists:false', 'sel'],
    );
    expect(r?.action.params).toMatchObject({
      kind: 'store',
      store: 'Contoso',
      types: ['x', 'y'],
      query: 'q={0}',
    });
  });

  it('add(...) with Type, Value, ValueType, Issuer, OriginalIssuer and Properties[...]', () => {
    const [r] = parseClaimRules(
      'c:[Type == "t"] => add(Type = "u", Value = "v" + c.Value, ValueType = "http://www.w3.org/2001/XMLSchema#string", Issuer = "I", OriginalIssuer = "O", Properties["p"] = c.Properties["q"]);',
    ).rules;
    expect(r?.action.verb).toBe('add');
    const p = r?.action.params;
    expect(p?.kind).toBe('new');
    if (p?.kind === 'new') {
      expect(p.value?.kind).toBe('concat');
      expect(p.properties.map((x) => x.name)).toEqual(['p']);
    }
  });

  it('regexreplace inside an expression (the manual issuerid rule)', () => {
    const [r] = parseClaimRules(
      'c1:[Type == "http://schemas.xmlsoap.org/claims/UPN"] => issue(Type = "http://schemas.microsoft.com/ws/2008/06/identity/claims/issuerid", Value = regexreplace(c1.Value, ".+@(?<domain>.+)", "http://${domain}/adfs/services/trust/"));',
    ).rules;
    expect(r?.action.params.kind === 'new' && r.action.params.value?.kind).toBe('call');
  });

  it('rules are separated by semicolons; the last may end without one', () => {
    expect(
      parseClaimRules('=> issue(type = "a", value = "1");\n=> issue(type = "b", value = "2")')
        .rules,
    ).toHaveLength(2);
  });

  it('keeps each rule text and position', () => {
    const set = parseClaimRules(
      '@RuleName = "one"\n=> issue(type = "a");\n\n@RuleName = "two"\n=> add(type = "b");',
    );
    expect(set.rules.map((r) => [r.name, r.pos.line])).toEqual([
      ['one', 1],
      ['two', 4],
    ]);
    expect(set.rules[1]?.text).toBe('@RuleName = "two"\n=> add(type = "b");');
  });
});

describe('claim rule errors, as AD FS reports them', () => {
  it('a semicolon in place of a colon ([CTRL] example 1: line 1, column 2)', () => {
    const e = error('c1;[]=>Issue(claim=c1);');
    expect(e.code).toBe('ERR_CLAIM_RULES');
    expect(e.message).toBe(
      "POLICY0002: Could not parse policy data. Line number: 1, Column number: 2, Error token: ;. Line: 'c1;[]=>Issue(claim=c1);'. Parser error: 'POLICY0030: Syntax error, unexpected ';', expecting one of the following: ':'.'",
    );
    expect([e.line, e.column, e.expected]).toEqual([1, 2, ["':'"]]);
  });

  it('a copy naming an undefined tag ([CTRL] example 2: POLICY0011)', () => {
    expect(error('c1:[]=>Issue(claim=c2);').message).toBe(
      "POLICY0011: No conditions in the claim rule match the condition tag specified in the CopyIssuanceStatement: 'c2'.",
    );
  });

  it('== where = is expected in the issuance statement ([CTRL] example 5)', () => {
    const e = error(
      'c1:[type == "x1", value == "1"] =>\n  Issue(type = c1.type, value="0", valuetype == "boolean");',
    );
    expect(e.message).toContain('Line number: 2, Column number: 45, Error token: ==.');
    expect(e.message).toContain("unexpected '==', expecting one of the following: '='");
  });

  it('a number where a string is expected ([CTRL] example 4: POLICY0029 Unexpected input)', () => {
    const e = error('c1:[type=="x1", value==1] => issue(claim = c1);');
    expect(e.message).toContain('Line number: 1, Column number: 23, Error token: 1.');
    expect(e.message).toContain("Parser error: 'POLICY0029: Unexpected input.'");
  });

  it('a missing => names what could come instead', () => {
    const e = error('c:[Type == "a"] issue(claim = c);');
    expect(e.message).toContain(
      "unexpected 'IDENTIFIER', expecting one of the following: '=>' '&&'",
    );
  });

  it('a missing ; between two rules', () => {
    const e = error('=> issue(type = "a")\n=> issue(type = "b");');
    expect([e.line, e.column]).toEqual([2, 0]);
    expect(e.message).toContain("expecting one of the following: ';'");
  });

  it('an unterminated string', () => {
    const e = error('c:[Type == "http://x] => issue(claim = c);\n');
    expect([e.line, e.column]).toEqual([1, 11]);
  });

  it('typographic quotes pasted from a web page', () => {
    const e = error('c:[Type == \u201Chttp://x\u201D] => issue(claim = c);');
    expect(e.hint).toContain('straight double quotes');
  });

  it('an unknown claim property', () => {
    expect(error('c:[Kind == "a"] => issue(claim = c);').message).toContain(
      "unexpected 'IDENTIFIER', expecting one of the following: 'Type' 'Value' 'Issuer' 'OriginalIssuer' 'ValueType'",
    );
  });

  it('an unknown function', () => {
    expect(
      error('c:[Type == "a"] => issue(Type = "b", Value = toupper(c.Value));').message,
    ).toContain("The function 'toupper' is not part of the claim rule language.");
  });

  it('regexreplace with the wrong number of arguments', () => {
    expect(
      error('c:[Type == "a"] => issue(Type = "b", Value = regexreplace(c.Value, "x"));').message,
    ).toContain('RegexReplace takes 3 arguments, got 2.');
  });

  it('a regular expression that does not compile', () => {
    expect(error('c:[Value =~ "(unclosed"] => issue(claim = c);').message).toContain(
      'The regular expression does not compile',
    );
  });

  it('a property read from a tag no condition has, or from its own selector', () => {
    expect(error('c:[Type == "a"] => issue(Type = "b", Value = d.Value);').message).toContain(
      "POLICY0011: No conditions in the claim rule match the condition tag specified in the expression: 'd'.",
    );
    expect(error('c:[Type == "a", Value == c.Type] => issue(claim = c);').message).toContain(
      "expression: 'c'",
    );
  });

  it('two conditions with one tag', () => {
    expect(error('c:[Type == "a"] && c:[Type == "b"] => issue(claim = c);').message).toContain(
      "The condition tag 'c' is used by two conditions of one rule.",
    );
  });

  it('a new claim without Type, or with a property assigned twice', () => {
    expect(error('=> issue(Value = "x");').message).toContain('A new claim needs its Type.');
    expect(error('=> issue(Type = "a", Type = "b");').message).toContain(
      "The claim property 'Type' is assigned twice.",
    );
  });

  it('a store statement out of order (store, types, query, param)', () => {
    expect(
      error(
        'c:[Type == "a"] => issue(store = "Active Directory", query = ";mail;{0}", param = c.Value);',
      ).message,
    ).toContain("expecting one of the following: 'types'");
  });

  it('a statement other than issue or add', () => {
    expect(error('c:[Type == "a"] => emit(claim = c);').message).toContain(
      "expecting one of the following: 'issue' 'add'",
    );
  });
});
