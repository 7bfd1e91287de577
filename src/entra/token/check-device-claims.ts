/**
 * Device claims: `accounttype` = DJ, `onpremobjectguid` (base64 of the 16 GUID bytes) and
 * `primarysid`, each under its exact claim type (namespace + "/" + name). If any is missing or in
 * the wrong namespace the token is not a device token: Entra treats it as a user's and looks the
 * user up by ImmutableID, which fails with AADSTS51004 for a computer.
 * @see ../shared/seeds/004_cfe8f5bb4b6ae74c.txt (51004 for wrong NameFormats); research §2
 * modeled: when Entra Connect has synced a computer with this SID, the GUID claim must decode to
 * that computer's objectGUID (a big-endian GUID does not) — no public source states the rule.
 */
import { CLAIM, claimType } from '../../protocol/claims/claim-types.ts';
import { base64GuidToUuid } from '../../protocol/encoding/guid.ts';
import { isSid } from '../../protocol/encoding/sid.ts';
import type { Saml11Attribute } from '../../protocol/saml11/types.ts';
import type { TokenCheck } from './token-state.ts';

function valueOf(
  attrs: readonly Saml11Attribute[],
  c: { namespace: string; name: string },
): string | undefined {
  const type = claimType(c.namespace, c.name);
  return attrs.find((a) => claimType(a.namespace, a.name) === type)?.values[0];
}

export const checkDeviceClaims: TokenCheck = (s) => {
  const attrs = s.assertion?.attributes ?? [];
  const tenant = s.ctx.tenant;
  const accountType = valueOf(attrs, CLAIM.accounttype);
  const guidClaim = valueOf(attrs, CLAIM.onpremobjectguid);
  const sid = valueOf(attrs, CLAIM.primarysid);
  const deviceId = guidClaim === undefined ? undefined : base64GuidToUuid(guidClaim);
  const problems: string[] = [];
  if (accountType !== 'DJ')
    problems.push(`accounttype ${accountType === undefined ? 'missing' : `= '${accountType}'`}`);
  if (!deviceId)
    problems.push(`onpremobjectguid ${guidClaim === undefined ? 'missing' : 'not a base64 GUID'}`);
  if (!sid || !isSid(sid))
    problems.push(`primarysid ${sid === undefined ? 'missing' : 'not a SID'}`);
  if (problems.length === 0 && deviceId && sid) {
    const synced = tenant.syncedDevices.find((d) => d.objectSid === sid);
    if (!synced || synced.objectGuid.toLowerCase() === deviceId) {
      s.device = { deviceId, objectGuidClaim: guidClaim!, sid };
      return undefined;
    }
    problems.push(
      `onpremobjectguid decodes to ${deviceId}, the synced computer with SID ${sid} is ${synced.objectGuid}`,
    );
  }
  // Not a device token: the user lookup by ImmutableID follows.
  const immutableId = s.assertion?.nameIdentifier?.value;
  if (immutableId && tenant.users.some((u) => u.immutableId === immutableId)) return undefined;
  const present = attrs.map((a) => claimType(a.namespace, a.name)).join(', ');
  return {
    code: 51004,
    params: { tenant: tenant.id },
    detail: `not a device token (${problems.join('; ')}); claims present: ${present}; no user has ImmutableID ${immutableId ?? '(none)'}`,
  };
};
