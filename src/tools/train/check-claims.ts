/**
 * Checks each claim of an assertion the way mock Entra reads it: the claim type is exactly
 * `namespace + "/" + name` (`claimType`), so a known claim name under another namespace is
 * invisible to Entra ("wrong namespace"), and a device claim nobody sent is missing.
 * The device-claim rule is protocol/claims/device-claims.ts; this file words its verdicts.
 * @see [PING]
 */
import { CLAIM, claimType } from '../../protocol/claims/claim-types.ts';
import {
  DEVICE_CLAIMS,
  isDeviceClaim,
  judgeDeviceClaimValue,
} from '../../protocol/claims/device-claims.ts';
import type { Saml11Attribute } from '../../protocol/saml11/types.ts';
import type { ClaimCheck } from './api-types.ts';

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
  if (!isDeviceClaim(name)) return undefined;
  const { problem, guid } = judgeDeviceClaimValue(name, value, device);
  switch (problem) {
    case undefined:
    case 'another-sid':
      return undefined;
    case 'not-domain-joined':
      return `'${value}' is not 'DJ'`;
    case 'not-a-guid':
      return 'not the base64 of a GUID';
    case 'big-endian-guid':
      return `built from the big-endian GUID bytes: decodes to ${guid}, the computer is ${device?.objectGuid} (use uuidAsBase64Guid)`;
    case 'another-guid':
      return `decodes to ${guid}, the computer's objectGUID is ${device?.objectGuid}`;
    case 'not-a-sid':
      return 'not a SID';
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
