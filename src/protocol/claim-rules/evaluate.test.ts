// The claims engine's semantics, each from the documented behaviour ([ADFSCRL], [CTRL], [ADFSCFG]).
import { describe, expect, it } from 'vitest';
import { isSimError } from '../../core/errors.ts';
import { AttributeStoreError, formatQuery, type AttributeStore } from './attribute-store.ts';
import { AD_AUTHORITY, LOCAL_AUTHORITY, makeClaim } from './claim.ts';
import { evaluateClaimRules } from './evaluate.ts';
import { parseClaimRules } from './parse.ts';

const run = (text: string, input = INPUT, stores: Record<string, AttributeStore> = {}) =>
  evaluateClaimRules(parseClaimRules(text), input, { stores });

const INPUT = [
  makeClaim('http://test/name', 'Terry', { issuer: AD_AUTHORITY }),
  makeClaim('http://test/group', 'Editors', { issuer: AD_AUTHORITY }),
  makeClaim('http://test/group', 'Readers', { issuer: AD_AUTHORITY }),
];

describe('claims engine', () => {
  it('no rules: no output claims ([CTRL] "Empty Rule Set == No Output Claims")', () => {
    expect(run('').issued).toEqual([]);
  });

  it('a copy keeps the claim as it came, issuer included', () => {
    const out = run('c:[Type == "http://test/name"] => issue(claim = c);').issued;
    expect(out).toEqual([INPUT[0]]);
  });

  it('runs the statement once per matching claim, and once per combination of two selectors', () => {
    expect(
      run(
        'c:[Type == "http://test/group"] => issue(Type = "http://test/role", Value = c.Value);',
      ).issued.map((c) => c.value),
    ).toEqual(['Editors', 'Readers']);
    const pairs = run(
      'a:[Type == "http://test/group"] && b:[Type == "http://test/group"] => issue(Type = "p", Value = a.Value + "/" + b.Value);',
    );
    expect(pairs.issued).toHaveLength(4);
  });

  it('EXISTS runs the statement once however many claims match ([ADFSCRL] "Exists functions")', () => {
    const r = run(
      'exists([Type == "http://test/group"]) => issue(Type = "origin", Value = "Microsoft");',
    );
    expect(r.issued.map((c) => c.value)).toEqual(['Microsoft']);
    expect(
      run('NOT EXISTS([Type == "http://test/group"]) => issue(Type = "x", Value = "y");').issued,
    ).toEqual([]);
    expect(
      run('NOT EXISTS([Type == "http://test/none"]) => issue(Type = "x", Value = "y");').issued,
    ).toHaveLength(1);
  });

  it('add puts a claim where later rules see it, never in the output; issue does both', () => {
    const r = run(
      'c:[Type == "http://test/name", Value == "Terry"] => add(Type = "Role", Value = "Editor");\n' +
        'c:[Type == "Role", Value == "Editor"] => issue(Type = "Greeting", Value = "Hello");\n' +
        'c:[Type == "Greeting"] => issue(Type = "Seen", Value = c.Value);',
    );
    expect(r.issued.map((c) => `${c.type}=${c.value}`)).toEqual(['Greeting=Hello', 'Seen=Hello']);
    expect(r.working.some((c) => c.type === 'Role')).toBe(true);
    expect(r.trace.map((t) => [t.fired, t.added.length, t.issued.length])).toEqual([
      [1, 1, 0],
      [1, 0, 1],
      [1, 0, 1],
    ]);
  });

  it('a rule does not see what it issues itself', () => {
    expect(
      run('c:[Type == "http://test/name"] => issue(Type = "http://test/name", Value = "again");')
        .issued,
    ).toHaveLength(1);
  });

  it('add(claim = c) has no effect ([ADFSCRL] claim copy with add)', () => {
    const r = run('c:[Type == "http://test/name"] => add(claim = c);');
    expect(r.issued).toEqual([]);
    expect(r.working).toHaveLength(INPUT.length);
  });

  it('a new claim has issuer LOCAL AUTHORITY and a string value type unless it says otherwise', () => {
    const [c] = run('=> issue(Type = "t", Value = "v");').issued;
    expect(c).toMatchObject({
      issuer: LOCAL_AUTHORITY,
      originalIssuer: LOCAL_AUTHORITY,
      valueType: 'http://www.w3.org/2001/XMLSchema#string',
    });
    const [d] = run(
      '=> issue(Type = "t", Value = "v", Issuer = "I", OriginalIssuer = "O", ValueType = "vt", Properties["k"] = "p");',
    ).issued;
    expect(d).toMatchObject({
      issuer: 'I',
      originalIssuer: 'O',
      valueType: 'vt',
      properties: { k: 'p' },
    });
  });

  it('value comparisons ignore case ([ADFSCFG]); regular expressions match as written', () => {
    expect(
      run('c:[Type == "HTTP://TEST/NAME", Value == "terry"] => issue(claim = c);').issued,
    ).toHaveLength(1);
    expect(
      run('c:[Type == "http://test/name", Value != "TERRY"] => issue(claim = c);').issued,
    ).toHaveLength(0);
    expect(
      run('c:[Type == "http://test/name", Value =~ "^T"] => issue(claim = c);').issued,
    ).toHaveLength(1);
    expect(
      run('c:[Type == "http://test/name", Value =~ "^t"] => issue(claim = c);').issued,
    ).toHaveLength(0);
    expect(
      run('c:[Type == "http://test/name", Value =~ "(?i)^t"] => issue(claim = c);').issued,
    ).toHaveLength(1);
    expect(
      run('c:[Type == "http://test/group", Value !~ "^Ed"] => issue(claim = c);').issued.map(
        (c) => c.value,
      ),
    ).toEqual(['Readers']);
  });

  it('Issuer, OriginalIssuer and a missing Properties[...] (empty string) are readable', () => {
    expect(
      run(
        'c:[Issuer == "AD AUTHORITY", Type == "http://test/name"] => issue(Type = "i", Value = c.Issuer + "|" + c.OriginalIssuer + "|" + c.Properties["none"]);',
      ).issued[0]?.value,
    ).toBe('AD AUTHORITY|AD AUTHORITY|');
  });

  it('regexreplace with a .NET named group (the manual issuerid rule)', () => {
    const input = [makeClaim('http://schemas.xmlsoap.org/claims/UPN', 'jdoe@fabrikam.com')];
    const r = run(
      'c1:[Type == "http://schemas.xmlsoap.org/claims/UPN"] => issue(Type = "i", Value = regexreplace(c1.Value, ".+@(?<domain>.+)", "http://${domain}/adfs/services/trust/"));',
      input,
    );
    expect(r.issued[0]?.value).toBe('http://fabrikam.com/adfs/services/trust/');
  });

  it('a store statement issues one claim per returned value, per type, with issuer AD AUTHORITY', () => {
    const seen: string[] = [];
    const store: AttributeStore = {
      query: (q, params, columns) => {
        seen.push(`${q}|${params.join(',')}|${columns}`);
        return [['a@x', 'b@x'], ['Terry T']];
      },
    };
    const r = run(
      'c:[Type == "http://test/name"] => issue(store = "Enterprise AD Attribute Store", types = ("http://test/email", "http://test/displayname"), query = ";mail,displayName;{0}", param = c.Value);',
      INPUT,
      { 'enterprise ad attribute store': store },
    );
    expect(seen).toEqual([';mail,displayName;Terry|Terry|2']);
    expect(r.issued.map((c) => `${c.type}=${c.value}@${c.issuer}`)).toEqual([
      'http://test/email=a@x@AD AUTHORITY',
      'http://test/email=b@x@AD AUTHORITY',
      'http://test/displayname=Terry T@AD AUTHORITY',
    ]);
  });

  it('a store that does not exist, or a query it refuses, stops the run with the rule named', () => {
    let e: unknown;
    try {
      run(
        '@RuleName = "q"\nc:[Type == "http://test/name"] => issue(store = "SQL", types = ("t"), query = "x", param = c.Value);',
      );
    } catch (x) {
      e = x;
    }
    expect(isSimError(e, 'ERR_CLAIM_RULES')).toBe(true);
    expect((e as Error).message).toContain('rule 1 "q": the attribute store "SQL" does not exist');
    const refusing: AttributeStore = {
      query: () => {
        throw new AttributeStoreError('bad query');
      },
    };
    expect(() =>
      run(
        'c:[Type == "http://test/name"] => issue(store = "S", types = ("t"), query = "x");',
        INPUT,
        { S: refusing },
      ),
    ).toThrow(/bad query/);
  });

  it('formatQuery replaces {n} as String.Format does', () => {
    expect(formatQuery('samAccountName={0};userPrincipalName;{1}', ['PC$', 'C\\PC$'])).toBe(
      'samAccountName=PC$;userPrincipalName;C\\PC$',
    );
    expect(formatQuery('{{0}}', [])).toBe('{0}');
    expect(() => formatQuery('{2}', ['a'])).toThrow(AttributeStoreError);
  });
});
