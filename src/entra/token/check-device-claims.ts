/**
 * Device claims: `accounttype` = DJ, `onpremobjectguid` (base64 of the 16 GUID bytes) and
 * `primarysid`, each under its exact claim type (SAML 1.1: namespace + "/" + name; SAML 2.0: the
 * Attribute Name). If any is missing or in the wrong namespace the token is not a device token:
 * Entra treats it as a user's and looks the user up by ImmutableID, which fails with AADSTS51004
 * for a computer.
 * @see [PING] (51004 for wrong NameFormats); [HJM] [AADI] [DVRJ] [WIKI]
 * modeled: when Entra Connect has synced a computer with this SID, the GUID claim must decode to
 * that computer's objectGUID (a big-endian GUID does not) — no public source states the rule.
 * modeled: a non-device token that names a UPN (UPN claim, or SAML 2.0 IDPEmail) is a user's
 *   sign-in and goes on to the user lookup (50034, "{EmailHidden}"); one without (a computer whose
 *   device claims were not recognised) ends here with the seed's 51004 ("{EUII Hidden}").
 * modeled: a device claim with two values, or the same device claim type twice, is refused with
 *   50013 (the doc's "invalid assertion"), never "first wins": which value a relying party would
 *   pick is the attacker's choice. No public source shows Entra's code.
 */
import { CLAIM, claimType } from '../../protocol/claims/claim-types.ts';
import {
  deviceClaimType,
  judgeDeviceClaims,
  verdictOf,
  type ClaimVerdict,
} from '../../protocol/claims/device-claims.ts';
import { findUserByImmutableId } from '../tenant.ts';
import type { TokenCheck } from './token-state.ts';
import { claimValue, claimValues, type TokenView } from './token-view.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

const typeOf = (c: { namespace: string; name: string }) => claimType(c.namespace, c.name);

/** Claim types that carry a user's UPN: SAML 1.1 UPN (both PingOne NameFormats), SAML 2.0 IDPEmail. */
export const UPN_CLAIM_TYPES: readonly string[] = [
  typeOf(CLAIM.UPN),
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn',
  'IDPEmail',
];

export function upnOf(view: TokenView): string | undefined {
  for (const t of UPN_CLAIM_TYPES) {
    const v = claimValue(view, t);
    if (v) return v;
  }
  return undefined;
}

const DEVICE_CLAIMS = [CLAIM.accounttype, CLAIM.onpremobjectguid, CLAIM.primarysid] as const;

/** How mock Entra's transcript names a claim that makes the token no device token. */
function problemText(v: ClaimVerdict): string | undefined {
  if (v.status === 'ok') return undefined;
  if (v.status === 'missing') return `${v.claim} missing`;
  switch (v.problem) {
    case 'not-domain-joined':
      return `accounttype = '${v.value}'`;
    case 'not-a-guid':
      return 'onpremobjectguid not a base64 GUID';
    case 'not-a-sid':
      return 'primarysid not a SID';
    default:
      return undefined;
  }
}

export const checkDeviceClaims: TokenCheck = (s) => {
  const view = s.token!;
  const tenant = s.ctx.tenant;
  for (const c of DEVICE_CLAIMS) {
    const n = claimValues(view, typeOf(c)).length;
    if (n > 1)
      return {
        code: AADSTS.InvalidAssertion,
        params: { detail: `The claim '${c.name}' has ${n} values; a device claim has one.` },
        detail: `device claim ${c.name} has ${n} values (never "first wins")`,
      };
  }
  // Entra finds the synced computer by the SID claim; its objectGUID is what the GUID claim must be.
  const sidClaim = claimValue(view, deviceClaimType('primarysid'));
  const synced = tenant.syncedDevices.find((d) => d.objectSid === sidClaim);
  const verdict = judgeDeviceClaims(view.claims, synced ? { objectGuid: synced.objectGuid } : {});
  const problems = verdict.claims.flatMap((v) => problemText(v) ?? []);
  const guid = verdictOf(verdict, 'onpremobjectguid');
  if (verdict.isDeviceToken && guid.status === 'ok' && sidClaim !== undefined) {
    s.device = { deviceId: guid.guid!, objectGuidClaim: guid.value, sid: sidClaim };
    return undefined;
  }
  if (problems.length === 0 && guid.status === 'wrong-value') {
    problems.push(
      `onpremobjectguid decodes to ${guid.guid}, the synced computer with SID ${sidClaim} is ${synced?.objectGuid}`,
    );
  }
  // Not a device token: the user lookup by ImmutableID follows.
  const immutableId = view.subject?.value;
  if (immutableId && findUserByImmutableId(tenant, immutableId)) return undefined;
  if (upnOf(view) !== undefined) return undefined;
  const present = view.claims.map((c) => c.type).join(', ');
  return {
    code: AADSTS.UserAccountNotInDirectory,
    params: { tenant: tenant.id },
    detail: `not a device token (${problems.join('; ')}); claims present: ${present}; no user has ImmutableID ${immutableId ?? '(none)'}`,
  };
};
