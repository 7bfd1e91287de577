/**
 * Reads `Get-MgDomainFederationConfiguration -DomainId <domain> | Format-List` as PowerShell prints
 * it: `Name<padding>: value` lines, a long value (the base64 SigningCertificate) wrapped over the
 * following lines at the console width, `PS C:\…>` prompt lines (the `-DomainId` of one names the
 * domain), markdown or mail quote prefixes, and blank lines between configurations.
 * @see [PING] ("Federation settings issue" sample output);
 *   Graph internalDomainFederation resource (property names)
 */
import { toLogText } from '../log-text.ts';

export interface FederationListing {
  /** Property → value as printed (continuations joined), in the order given. */
  readonly properties: ReadonlyMap<string, string>;
  /** The domain named by a `-DomainId` on a prompt line, if any. */
  readonly domainId?: string;
  /** Lines that were neither a property, a continuation, a prompt nor blank (shown as notes). */
  readonly ignored: readonly string[];
}

/** The Graph properties Format-List prints for an internalDomainFederation. */
export const FEDERATION_PROPERTIES: readonly string[] = [
  'ActiveSignInUri',
  'DisplayName',
  'FederatedIdpMfaBehavior',
  'Id',
  'IsSignedAuthenticationRequestRequired',
  'IssuerUri',
  'MetadataExchangeUri',
  'NextSigningCertificate',
  'PassiveSignInUri',
  'PasswordResetUri',
  'PreferredAuthenticationProtocol',
  'PromptLoginBehavior',
  'SignOutUri',
  'SigningCertificate',
  'SigningCertificateUpdateStatus',
  'AdditionalProperties',
];

const PROPERTY = /^([A-Za-z][A-Za-z0-9]{1,60})\s{0,60}:(?:\s(.*))?$/;
const PROMPT = /^PS [^>]{0,260}>/;
const DOMAIN_ID = /-DomainId\s+['"]?([A-Za-z0-9.-]{1,253})['"]?/i;

/** Parses the first configuration in the text (a repeated property starts the next one). */
export function parseFederationList(text: string): FederationListing {
  const properties = new Map<string, string>();
  const ignored: string[] = [];
  let domainId: string | undefined;
  let current: string | undefined;
  let done = false;
  for (const { text: raw } of toLogText(text).lines) {
    const line = raw.trimEnd();
    if (PROMPT.test(line.trimStart())) {
      const d = DOMAIN_ID.exec(line);
      if (d && !domainId && properties.size === 0) domainId = d[1];
      current = undefined;
      continue;
    }
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    const m = PROPERTY.exec(line.trim());
    if (m && FEDERATION_PROPERTIES.includes(m[1]!)) {
      if (properties.has(m[1]!)) done = true;
      if (done) continue;
      current = m[1]!;
      properties.set(current, (m[2] ?? '').trim());
      continue;
    }
    if (!done && current !== undefined && /^\S+$/.test(line.trim())) {
      // A wrapped value: the console broke it at its width, nothing is lost between the parts.
      properties.set(current, properties.get(current)! + line.trim());
      continue;
    }
    if (!done && properties.size > 0) ignored.push(line.trim());
  }
  return { properties, ...(domainId ? { domainId } : {}), ignored };
}
