/**
 * The device claims of the verified token, each under its exact claim type (SAML 1.1:
 * AttributeNamespace + "/" + AttributeName — PingOne's NameFormat is the namespace), with the
 * values Entra needs: accounttype DJ, onpremobjectguid in Microsoft byte order, the computer's
 * SID; and the ImmutableID claim the manual asks for. A claim found under another namespace is
 * named in the evidence: that is the seed's misconfiguration.
 * The device-claim rule is protocol/claims/device-claims.ts (mock Entra asks it too); this file
 * words its verdicts as conform judgements.
 * @see conform-checks.ts (claims.*)
 */
import { claimValues, type TokenView } from '../../entra/token/token-view.ts';
import { CLAIM, claimType, type ClaimName } from '../../protocol/claims/claim-types.ts';
import {
  judgeDeviceClaims,
  verdictOf,
  type ClaimVerdict,
} from '../../protocol/claims/device-claims.ts';
import { uuidAsBase64Guid } from '../../protocol/encoding/guid.ts';
import type { CheckId } from './conform-checks.ts';
import type { ConformSettings } from './conform-settings.ts';
import { failed, passed, skipped, warning, type Judgement } from './judgement.ts';

const typeOf = (c: ClaimName) => claimType(c.namespace, c.name);

/** Why a claim is not under its exact type: issued under another namespace, or absent. */
function missingText(view: TokenView, claim: ClaimName, elsewhere: readonly string[]): string {
  return elsewhere.length
    ? `no ${typeOf(claim)}; ${claim.name} is issued as ${elsewhere.join(', ')} (namespace / NameFormat ${elsewhere.map((t) => t.slice(0, t.lastIndexOf('/'))).join(', ')})`
    : `no ${claim.name} claim; claims present: ${view.claims.map((c) => c.type).join(', ') || 'none'}`;
}

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
  return { missing: missingText(view, claim, elsewhere) };
}

function judgeAccountType(view: TokenView, v: ClaimVerdict): Judgement {
  const expected = `${typeOf(CLAIM.accounttype)} = DJ`;
  if (v.status === 'missing')
    return failed(
      'claims.accounttype',
      expected,
      missingText(view, CLAIM.accounttype, v.elsewhere),
    );
  return v.status === 'ok'
    ? passed('claims.accounttype', expected, `DJ`)
    : failed('claims.accounttype', expected, `'${claimValues(view, v.expected).join("', '")}'`);
}

function judgeObjectGuid(settings: ConformSettings, view: TokenView, v: ClaimVerdict): Judgement {
  const guid = settings.computer.objectGuid?.toLowerCase();
  const expected = `${typeOf(CLAIM.onpremobjectguid)} = ${guid ? uuidAsBase64Guid(guid) : 'base64 of the 16 objectGUID bytes'} (uuidAsBase64Guid${guid ? ` of ${guid}` : ''})`;
  const id = 'claims.onpremobjectguid';
  if (v.status === 'missing')
    return failed(id, expected, missingText(view, CLAIM.onpremobjectguid, v.elsewhere));
  if (v.status === 'ok')
    return guid === undefined
      ? warning(id, expected, `${v.value}, which decodes to ${v.guid}`)
      : passed(id, expected, v.value);
  switch (v.problem) {
    case 'big-endian-guid':
      return failed(
        id,
        expected,
        `${v.value}: the GUID's bytes in big-endian (RFC 4122) order, which decodes to ${v.guid}`,
      );
    case 'another-guid':
      return failed(id, expected, `${v.value}, which decodes to ${v.guid}: another object's GUID`);
    default:
      return failed(id, expected, `'${v.value}' is not base64 of 16 bytes`);
  }
}

function judgePrimarySid(settings: ConformSettings, view: TokenView, v: ClaimVerdict): Judgement {
  const sid = settings.computer.objectSid;
  const expected = `${typeOf(CLAIM.primarysid)} = ${sid ?? 'the computer SID (S-1-5-21-…)'}`;
  const id = 'claims.primarysid';
  if (v.status === 'missing')
    return failed(id, expected, missingText(view, CLAIM.primarysid, v.elsewhere));
  if (v.status === 'ok') return passed(id, expected, v.value);
  return v.problem === 'another-sid'
    ? warning(id, expected, `${v.value}, not the computer's ${sid}`)
    : failed(id, expected, `'${v.value}' is not a SID`);
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
  const verdict = judgeDeviceClaims(view.claims, settings.computer);
  return [
    judgeAccountType(view, verdictOf(verdict, 'accounttype')),
    judgeObjectGuid(settings, view, verdictOf(verdict, 'onpremobjectguid')),
    judgePrimarySid(settings, view, verdictOf(verdict, 'primarysid')),
    judgeImmutableId(view),
  ];
}
