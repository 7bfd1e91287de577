/**
 * Turns the IdP's claim rules into SAML 1.1 attributes for one computer.
 * @see ../shared/research/protocol.md §2 (values: base64 GUID bytes, SID string)
 */
import { uuidAsBase64BigEndian, uuidAsBase64Guid } from '../../protocol/encoding/guid.ts';
import type { Saml11Attribute } from '../../protocol/saml11/types.ts';
import type { ClaimRule, ClaimValueSource, DirectoryComputer } from '../idp-config.ts';

export function claimValue(source: ClaimValueSource, computer: DirectoryComputer): string {
  switch (source.kind) {
    case 'literal':
      return source.value;
    case 'objectGuid':
      return source.encoding === 'bigEndian'
        ? uuidAsBase64BigEndian(computer.objectGuid)
        : uuidAsBase64Guid(computer.objectGuid);
    case 'objectSid':
      return computer.objectSid;
    case 'issuerId':
      return `http://${source.domain}/adfs/services/trust/`;
  }
}

export function resolveClaims(
  rules: readonly ClaimRule[],
  computer: DirectoryComputer,
): Saml11Attribute[] {
  const out: Saml11Attribute[] = [];
  for (const rule of rules) {
    const attr = {
      namespace: rule.namespace,
      name: rule.name,
      values: [claimValue(rule.value, computer)],
    };
    out.push(attr);
    if (rule.duplicate) out.push(attr);
  }
  return out;
}
