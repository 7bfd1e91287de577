/**
 * What a customer's file is: AD FS claim rules (bare, or inside `Get-AdfsRelyingPartyTrust |
 * Format-List` output), PingOne attribute mapping JSON, `Get-MgDomainFederationConfiguration |
 * Format-List`, or a log diagnose reads (dsregcmd /status, /join /debug, Event Viewer text, an
 * AADSTS body).
 * @see [QA66688] (a trust's Format-List with its IssuanceTransformRules), [PINGAPI], [DSR], [TSC]
 */
import { diagnoseText } from '../diagnose.ts';
import { parseFederationList } from '../import/parse-federation-list.ts';
import { looksLikePingOneMappings } from '../import/pingone-attribute-json.ts';

export type ArtifactKind =
  'claim-rules' | 'pingone-mappings' | 'federation-settings' | 'log' | 'unknown';

export interface Artifact {
  readonly name: string;
  readonly kind: ArtifactKind;
  /** For claim rules: the rule text itself (taken out of a Format-List). */
  readonly text: string;
  /** What diagnose recognised the log as. */
  readonly logKinds?: readonly string[];
}

/** The IssuanceTransformRules value of a `Get-AdfsRelyingPartyTrust | Format-List` listing. */
export function rulesFromTrustListing(text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^\s*IssuanceTransformRules\s*:/.test(l));
  if (start < 0) return undefined;
  const out = [(lines[start] as string).replace(/^\s*IssuanceTransformRules\s*:\s?/, '')];
  for (const l of lines.slice(start + 1)) {
    // The next property of the listing: a name at the margin, a colon, no rule syntax.
    if (/^[A-Z][A-Za-z]+\s+:(?:\s|$)/.test(l) && !/=>|\[|\]/.test(l)) break;
    out.push(l);
  }
  return out.join('\n').trim();
}

export function recogniseArtifact(name: string, text: string): Artifact {
  const fromListing = rulesFromTrustListing(text);
  if (fromListing !== undefined && fromListing.includes('=>'))
    return { name, kind: 'claim-rules', text: fromListing };
  if (/=>/.test(text) && /\b(?:issue|add)\s*\(/i.test(text) && /\[\s*Type\s*(?:==|=~)/i.test(text))
    return { name, kind: 'claim-rules', text };
  if (looksLikePingOneMappings(text)) return { name, kind: 'pingone-mappings', text };
  const listing = parseFederationList(text);
  if (listing.properties.has('IssuerUri') && listing.properties.has('ActiveSignInUri'))
    return { name, kind: 'federation-settings', text };
  const d = diagnoseText(text, new Date(0));
  if (d.ok) return { name, kind: 'log', text, logKinds: d.diagnosis.kinds };
  return { name, kind: 'unknown', text };
}
