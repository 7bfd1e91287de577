/**
 * The parsed form of a claim rule set: rules with their annotations, conditions (claim selectors
 * and EXISTS / NOT EXISTS) and one issuance statement (`issue` or `add`, copying a claim, building
 * one, or querying an attribute store).
 * @see [ADFSCRL] "Understanding the components of the claim rule language"
 */
import type { SourcePosition } from './syntax-error.ts';

/** A claim property a condition tests or an expression reads. */
export type ClaimProperty =
  | { readonly kind: 'Type' }
  | { readonly kind: 'Value' }
  | { readonly kind: 'Issuer' }
  | { readonly kind: 'OriginalIssuer' }
  | { readonly kind: 'ValueType' }
  | { readonly kind: 'Properties'; readonly name: string };

export type Expr =
  | { readonly kind: 'string'; readonly value: string; readonly pos: SourcePosition }
  | {
      readonly kind: 'property';
      readonly variable: string;
      readonly property: ClaimProperty;
      readonly pos: SourcePosition;
    }
  | {
      readonly kind: 'call';
      /** Lower case: `regexreplace`. */
      readonly name: string;
      readonly args: readonly Expr[];
      readonly pos: SourcePosition;
    }
  | { readonly kind: 'concat'; readonly parts: readonly Expr[]; readonly pos: SourcePosition };

export type Operator = '==' | '!=' | '=~' | '!~';

export interface Match {
  readonly property: ClaimProperty;
  readonly operator: Operator;
  readonly expr: Expr;
  readonly pos: SourcePosition;
}

export type Condition =
  | {
      readonly kind: 'selector';
      /** `c1` in `c1:[…]`; undefined for an unnamed selector. */
      readonly variable: string | undefined;
      readonly matches: readonly Match[];
      readonly pos: SourcePosition;
    }
  | {
      readonly kind: 'exists';
      readonly negated: boolean;
      readonly matches: readonly Match[];
      readonly pos: SourcePosition;
    };

export interface NewClaimParams {
  readonly kind: 'new';
  readonly type: Expr;
  readonly value: Expr | undefined;
  readonly valueType: Expr | undefined;
  readonly issuer: Expr | undefined;
  readonly originalIssuer: Expr | undefined;
  readonly properties: readonly { readonly name: string; readonly expr: Expr }[];
}

export interface CopyParams {
  readonly kind: 'copy';
  readonly variable: string;
  readonly pos: SourcePosition;
}

export interface StoreParams {
  readonly kind: 'store';
  readonly store: string;
  readonly types: readonly string[];
  readonly query: string;
  readonly params: readonly Expr[];
}

export interface Action {
  readonly verb: 'issue' | 'add';
  readonly params: NewClaimParams | CopyParams | StoreParams;
  readonly pos: SourcePosition;
}

export interface Rule {
  /** `@RuleName`, when the rule has one. */
  readonly name: string | undefined;
  /** `@RuleTemplate`, when the rule has one. */
  readonly template: string | undefined;
  readonly conditions: readonly Condition[];
  readonly action: Action;
  readonly pos: SourcePosition;
  /** The rule's own text, annotations included. */
  readonly text: string;
}

export interface RuleSet {
  readonly rules: readonly Rule[];
}
