/**
 * Where a modeled behaviour comes from: a public source, or `modeled` with the reason no public
 * source says what happens. Every error code, message text and transcript line carries one.
 */
export type Provenance = { readonly source: string } | { readonly modeled: string };

export function describeProvenance(p: Provenance): string {
  return 'source' in p ? `source: ${p.source}` : `modeled: ${p.modeled}`;
}
