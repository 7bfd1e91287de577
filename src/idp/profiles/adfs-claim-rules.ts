/**
 * The issuance transform rules of AD FS's "Microsoft Office 365 Identity Platform" relying-party
 * trust, as rule text run by the claim rule engine (src/protocol/claim-rules): the built-in text is
 * what Entra Connect and the hybrid join manual put there, or the scenario's own rules
 * (`idp.adfs.issuanceTransformRules`, e.g. a customer's `(Get-AdfsRelyingPartyTrust …)
 * .IssuanceTransformRules`). Input claims are what Windows authentication gives AD FS; the
 * "Active Directory" store answers from the IdP's directory accounts.
 * @see [HJM] "Set up issuance of claims" (rules 1–4 verbatim, helper script, Remarks: the
 *   leftover UPN-based issuerid rule)
 * @see [QA66688] the "Issue UPN" rule as Entra Connect writes it; [ADCFED] the rule names and order
 *   (… Pass through primary SID, Pass through claim - insideCorporateNetwork …)
 * @see [ADFSSSO] the InsideCorporateNetwork pass-through rule; [AADIBLOG] the captured device token
 *   (UPN, ImmutableID, accounttype, onpremobjectguid, primarysid, insidecorporatenetwork with
 *   OriginalIssuer "CLIENT CONTEXT"; no issuerid attribute)
 * modeled: "Issue Immutable ID" reads objectGUID by samAccountName (the pre-consistency-guid
 *   Entra Connect rule; computers get their objectGUID, as in [AADIBLOG]); input claims carry the
 *   issuer AD AUTHORITY; `insidecorporatenetwork` is true for Windows authentication and false for
 *   a password (an extranet usernamemixed sign-in).
 */
import { uuidAsBase64Guid } from '../../protocol/encoding/guid.ts';
import type { Provenance } from '../../core/provenance.ts';
import {
  activeDirectoryStore,
  type AdAccount,
} from '../../protocol/claim-rules/active-directory-store.ts';
import type { RuleSet } from '../../protocol/claim-rules/ast.ts';
import {
  AD_AUTHORITY,
  CLIENT_CONTEXT,
  LOCAL_AUTHORITY,
  makeClaim,
  type Claim,
} from '../../protocol/claim-rules/claim.ts';
import { evaluateClaimRules, type RuleRun } from '../../protocol/claim-rules/evaluate.ts';
import { parseClaimRules } from '../../protocol/claim-rules/parse.ts';
import { CLAIM, claimType } from '../../protocol/claims/claim-types.ts';
import type { AdfsOptions, ClaimRule, ClaimValueSource, IdpConfig } from '../idp-config.ts';
import type { AuthenticationKind, Principal } from '../principal.ts';

export const ADFS_RULES_PROVENANCE: Provenance = {
  source: 'HJM "Set up issuance of claims"; QA66688 Issue UPN; ADCFED rule order; ADFSSSO',
};

const T = {
  groupsid: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groupsid',
  primarysid: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/primarysid',
  windowsaccountname: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname',
  name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
  upn: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn',
  insidecorporatenetwork: 'http://schemas.microsoft.com/ws/2012/01/insidecorporatenetwork',
} as const;

const DOMAIN_COMPUTER =
  '[\n   Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/groupsid",\n   Value =~ "-515$",\n   Issuer =~ "^(AD AUTHORITY|SELF AUTHORITY|LOCAL AUTHORITY)$"\n]';
const WINDOWS_ACCOUNT =
  '[\n   Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname",\n   Issuer =~ "^(AD AUTHORITY|SELF AUTHORITY|LOCAL AUTHORITY)$"\n]';

/** Entra Connect's user rules: UPN and ImmutableID from AD by samAccountName. */
export const USER_RULES = `@RuleName = "Issue UPN"
c:[Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname"]
 => issue(store = "Active Directory", types = ("http://schemas.xmlsoap.org/claims/UPN"), query = "samAccountName={0};userPrincipalName;{1}", param = regexreplace(c.Value, "(?<domain>[^\\\\]+)\\\\(?<user>.+)", "\${user}"), param = c.Value);

@RuleName = "Issue Immutable ID"
c:[Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname"]
 => issue(store = "Active Directory", types = ("http://schemas.microsoft.com/LiveID/Federation/2008/05/ImmutableID"), query = "samAccountName={0};objectGUID;{1}", param = regexreplace(c.Value, "(?<domain>[^\\\\]+)\\\\(?<user>.+)", "\${user}"), param = c.Value);
`;

/** The manual's rules 1–3 (accounttype, onpremobjectguid, primarysid), verbatim. */
const DEVICE_RULES = `@RuleName = "Issue account type for domain-joined computers"
c:${DOMAIN_COMPUTER}
=> issue(
   Type = "http://schemas.microsoft.com/ws/2012/01/accounttype",
   Value = "DJ"
);

@RuleName = "Issue object GUID for domain-joined computers"
c1:${DOMAIN_COMPUTER}
&&
c2:${WINDOWS_ACCOUNT}
=> issue(
   store = "Active Directory",
   types = ("http://schemas.microsoft.com/identity/claims/onpremobjectguid"),
   query = ";objectguid;{0}",
   param = c2.Value
);

@RuleName = "Issue objectSID for domain-joined computers"
c1:${DOMAIN_COMPUTER}
&&
c2:[
   Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/primarysid",
   Issuer =~ "^(AD AUTHORITY|SELF AUTHORITY|LOCAL AUTHORITY)$"
]
=> issue(claim = c2);
`;

/** The manual's rule 4 (with more than one verified domain), for one verified domain. */
export const issuerIdRules = (
  domain: string,
) => `@RuleName = "Issue account type with the value User when it is not a computer"
NOT EXISTS(
[
   Type == "http://schemas.microsoft.com/ws/2012/01/accounttype",
   Value == "DJ"
]
)
=> add(
   Type = "http://schemas.microsoft.com/ws/2012/01/accounttype",
   Value = "User"
);

@RuleName = "Capture UPN when AccountType is User and issue the IssuerID"
c1:[
   Type == "http://schemas.xmlsoap.org/claims/UPN"
]
&&
c2:[
   Type == "http://schemas.microsoft.com/ws/2012/01/accounttype",
   Value == "User"
]
=> issue(
   Type = "http://schemas.microsoft.com/ws/2008/06/identity/claims/issuerid",
   Value = regexreplace(
   c1.Value,
   ".+@(?<domain>.+)",
   "http://\${domain}/adfs/services/trust/"
   )
);

@RuleName = "Issue issuerID for domain-joined computers"
c:${DOMAIN_COMPUTER}
=> issue(
   Type = "http://schemas.microsoft.com/ws/2008/06/identity/claims/issuerid",
   Value = "http://${domain}/adfs/services/trust/"
);
`;

/** The rule the manual's Remarks say to remove (Entra Connect or an older setup wrote it). */
export const LEFTOVER_ISSUERID_RULE = `c:[Type == "http://schemas.xmlsoap.org/claims/UPN"]
=> issue(Type = "http://schemas.microsoft.com/ws/2008/06/identity/claims/issuerid", Value = regexreplace(c.Value, ".+@(?<domain>.+)",  "http://\${domain}/adfs/services/trust/"));
`;

const PASS_THROUGH = `@RuleTemplate = "PassThroughClaims"
@RuleName = "Pass through claim - InsideCorporateNetwork"
c:[Type == "http://schemas.microsoft.com/ws/2012/01/insidecorporatenetwork"]
=> issue(claim = c);
`;

/** The RP trust's IssuanceTransformRules for the scenario's options (unless it brings its own). */
export function adfsRuleText(options: AdfsOptions): string {
  if (options.issuanceTransformRules !== undefined) return options.issuanceTransformRules;
  const issuerId =
    options.issuerIdRules === 'hybrid-join'
      ? issuerIdRules(options.issuerIdDomain)
      : options.issuerIdRules === 'upn-leftover'
        ? LEFTOVER_ISSUERID_RULE
        : '';
  return [USER_RULES, DEVICE_RULES, issuerId, PASS_THROUGH].filter((t) => t !== '').join('\n');
}

const parsed = new Map<string, RuleSet>();

/** Parses (once per text) — throws ClaimRuleSyntaxError for text AD FS would refuse. */
export function adfsRuleSet(options: AdfsOptions): RuleSet {
  const text = adfsRuleText(options);
  let set = parsed.get(text);
  if (set === undefined) {
    set = parseClaimRules(text);
    parsed.set(text, set);
  }
  return set;
}

export type AdfsSite = Pick<IdpConfig, 'adfs' | 'domain'> &
  Partial<Pick<IdpConfig, 'directory' | 'users'>>;

function netbiosOf(site: AdfsSite): string {
  return (
    site.directory?.find((c) => c.netbiosDomain !== undefined)?.netbiosDomain ??
    (site.domain.split('.')[0] ?? site.domain).toUpperCase()
  );
}

/** The directory accounts the "Active Directory" store reads: the IdP's computers and users. */
export function adAccounts(site: AdfsSite, principal: Principal): AdAccount[] {
  const netbios = netbiosOf(site);
  // The authenticated computer's own domain is the one its ticket named (DOMAIN\NAME$).
  const ownDomain =
    principal.kind === 'computer' ? principal.windowsAccountName.split('\\')[0] : undefined;
  const isSelf = (name: string) =>
    principal.kind === 'computer' && principal.computer.name === name;
  const computers: AdAccount[] = (site.directory ?? []).map((c) => ({
    samAccountName: `${c.name}$`,
    netbiosDomain: c.netbiosDomain ?? (isSelf(c.name) ? ownDomain : undefined) ?? netbios,
    dnsDomain: c.dnsDomain ?? site.domain,
    objectGuid: c.objectGuid,
    objectSid: c.objectSid,
    userPrincipalName: c.userPrincipalName,
    groupSids:
      principal.kind === 'computer' && principal.computer.name === c.name
        ? principal.groupSids
        : undefined,
  }));
  const users: AdAccount[] = (site.users ?? []).map((u) => ({
    samAccountName: u.upn.split('@')[0] ?? u.upn,
    netbiosDomain: netbios,
    dnsDomain: site.domain,
    objectGuid: u.objectGuid,
    objectSid: u.objectSid,
    userPrincipalName: u.upn,
  }));
  // The authenticated principal is always in its directory (tests build bare principals).
  if (
    principal.kind === 'computer' &&
    !computers.some((c) => c.samAccountName === `${principal.computer.name}$`)
  ) {
    const [dom] = principal.windowsAccountName.split('\\');
    computers.push({
      samAccountName: `${principal.computer.name}$`,
      netbiosDomain: dom ?? netbios,
      dnsDomain: site.domain,
      objectGuid: principal.computer.objectGuid,
      objectSid: principal.computer.objectSid,
      userPrincipalName: principal.computer.userPrincipalName,
      groupSids: principal.groupSids,
    });
  }
  if (principal.kind === 'user' && !users.some((u) => u.userPrincipalName === principal.user.upn)) {
    users.push({
      samAccountName: principal.user.upn.split('@')[0] ?? principal.user.upn,
      netbiosDomain: netbios,
      dnsDomain: site.domain,
      objectGuid: principal.user.objectGuid,
      userPrincipalName: principal.user.upn,
    });
  }
  return [...computers, ...users];
}

/** What Windows authentication (or a password sign-in) gives the claims engine to start from. */
export function adfsInputClaims(
  principal: Principal,
  site: AdfsSite,
  how: AuthenticationKind,
): Claim[] {
  const ad = (type: string, value: string) => makeClaim(type, value, { issuer: AD_AUTHORITY });
  const inside = makeClaim(T.insidecorporatenetwork, how === 'windows' ? 'true' : 'false', {
    issuer: CLIENT_CONTEXT,
    valueType: 'http://www.w3.org/2001/XMLSchema#boolean',
  });
  if (principal.kind === 'computer') {
    return [
      ad(T.windowsaccountname, principal.windowsAccountName),
      ad(T.name, principal.windowsAccountName),
      ad(T.primarysid, principal.computer.objectSid),
      ...principal.groupSids.map((g) => ad(T.groupsid, g)),
      inside,
    ];
  }
  const account = `${netbiosOf(site)}\\${principal.user.upn.split('@')[0] ?? principal.user.upn}`;
  return [
    ad(T.windowsaccountname, account),
    ad(T.name, account),
    ad(T.upn, principal.user.upn),
    ...(principal.user.objectSid === undefined ? [] : [ad(T.primarysid, principal.user.objectSid)]),
    inside,
  ];
}

const KNOWN = Object.entries(CLAIM).map(([key, c]) => ({
  key,
  type: claimType(c.namespace, c.name),
  ...c,
}));
const ISSUERS_NOT_WRITTEN = new Set([LOCAL_AUTHORITY, AD_AUTHORITY, 'SELF AUTHORITY']);

/** An issued claim as the IdP's ClaimRule (GUIDs keep their source so overrides can re-encode). */
function toClaimRule(c: Claim, principal: Principal): ClaimRule {
  const known = KNOWN.find((k) => k.type.toLowerCase() === c.type.toLowerCase());
  const slash = c.type.lastIndexOf('/');
  const namespace = known?.namespace ?? (slash > 0 ? c.type.slice(0, slash) : c.type);
  const name = known?.name ?? (slash > 0 ? c.type.slice(slash + 1) : c.type);
  const key = known?.key ?? name;
  const guid =
    principal.kind === 'computer' ? principal.computer.objectGuid : principal.user.objectGuid;
  let value: ClaimValueSource = { kind: 'literal', value: c.value };
  if (guid !== undefined && c.value === uuidAsBase64Guid(guid)) {
    if (key === 'onpremobjectguid') value = { kind: 'objectGuid', encoding: 'uuidAsBase64Guid' };
    if (key === 'ImmutableID') value = { kind: 'immutableId', encoding: 'uuidAsBase64Guid' };
  }
  return {
    key,
    namespace,
    name,
    value,
    ...(ISSUERS_NOT_WRITTEN.has(c.originalIssuer) ? {} : { originalIssuer: c.originalIssuer }),
  };
}

/** Runs the RP trust's rules for one principal; the run with its per-rule trace. */
export function runAdfsRuleSet(
  principal: Principal,
  site: AdfsSite,
  how: AuthenticationKind = 'windows',
): RuleRun {
  return evaluateClaimRules(adfsRuleSet(site.adfs), adfsInputClaims(principal, site, how), {
    stores: { 'Active Directory': activeDirectoryStore(adAccounts(site, principal)) },
  });
}

/** The claims the RP trust issues for one principal, in issuance order. */
export function runAdfsRules(
  principal: Principal,
  site: AdfsSite,
  how: AuthenticationKind = 'windows',
): ClaimRule[] {
  return runAdfsRuleSet(principal, site, how).issued.map((c) => toClaimRule(c, principal));
}
