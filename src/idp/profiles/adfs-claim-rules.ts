/**
 * The issuance transform rules of AD FS's "Microsoft Office 365 Identity Platform" relying-party
 * trust, as a table of named rules run in order over a claim pipeline: what each issues (into the
 * token) or adds (for later rules only) for a computer or a user. The table is the policy; the
 * scenario chooses which issuerid rules it contains.
 * @see [HJM] [AADI] [DVRJ] [WIKI] (rules verbatim from hybrid-join-manual.md, incl. the
 *   leftover UPN-based issuerid rule its Remarks tell admins to remove)
 * modeled: "Query UPN and ImmutableID for users" stands for the RP's default user rules (Entra
 *   Connect's sourceAnchor mS-DS-ConsistencyGuid, which computers lack — hence the manual's
 *   "Issue ImmutableID for computers"); every input claim is issued by AD AUTHORITY.
 */
import type { Provenance } from '../../core/provenance.ts';
import { CLAIM, claimType } from '../../protocol/claims/claim-types.ts';
import type { AdfsOptions, ClaimRule, ClaimValueSource } from '../idp-config.ts';
import type { Principal } from '../principal.ts';
import { resolveClaimValue } from '../claims/resolve-claims.ts';

const HJM: Provenance = {
  source:
    'MicrosoftDocs/entra-docs hybrid-join-manual.md "Set up issuance of claims" (HJM, AADI, DVRJ, WIKI)',
};
const DOMAIN_COMPUTERS = /-515$/;

/** A claim in the rule engine's pipeline (issued or added). */
interface PipelineClaim {
  readonly type: string;
  readonly value: string;
}

interface RuleState {
  readonly principal: Principal;
  readonly options: AdfsOptions;
  readonly pipeline: PipelineClaim[];
  readonly issued: ClaimRule[];
}

export interface AdfsRule {
  /** The rule's `@RuleName`. */
  readonly name: string;
  readonly provenance: Provenance;
  run(s: RuleState): void;
}

type Known = keyof typeof CLAIM;

function typeOf(key: Known): string {
  return claimType(CLAIM[key].namespace, CLAIM[key].name);
}

function has(s: RuleState, key: Known, value?: string): boolean {
  const type = typeOf(key);
  return s.pipeline.some((c) => c.type === type && (value === undefined || c.value === value));
}

function isDomainComputer(s: RuleState): boolean {
  return (
    s.principal.kind === 'computer' && s.principal.groupSids.some((g) => DOMAIN_COMPUTERS.test(g))
  );
}

/** `issue(...)`: into the token and the pipeline; nothing when the source has no value. */
function issue(s: RuleState, key: Known, source: ClaimValueSource): void {
  const value = resolveClaimValue(source, s.principal);
  if (value === undefined) return;
  s.pipeline.push({ type: typeOf(key), value });
  s.issued.push({ key, ...CLAIM[key], value: source });
}

/** `add(...)`: visible to later rules, never issued. */
function add(s: RuleState, key: Known, value: string): void {
  s.pipeline.push({ type: typeOf(key), value });
}

const guid: ClaimValueSource = { kind: 'objectGuid', encoding: 'uuidAsBase64Guid' };
const immutableId: ClaimValueSource = { kind: 'immutableId', encoding: 'uuidAsBase64Guid' };

const USER_RULES: AdfsRule = {
  name: 'Query UPN and ImmutableID for users',
  provenance: { modeled: 'the RP default rules reduced to the two claims Entra reads for users' },
  run: (s) => {
    if (s.principal.kind !== 'user') return;
    issue(s, 'UPN', { kind: 'upn' });
    issue(s, 'ImmutableID', immutableId);
  },
};

const ACCOUNT_TYPE_DJ: AdfsRule = {
  name: 'Issue account type for domain-joined computers',
  provenance: HJM,
  run: (s) => {
    if (isDomainComputer(s)) issue(s, 'accounttype', { kind: 'literal', value: 'DJ' });
  },
};

const OBJECT_GUID: AdfsRule = {
  name: 'Issue object GUID for domain-joined computers',
  provenance: HJM,
  run: (s) => {
    if (isDomainComputer(s)) issue(s, 'onpremobjectguid', guid);
  },
};

const OBJECT_SID: AdfsRule = {
  name: 'Issue objectSID for domain-joined computers',
  provenance: HJM,
  run: (s) => {
    if (isDomainComputer(s)) issue(s, 'primarysid', { kind: 'objectSid' });
  },
};

const ACCOUNT_TYPE_USER: AdfsRule = {
  name: 'Issue account type with the value User when its not a computer',
  provenance: HJM,
  run: (s) => {
    if (!has(s, 'accounttype', 'DJ')) add(s, 'accounttype', 'User');
  },
};

const ISSUER_ID_USERS: AdfsRule = {
  name: 'Capture UPN when AccountType is User and issue the IssuerID',
  provenance: HJM,
  run: (s) => {
    if (has(s, 'UPN') && has(s, 'accounttype', 'User')) {
      issue(s, 'issuerid', { kind: 'issuerIdFromUpn' });
    }
  },
};

const ISSUER_ID_COMPUTERS: AdfsRule = {
  name: 'Issue issuerID for domain-joined computers',
  provenance: HJM,
  run: (s) => {
    if (isDomainComputer(s)) {
      issue(s, 'issuerid', { kind: 'issuerId', domain: s.options.issuerIdDomain });
    }
  },
};

/** The rule the manual's Remarks say to remove: it needs a UPN, which computers do not have. */
const ISSUER_ID_LEFTOVER: AdfsRule = {
  name: 'Issue issuerid from the UPN (leftover multi-domain rule)',
  provenance: HJM,
  run: (s) => {
    if (has(s, 'UPN')) issue(s, 'issuerid', { kind: 'issuerIdFromUpn' });
  },
};

const IMMUTABLE_ID_COMPUTERS: AdfsRule = {
  name: 'Issue ImmutableID for computers',
  provenance: HJM,
  run: (s) => {
    if (isDomainComputer(s)) issue(s, 'ImmutableID', immutableId);
  },
};

/** The RP trust's rule set for the scenario's options, in order. */
export function adfsRuleSet(options: AdfsOptions): AdfsRule[] {
  const issuerId =
    options.issuerIdRules === 'hybrid-join'
      ? [ACCOUNT_TYPE_USER, ISSUER_ID_USERS, ISSUER_ID_COMPUTERS]
      : options.issuerIdRules === 'upn-leftover'
        ? [ISSUER_ID_LEFTOVER]
        : [];
  return [
    USER_RULES,
    ACCOUNT_TYPE_DJ,
    OBJECT_GUID,
    OBJECT_SID,
    ...issuerId,
    IMMUTABLE_ID_COMPUTERS,
  ];
}

/** Runs the rule set for one principal; returns what it issued, in issuance order. */
export function runAdfsRules(principal: Principal, options: AdfsOptions): ClaimRule[] {
  const s: RuleState = { principal, options, pipeline: [], issued: [] };
  for (const rule of adfsRuleSet(options)) rule.run(s);
  return s.issued;
}
