/**
 * The device claims of the verified token, each under its exact claim type (SAML 1.1:
 * AttributeNamespace + "/" + AttributeName — PingOne's NameFormat is the namespace), with the
 * values Entra needs: accounttype DJ, onpremobjectguid in Microsoft byte order, the computer's
 * SID; and the ImmutableID claim the manual asks for. A claim found under another namespace is
 * named in the evidence: that is the seed's misconfiguration.
 * @see conform-checks.ts (claims.*); src/entra/token/check-device-claims.ts (the same types and
 *   decoding; Entra refuses the three together with AADSTS51004)
 */
import type { TokenView } from '../../entra/token/token-view.ts';
import { CLAIM, claimType, type ClaimName } from '../../protocol/claims/claim-types.ts';
import {
  base64GuidToUuid,
  uuidAsBase64BigEndian,
  uuidAsBase64Guid,
} from '../../protocol/encoding/guid.ts';
import { isSid } from '../../protocol/encoding/sid.ts';
import type { CheckId } from './conform-checks.ts';
import type { ConformSettings } from './conform-settings.ts';
import { failed, passed, skipped, warning, type Judgement } from './judgement.ts';

const typeOf = (c: ClaimName) => claimType(c.namespace, c.name);

/** The values under the exact type, or why there are none (another namespace, or absent). */
function lookup(
  view: TokenView,
  claim: ClaimName,
): { values: readonly string[] } | { missing: string } {
  const exact = view.claims.filter((c) => c.type === typeOf(claim));
  if (exact.length > 0) return { values: exact.flatMap((c) => c.values) };
  const elsewhere = view.claims
    .filter((c) => c.type.split('/').pop()?.toLowerCase() === claim.name.toLowerCase())
    .map((c) => c.type);
  return {
    missing: elsewhere.length
      ? `no ${typeOf(claim)}; ${claim.name} is issued as ${elsewhere.join(', ')} (namespace / NameFormat ${elsewhere.map((t) => t.slice(0, t.lastIndexOf('/'))).join(', ')})`
      : `no ${claim.name} claim; claims present: ${view.claims.map((c) => c.type).join(', ') || 'none'}`,
  };
}

function judgeAccountType(view: TokenView): Judgement {
  const expected = `${typeOf(CLAIM.accounttype)} = DJ`;
  const r = lookup(view, CLAIM.accounttype);
  if ('missing' in r) return failed('claims.accounttype', expected, r.missing);
  return r.values.includes('DJ')
    ? passed('claims.accounttype', expected, `DJ`)
    : failed('claims.accounttype', expected, `'${r.values.join("', '")}'`);
}

function judgeObjectGuid(settings: ConformSettings, view: TokenView): Judgement {
  const guid = settings.computer.objectGuid?.toLowerCase();
  const expected = `${typeOf(CLAIM.onpremobjectguid)} = ${guid ? uuidAsBase64Guid(guid) : 'base64 of the 16 objectGUID bytes'} (uuidAsBase64Guid${guid ? ` of ${guid}` : ''})`;
  const r = lookup(view, CLAIM.onpremobjectguid);
  if ('missing' in r) return failed('claims.onpremobjectguid', expected, r.missing);
  const value = r.values[0] ?? '';
  const decoded = base64GuidToUuid(value);
  if (decoded === undefined)
    return failed('claims.onpremobjectguid', expected, `'${value}' is not base64 of 16 bytes`);
  if (guid === undefined)
    return warning('claims.onpremobjectguid', expected, `${value}, which decodes to ${decoded}`);
  if (decoded === guid) return passed('claims.onpremobjectguid', expected, value);
  if (value === uuidAsBase64BigEndian(guid)) {
    return failed(
      'claims.onpremobjectguid',
      expected,
      `${value}: the GUID's bytes in big-endian (RFC 4122) order, which decodes to ${decoded}`,
    );
  }
  return failed(
    'claims.onpremobjectguid',
    expected,
    `${value}, which decodes to ${decoded}: another object's GUID`,
  );
}

function judgePrimarySid(settings: ConformSettings, view: TokenView): Judgement {
  const sid = settings.computer.objectSid;
  const expected = `${typeOf(CLAIM.primarysid)} = ${sid ?? 'the computer SID (S-1-5-21-…)'}`;
  const r = lookup(view, CLAIM.primarysid);
  if ('missing' in r) return failed('claims.primarysid', expected, r.missing);
  const value = r.values[0] ?? '';
  if (!isSid(value)) return failed('claims.primarysid', expected, `'${value}' is not a SID`);
  if (sid !== undefined && value.toUpperCase() !== sid.toUpperCase())
    return warning('claims.primarysid', expected, `${value}, not the computer's ${sid}`);
  return passed('claims.primarysid', expected, value);
}

function judgeImmutableId(view: TokenView): Judgement {
  const expected = `${typeOf(CLAIM.ImmutableID)} (base64 objectGUID, = the NameIdentifier)`;
  const r = lookup(view, CLAIM.ImmutableID);
  if ('missing' in r) return warning('claims.immutableid', expected, r.missing);
  const value = r.values[0] ?? '';
  const subject = view.subject?.value;
  if (subject !== undefined && subject !== value)
    return warning(
      'claims.immutableid',
      expected,
      `${value}, while the NameIdentifier is ${subject}`,
    );
  return passed('claims.immutableid', expected, value);
}

const CLAIM_CHECKS: readonly CheckId[] = [
  'claims.accounttype',
  'claims.onpremobjectguid',
  'claims.primarysid',
  'claims.immutableid',
];

export function judgeClaims(
  settings: ConformSettings,
  view: TokenView | undefined,
  because: string,
): Judgement[] {
  if (view === undefined) return CLAIM_CHECKS.map((id) => skipped(id, '', because));
  return [
    judgeAccountType(view),
    judgeObjectGuid(settings, view),
    judgePrimarySid(settings, view),
    judgeImmutableId(view),
  ];
}
