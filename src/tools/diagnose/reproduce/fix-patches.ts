/**
 * `hjsim reproduce --fix`: for the causes diagnose names, the change to the reproduced scenario
 * that the cause's fix describes, as a scenario that extends it — the customer's rules with the
 * manual's missing rule added or the leftover rule removed, the reference PingOne mappings, the
 * WS-Trust 1.3 MEX URL — so the engineer can run it and see the join succeed.
 * @see [HJM] (rules and Remarks), [PING] ("Attribute mappings reference", "Federation settings
 *   issue"), src/protocol/causes/causes.ts (the fixes in words)
 */
import { adfsRuleText, issuerIdRules, USER_RULES } from '../../../idp/profiles/adfs-claim-rules.ts';
import { parseClaimRules } from '../../../protocol/claim-rules/parse.ts';

export interface FixPatch {
  readonly causeId: string;
  readonly what: string;
  /** Scenario fields that override the reproduced scenario's. */
  readonly patch: Record<string, unknown>;
  /** Extra rule text to write beside the patch (idp.adfs.issuanceTransformRules names it). */
  readonly rules?: string;
}

export interface FixContext {
  readonly profile: 'adfs' | 'pingone';
  readonly domain: string;
  readonly rules?: string;
  readonly scenario: Record<string, unknown>;
}

const ISSUERID = /identity\/claims\/issuerid/i;
const UPN_SELECTOR = /\[\s*Type\s*==\s*"http:\/\/schemas\.xmlsoap\.org\/claims\/UPN"\s*\]/i;

/** The customer's rules without rules that issue issuerid from the UPN alone (HJM Remarks). */
function withoutLeftover(rules: string): string {
  const set = parseClaimRules(rules);
  return set.rules
    .filter(
      (r) => !(ISSUERID.test(r.text) && UPN_SELECTOR.test(r.text) && !/accounttype/i.test(r.text)),
    )
    .map((r) => r.text)
    .join('\n\n');
}

const REFERENCE_MAPPINGS = [
  {
    name: 'ImmutableID',
    value: '#string.uuidAsBase64Guid(user.externalId,null)',
    nameFormat: 'http://schemas.microsoft.com/LiveID/Federation/2008/05',
  },
  {
    name: 'UPN',
    value: '${user.userPrincipalName}',
    nameFormat: 'http://schemas.xmlsoap.org/claims',
  },
  { name: 'accounttype', value: '"DJ"', nameFormat: 'http://schemas.microsoft.com/ws/2012/01' },
  {
    name: 'onpremobjectguid',
    value: '#string.uuidAsBase64Guid(user.externalId,null)',
    nameFormat: 'http://schemas.microsoft.com/identity/claims',
  },
  {
    name: 'primarysid',
    value: '${user.objectSid}',
    nameFormat: 'http://schemas.microsoft.com/ws/2008/06/identity/claims',
  },
];

const expectFederated = {
  expect: { joined: true, joinType: 'federated', aadsts: [], fallbackAttempted: false },
};

export function fixPatch(causeId: string, c: FixContext): FixPatch | undefined {
  const rulesPatch = (rules: string, what: string): FixPatch => ({
    causeId,
    what,
    rules,
    patch: {
      idp: { adfs: { issuanceTransformRules: `fix-${causeId}.rules.txt` } },
      ...expectFederated,
    },
  });
  if (c.profile === 'adfs' && c.rules !== undefined) {
    if (causeId === 'issuer-not-registered')
      return rulesPatch(
        `${withoutLeftover(c.rules)}\n\n${issuerIdRules(c.domain)}`,
        `remove the UPN-based issuerid rule and add the manual's issuerid rules for ${c.domain} (HJM, Remarks)`,
      );
    if (causeId === 'immutableid-missing')
      return rulesPatch(
        `${USER_RULES}\n${c.rules}`,
        'add Entra Connect\'s "Issue UPN" and "Issue Immutable ID" rules before the customer\'s',
      );
    if (causeId === 'device-claims-not-recognised')
      return rulesPatch(
        adfsRuleText({
          multipleDomains: false,
          issuerIdRules: ISSUERID.test(c.rules) ? 'hybrid-join' : 'none',
          issuerIdDomain: c.domain,
        }),
        "replace the device rules by the manual's (HJM rules 1-3, and 4 where the customer issues issuerid)",
      );
  }
  if (c.profile === 'pingone') {
    if (causeId === 'device-claims-not-recognised')
      return {
        causeId,
        what: "set the Microsoft 365 application's mappings and NameFormats as PING's reference table says",
        patch: { idp: { pingone: { attributeMappings: REFERENCE_MAPPINGS } }, ...expectFederated },
      };
    if (causeId === 'mex-no-windows-auth-endpoint') {
      const tenant = c.scenario['tenant'] as {
        id: string;
        domains: { federation?: Record<string, unknown> }[];
      };
      const domains = tenant.domains.map((d) => ({
        ...d,
        ...(d.federation
          ? {
              federation: {
                ...d.federation,
                metadataExchangeUri: String(d.federation['metadataExchangeUri']).replace(
                  '/wsf/mex/',
                  '/wsf/mex13/',
                ),
              },
            }
          : {}),
      }));
      return {
        causeId,
        what: 'point MetadataExchangeUri at /wsf/mex13/<appId> (PING, "Federation settings issue")',
        patch: { tenant: { id: tenant.id, domains }, ...expectFederated },
      };
    }
  }
  return undefined;
}
