/**
 * Checks each claim of an assertion the way mock Entra reads it: the claim type is exactly
 * `namespace + "/" + name` (`claimType`), so a known claim name under another namespace is
 * invisible to Entra ("wrong namespace"), and a device claim nobody sent is missing.
 * @see src/entra/token/check-device-claims.ts (the rule this mirrors); [PING]
 */
import { ACCOUNTTYPE_DOMAIN_JOINED, CLAIM, claimType } from '../../protocol/claims/claim-types.ts';
import { base64GuidToUuid, uuidAsBase64BigEndian } from '../../protocol/encoding/guid.ts';
import { isSid } from '../../protocol/encoding/sid.ts';
import type { Saml11Attribute } from '../../protocol/saml11/types.ts';
import type { ClaimCheck } from './api-types.ts';

/** The claims a device token must carry, each under its exact claim type. */
export const DEVICE_CLAIMS = ['accounttype', 'onpremobjectguid', 'primarysid'] as const;

/** What the trainer knows of the scenario's computer, to check GUID-valued claims against. */
export interface DeviceHint {
  readonly objectGuid: string;
}

const KNOWN = Object.values(CLAIM);

function valueProblem(
  name: string,
  value: string | undefined,
  device?: DeviceHint,
): string | undefined {
  if (value === undefined) return 'no value';
  switch (name) {
    case 'accounttype':
      return value === ACCOUNTTYPE_DOMAIN_JOINED ? undefined : `'${value}' is not 'DJ'`;
    case 'onpremobjectguid': {
      const guid = base64GuidToUuid(value);
      if (!guid) return 'not the base64 of a GUID';
      if (!device || guid === device.objectGuid.toLowerCase()) return undefined;
      // Entra compares it with the synced computer's objectGUID (check-device-claims.ts).
      return value === uuidAsBase64BigEndian(device.objectGuid)
        ? `built from the big-endian GUID bytes: decodes to ${guid}, the computer is ${device.objectGuid} (use uuidAsBase64Guid)`
        : `decodes to ${guid}, the computer's objectGUID is ${device.objectGuid}`;
    }
    case 'primarysid':
      return isSid(value) ? undefined : 'not a SID';
    default:
      return undefined;
  }
}

export function checkClaims(
  attributes: readonly Saml11Attribute[],
  device?: DeviceHint,
): ClaimCheck[] {
  const out: ClaimCheck[] = [];
  for (const a of attributes) {
    const type = claimType(a.namespace, a.name);
    const exact = KNOWN.find((c) => claimType(c.namespace, c.name) === type);
    const base = { name: a.name, namespace: a.namespace, claimType: type, values: a.values };
    if (exact) {
      const problem = valueProblem(a.name, a.values[0], device);
      out.push(
        problem
          ? { ...base, status: 'wrong-value', expected: type, note: problem }
          : { ...base, status: 'ok', expected: type },
      );
      continue;
    }
    const sameName = KNOWN.find((c) => c.name === a.name);
    if (sameName) {
      const expected = claimType(sameName.namespace, sameName.name);
      out.push({
        ...base,
        status: 'wrong-namespace',
        expected,
        note: `Entra reads ${expected}; under ${a.namespace} it does not see this claim`,
      });
      continue;
    }
    out.push({ ...base, status: 'other' });
  }
  for (const name of DEVICE_CLAIMS) {
    const c = CLAIM[name];
    const expected = claimType(c.namespace, c.name);
    if (out.some((x) => x.claimType === expected || x.name === name)) continue;
    out.push({
      name,
      values: [],
      status: 'missing',
      expected,
      note: 'a device token needs this claim; without it Entra treats the token as a user’s',
    });
  }
  return out;
}
