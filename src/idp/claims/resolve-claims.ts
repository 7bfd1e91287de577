/**
 * Turns claim rules into SAML 1.1 attributes for one principal: GUIDs as base64 bytes (Microsoft
 * order unless a scenario asks for the big-endian mistake), SIDs as strings, issuerid URIs.
 * A source with no value for the principal (a computer's UPN) issues nothing.
 * @see [HJM] [AADI] [DVRJ] [WIKI] (values: base64 GUID bytes, SID string, issuerid URI)
 */
import { uuidAsBase64BigEndian, uuidAsBase64Guid } from '../../protocol/encoding/guid.ts';
import type { Saml11Attribute } from '../../protocol/saml11/types.ts';
import type { ClaimRule, ClaimValueSource } from '../idp-config.ts';
import type { Principal } from '../principal.ts';

const encode = (guid: string, encoding: 'uuidAsBase64Guid' | 'bigEndian') =>
  encoding === 'bigEndian' ? uuidAsBase64BigEndian(guid) : uuidAsBase64Guid(guid);

function objectGuidOf(p: Principal): string | undefined {
  return p.kind === 'computer' ? p.computer.objectGuid : p.user.objectGuid;
}

export function resolveClaimValue(source: ClaimValueSource, p: Principal): string | undefined {
  switch (source.kind) {
    case 'literal':
      return source.value;
    case 'objectGuid': {
      const g = objectGuidOf(p);
      return g === undefined ? undefined : encode(g, source.encoding);
    }
    case 'immutableId': {
      if (p.kind === 'user' && p.user.immutableId !== undefined) return p.user.immutableId;
      const g = objectGuidOf(p);
      return g === undefined ? undefined : encode(g, source.encoding);
    }
    case 'objectSid':
      return p.kind === 'computer' ? p.computer.objectSid : undefined;
    case 'upn':
      return p.kind === 'user' ? p.user.upn : undefined;
    case 'issuerId':
      return `http://${source.domain}/adfs/services/trust/`;
    case 'issuerIdFromUpn': {
      if (p.kind !== 'user') return undefined;
      // regexreplace(c.Value, ".+@(?<domain>.+)", "http://${domain}/adfs/services/trust/")
      const m = /^.+@(.+)$/.exec(p.user.upn);
      return m ? `http://${m[1]}/adfs/services/trust/` : p.user.upn;
    }
  }
}

export function resolveClaims(rules: readonly ClaimRule[], p: Principal): Saml11Attribute[] {
  const out: Saml11Attribute[] = [];
  for (const rule of rules) {
    const value = resolveClaimValue(rule.value, p);
    if (value === undefined) continue;
    const attr = {
      namespace: rule.namespace,
      name: rule.name,
      values: [value],
      ...(rule.originalIssuer === undefined ? {} : { originalIssuer: rule.originalIssuer }),
    };
    out.push(attr);
    if (rule.duplicate) out.push(attr);
  }
  return out;
}
