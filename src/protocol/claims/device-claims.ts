/**
 * The device-claim rule of a federated hybrid join, written once: a token is a computer's device
 * token when it carries, each under its exact claim type (SAML 1.1: namespace + "/" + name; SAML
 * 2.0: the Attribute Name), `accounttype` = DJ, `onpremobjectguid` = base64 of the 16 objectGUID
 * bytes in Microsoft byte order, and `primarysid` = a SID. Mock Entra, diagnose, conform and the
 * trainer ask this module for a verdict per claim and word it each for its reader; the matrix
 * oracle keeps its own model on purpose (decision 0005).
 * @see [HJM] [AADI] [DVRJ] [WIKI]; [PING] (AADSTS51004 for device claims under the wrong NameFormat)
 * modeled: when the computer is known (synced by Entra Connect, or named to conform and the
 *   trainer), the GUID claim must decode to its objectGUID (a big-endian GUID does not) — no
 *   public source states the rule.
 */
import { base64GuidToUuid, uuidAsBase64BigEndian } from '../encoding/guid.ts';
import { isSid } from '../encoding/sid.ts';
import { ACCOUNTTYPE_DOMAIN_JOINED, CLAIM, claimType } from './claim-types.ts';

/** The three claims a device token must carry. */
export const DEVICE_CLAIMS = ['accounttype', 'onpremobjectguid', 'primarysid'] as const;
export type DeviceClaim = (typeof DEVICE_CLAIMS)[number];

/** A claim as a reader sees it: its full claim type and its values. */
export interface ClaimSeen {
  readonly type: string;
  readonly values: readonly string[];
}

/** What is known of the computer the token is for (any part may be unknown). */
export interface ComputerHint {
  readonly objectGuid?: string;
  readonly objectSid?: string;
}

/** Why a present claim's value is not what Entra needs. */
export type ClaimProblem =
  /** accounttype is not DJ. */
  | 'not-domain-joined'
  /** onpremobjectguid is not base64 of 16 bytes. */
  | 'not-a-guid'
  /** onpremobjectguid holds the computer's GUID bytes in big-endian (RFC 4122) order. */
  | 'big-endian-guid'
  /** onpremobjectguid decodes to another object's GUID. */
  | 'another-guid'
  /** primarysid is not a SID. */
  | 'not-a-sid'
  /** primarysid is a SID, but not the computer's (Entra finds the device by it: a warning). */
  | 'another-sid';

export type ClaimVerdict = {
  readonly claim: DeviceClaim;
  /** The exact claim type Entra reads. */
  readonly expected: string;
} & (
  | {
      readonly status: 'ok';
      readonly value: string;
      /** onpremobjectguid: the objectGUID it decodes to. */
      readonly guid?: string;
    }
  | {
      readonly status: 'missing';
      /** Claim types that carry the same name under another namespace (Entra does not see them). */
      readonly elsewhere: readonly string[];
    }
  | {
      readonly status: 'wrong-value';
      readonly value: string;
      readonly problem: ClaimProblem;
      /** onpremobjectguid: the GUID it decodes to, when it decodes. */
      readonly guid?: string;
    }
);

export interface DeviceClaimsVerdict {
  /** One verdict per claim of {@link DEVICE_CLAIMS}, in that order. */
  readonly claims: readonly ClaimVerdict[];
  /** Entra reads the token as a device token: every claim is ok (another SID only warns). */
  readonly isDeviceToken: boolean;
}

/** The exact claim type of a device claim. */
export function deviceClaimType(claim: DeviceClaim): string {
  return claimType(CLAIM[claim].namespace, CLAIM[claim].name);
}

/** The last segment of a claim type: the claim's name whatever its namespace. */
function nameOf(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1).toLowerCase();
}

/** The verdict on one device claim's value: its problem, if any, and the GUID it decodes to. */
export function judgeDeviceClaimValue(
  claim: DeviceClaim,
  value: string,
  computer: ComputerHint = {},
): { readonly problem?: ClaimProblem; readonly guid?: string } {
  switch (claim) {
    case 'accounttype':
      return value === ACCOUNTTYPE_DOMAIN_JOINED ? {} : { problem: 'not-domain-joined' };
    case 'onpremobjectguid': {
      const guid = base64GuidToUuid(value);
      if (guid === undefined) return { problem: 'not-a-guid' };
      const known = computer.objectGuid?.toLowerCase();
      if (known === undefined || guid === known) return { guid };
      return value === uuidAsBase64BigEndian(known)
        ? { problem: 'big-endian-guid', guid }
        : { problem: 'another-guid', guid };
    }
    case 'primarysid': {
      if (!isSid(value)) return { problem: 'not-a-sid' };
      const known = computer.objectSid;
      return known === undefined || value.toUpperCase() === known.toUpperCase()
        ? {}
        : { problem: 'another-sid' };
    }
  }
}

/**
 * The verdict on each device claim of a token: present under its exact type (the first value
 * counts, as Entra reads it), missing (perhaps under another namespace), or a wrong value.
 */
export function judgeDeviceClaims(
  claims: readonly ClaimSeen[],
  computer: ComputerHint = {},
): DeviceClaimsVerdict {
  const verdicts = DEVICE_CLAIMS.map((claim): ClaimVerdict => {
    const expected = deviceClaimType(claim);
    const value = claims.find((c) => c.type === expected)?.values[0];
    if (value === undefined) {
      const elsewhere = claims
        .filter((c) => c.type !== expected && nameOf(c.type) === claim.toLowerCase())
        .map((c) => c.type);
      return { claim, expected, status: 'missing', elsewhere };
    }
    const { problem, guid } = judgeDeviceClaimValue(claim, value, computer);
    const decoded = guid === undefined ? {} : { guid };
    return problem === undefined
      ? { claim, expected, status: 'ok', value, ...decoded }
      : { claim, expected, status: 'wrong-value', value, problem, ...decoded };
  });
  const isDeviceToken = verdicts.every(
    (v) => v.status === 'ok' || (v.status === 'wrong-value' && v.problem === 'another-sid'),
  );
  return { claims: verdicts, isDeviceToken };
}

/** Whether a claim name is one of the three device claims. */
export function isDeviceClaim(name: string): name is DeviceClaim {
  return (DEVICE_CLAIMS as readonly string[]).includes(name);
}

/** The verdict on one claim of a {@link DeviceClaimsVerdict}. */
export function verdictOf(verdict: DeviceClaimsVerdict, claim: DeviceClaim): ClaimVerdict {
  return verdict.claims.find((v) => v.claim === claim)!;
}
