/**
 * A PingOne application's attribute mappings (what `GET /environments/{envID}/applications/{appID}
 * /attributes` returns: `name`, `value`, `nameFormat`, `required`) turned into the claims the mock
 * issues: the attribute's name, its NameFormat as the SAML 1.1 AttributeNamespace, and its value
 * expression resolved for the device or user.
 * @see [PINGAPI] Application Attribute Mapping (name and value required; nameFormat, required)
 * @see [PING] "Attribute mappings reference": `#string.uuidAsBase64Guid(user.externalId,null)`,
 *   `"DJ"`, the custom attributes holding userPrincipalName and objectSid, and each Format
 * modeled: expressions are recognised by what they read — uuidAsBase64Guid of externalId/objectGUID
 *   (the GUID in Microsoft byte order), another base64 of it (big-endian), a quoted literal, the
 *   attribute holding objectSid / userPrincipalName / the username; PingOne's default NameFormat
 *   `urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified` when a mapping has none.
 */
import { SimError } from '../../core/errors.ts';
import type { ClaimRule, ClaimValueSource } from '../idp-config.ts';

export interface PingOneMapping {
  readonly name: string;
  /** The mapping's source: an expression (`#string.uuidAsBase64Guid(user.externalId,null)`, `"DJ"`) or `${user.x}`. */
  readonly value: string;
  readonly nameFormat?: string | undefined;
  readonly required?: boolean | undefined;
}

export const PINGONE_DEFAULT_NAMEFORMAT = 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified';

/** The claim source a mapping's expression reads; throws for one the mock cannot evaluate. */
export function mappingSource(m: PingOneMapping, where: string): ClaimValueSource {
  const v = m.value.trim();
  const quoted = /^"([^"]*)"$/.exec(v) ?? /^'([^']*)'$/.exec(v);
  if (quoted) return { kind: 'literal', value: quoted[1] as string };
  const lower = v.toLowerCase();
  const guidish = /externalid|objectguid|consistencyguid|immutableid/.test(lower);
  const id = m.name.toLowerCase() === 'immutableid' ? 'immutableId' : 'objectGuid';
  if (guidish && lower.includes('uuidasbase64guid'))
    return { kind: id, encoding: 'uuidAsBase64Guid' };
  if (guidish && /base64/.test(lower)) return { kind: id, encoding: 'bigEndian' };
  if (/objectsid|primarysid|accountid/.test(lower)) return { kind: 'objectSid' };
  if (/userprincipalname|\bupn\b|user\.username|user\.email/.test(lower)) return { kind: 'upn' };
  if (!/[${}#(]/.test(v)) return { kind: 'literal', value: v };
  throw new SimError(
    'ERR_SCENARIO_INVALID',
    `the mapping ${m.name} has an expression hjsim cannot evaluate: ${v}`,
    {
      where,
      hint: 'use one of: #string.uuidAsBase64Guid(user.externalId,null), "DJ" (a quoted literal), ${user.objectSid}, ${user.userPrincipalName}',
    },
  );
}

export function mappingRules(mappings: readonly PingOneMapping[], where: string): ClaimRule[] {
  return mappings.map((m, i) => ({
    key: m.name,
    namespace: m.nameFormat ?? PINGONE_DEFAULT_NAMEFORMAT,
    name: m.name,
    value: mappingSource(m, `${where}.${i}`),
  }));
}
