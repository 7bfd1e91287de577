/**
 * Runs a parsed rule set over the input claims, the way the AD FS claims engine does: rules in
 * order; each rule matches its conditions against the claims present when it starts (the input
 * claims plus what earlier rules issued or added); its statement runs once per combination of
 * matching claims (once, when it has only EXISTS conditions); `issue` puts the claim into the
 * output and back into the working set, `add` into the working set only. Every run is traced, so
 * a tool can say which rule issued what and which did not fire.
 * @see [ADFSCRL] "Issuance statements", "Exists functions", "Rule body" (once per match)
 * @see [CTRL] "Runtime operation" (input, working and output claim sets; rules in order)
 * @see [ADFSCFG] "Regarding the comparison of claims values, AD FS 2.0 is not case sensitive."
 * modeled: `add(claim = c)` does nothing ([ADFSCRL]: a copy "only makes sense" with issue); a
 *   claim built by a rule has the issuer LOCAL AUTHORITY unless it names one; store claims carry
 *   AD AUTHORITY; a failing store query or replacement stops the run with ERR_CLAIM_RULES.
 */
import { SimError } from '../../core/errors.ts';
import type { Action, ClaimProperty, Condition, Expr, Match, Rule, RuleSet } from './ast.ts';
import { AttributeStoreError, formatQuery, type AttributeStore } from './attribute-store.ts';
import { AD_AUTHORITY, LOCAL_AUTHORITY, makeClaim, XS_STRING, type Claim } from './claim.ts';
import { dotnetRegex, regexReplace } from './dotnet-regex.ts';

export interface RuleTrace {
  readonly name: string;
  /** 1-based position in the rule set. */
  readonly index: number;
  /** How many times the statement ran (0: its conditions did not hold). */
  readonly fired: number;
  readonly issued: readonly Claim[];
  readonly added: readonly Claim[];
}

export interface RuleRun {
  /** The output claim set, in issuance order. */
  readonly issued: readonly Claim[];
  /** The working set at the end (input + issued + added). */
  readonly working: readonly Claim[];
  readonly trace: readonly RuleTrace[];
}

export interface EvaluateOptions {
  /** Attribute stores by name (case-insensitive), e.g. `Active Directory`. */
  readonly stores?: Readonly<Record<string, AttributeStore>>;
}

type Bindings = ReadonlyMap<string, Claim>;

function read(claim: Claim, p: ClaimProperty): string {
  switch (p.kind) {
    case 'Type':
      return claim.type;
    case 'Value':
      return claim.value;
    case 'Issuer':
      return claim.issuer;
    case 'OriginalIssuer':
      return claim.originalIssuer;
    case 'ValueType':
      return claim.valueType;
    case 'Properties':
      // "This property returns an empty string if the property name cannot be found" [ADFSCRL]
      return claim.properties[p.name] ?? '';
  }
}

function runtimeError(rule: Rule, index: number, message: string, cause?: unknown): SimError {
  return new SimError(
    'ERR_CLAIM_RULES',
    `rule ${index}${rule.name ? ` "${rule.name}"` : ''}: ${message}`,
    {
      where: `line ${rule.pos.line}`,
      hint: 'fix the rule (its store query or regular expression)',
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

function evalExpr(e: Expr, b: Bindings): string {
  switch (e.kind) {
    case 'string':
      return e.value;
    case 'property':
      return read(b.get(e.variable) as Claim, e.property);
    case 'concat':
      return e.parts.map((p) => evalExpr(p, b)).join('');
    case 'call': {
      const [input, pattern, replacement] = e.args.map((a) => evalExpr(a, b)) as [
        string,
        string,
        string,
      ];
      return regexReplace(input, pattern, replacement);
    }
  }
}

function holds(m: Match, claim: Claim, b: Bindings): boolean {
  const actual = read(claim, m.property);
  const wanted = evalExpr(m.expr, b);
  switch (m.operator) {
    case '==':
      return actual.toLowerCase() === wanted.toLowerCase();
    case '!=':
      return actual.toLowerCase() !== wanted.toLowerCase();
    case '=~':
      return dotnetRegex(wanted).test(actual);
    case '!~':
      return !dotnetRegex(wanted).test(actual);
  }
}

const matchesAll = (ms: readonly Match[], claim: Claim, b: Bindings) =>
  ms.every((m) => holds(m, claim, b));

/** Every binding of the rule's selectors to claims of the working set that meets all conditions. */
function tuples(conditions: readonly Condition[], working: readonly Claim[]): Bindings[] {
  let out: Map<string, Claim>[] = [new Map()];
  let anonymous = 0;
  for (const c of conditions) {
    if (c.kind === 'exists') {
      out = out.filter(
        (b) => working.some((claim) => matchesAll(c.matches, claim, b)) !== c.negated,
      );
      continue;
    }
    const name = c.variable ?? `#${(anonymous += 1)}`;
    const next: Map<string, Claim>[] = [];
    for (const b of out) {
      for (const claim of working) {
        if (matchesAll(c.matches, claim, b)) next.push(new Map(b).set(name, claim));
      }
    }
    out = next;
  }
  return out;
}

function newClaims(
  action: Action,
  b: Bindings,
  stores: Readonly<Record<string, AttributeStore>>,
): Claim[] {
  const p = action.params;
  if (p.kind === 'copy') return [b.get(p.variable) as Claim];
  if (p.kind === 'new') {
    const issuer = p.issuer ? evalExpr(p.issuer, b) : LOCAL_AUTHORITY;
    const properties: Record<string, string> = {};
    for (const prop of p.properties) properties[prop.name] = evalExpr(prop.expr, b);
    return [
      makeClaim(evalExpr(p.type, b), p.value ? evalExpr(p.value, b) : '', {
        issuer,
        originalIssuer: p.originalIssuer ? evalExpr(p.originalIssuer, b) : issuer,
        valueType: p.valueType ? evalExpr(p.valueType, b) : XS_STRING,
        properties,
      }),
    ];
  }
  const store = Object.entries(stores).find(
    ([n]) => n.toLowerCase() === p.store.toLowerCase(),
  )?.[1];
  if (store === undefined) {
    throw new AttributeStoreError(
      `the attribute store "${p.store}" does not exist (stores: ${Object.keys(stores).join(', ') || 'none'})`,
    );
  }
  const params = p.params.map((e) => evalExpr(e, b));
  const columns = store.query(formatQuery(p.query, params), params, p.types.length);
  const out: Claim[] = [];
  p.types.forEach((type, i) => {
    for (const value of columns[i] ?? [])
      out.push(makeClaim(type, value, { issuer: AD_AUTHORITY }));
  });
  return out;
}

/** Runs `set` over `input`; throws SimError ERR_CLAIM_RULES when a rule cannot run. */
export function evaluateClaimRules(
  set: RuleSet,
  input: readonly Claim[],
  options: EvaluateOptions = {},
): RuleRun {
  const working: Claim[] = [...input];
  const issued: Claim[] = [];
  const trace: RuleTrace[] = [];
  set.rules.forEach((rule, i) => {
    const index = i + 1;
    const matches = tuples(rule.conditions, working);
    const selectors = rule.conditions.some((c) => c.kind === 'selector');
    const runs = selectors ? matches : matches.slice(0, 1);
    const ruleIssued: Claim[] = [];
    const ruleAdded: Claim[] = [];
    for (const b of runs) {
      let claims: Claim[];
      try {
        claims = newClaims(rule.action, b, options.stores ?? {});
      } catch (e) {
        if (e instanceof SimError) throw e;
        throw runtimeError(rule, index, (e as Error).message, e);
      }
      if (rule.action.verb === 'issue') {
        ruleIssued.push(...claims);
      } else if (rule.action.params.kind !== 'copy') {
        ruleAdded.push(...claims);
      }
    }
    // What a rule issues or adds is visible from the next rule on, not to itself.
    working.push(...ruleIssued, ...ruleAdded);
    issued.push(...ruleIssued);
    trace.push({
      name: rule.name ?? `rule ${index}`,
      index,
      fired: runs.length,
      issued: ruleIssued,
      added: ruleAdded,
    });
  });
  return { issued, working, trace };
}
