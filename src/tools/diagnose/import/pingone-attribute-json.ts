/**
 * Reads a PingOne application's attribute mappings as its API returns them — the list
 * (`{"_embedded": {"attributes": [...]}}`), a bare array, or one mapping — into the scenario's
 * `idp.pingone.attributeMappings` (name, value, nameFormat, required).
 * @see [PINGAPI] Application Attribute Mapping (GET …/applications/{appID}/attributes; name and
 *   value are required, the rest optional)
 */
import type { PingOneMapping } from '../../../idp/profiles/pingone-mappings.ts';

export type MappingsResult =
  | { readonly ok: true; readonly mappings: PingOneMapping[] }
  | { readonly ok: false; readonly message: string };

function one(x: unknown, i: number): PingOneMapping | string {
  if (typeof x !== 'object' || x === null) return `item ${i} is not an object`;
  const o = x as Record<string, unknown>;
  if (typeof o['name'] !== 'string' || o['name'] === '') return `item ${i} has no "name"`;
  if (typeof o['value'] !== 'string' || o['value'] === '')
    return `item ${i} (${o['name']}) has no "value" (the source expression)`;
  const nameFormat = typeof o['nameFormat'] === 'string' ? o['nameFormat'] : undefined;
  return {
    name: o['name'],
    value: o['value'],
    ...(nameFormat ? { nameFormat } : {}),
    ...(typeof o['required'] === 'boolean' ? { required: o['required'] } : {}),
  };
}

/** True when `text` looks like PingOne attribute mapping JSON (cheap test for recognising files). */
export function looksLikePingOneMappings(text: string): boolean {
  const t = text.trim();
  return (
    (t.startsWith('{') || t.startsWith('[')) &&
    /"name"\s*:/.test(t) &&
    /"value"\s*:/.test(t) &&
    !/"error_codes"/.test(t)
  );
}

export function parsePingOneMappings(text: string): MappingsResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `not JSON: ${(e as Error).message}` };
  }
  const embedded = (json as { _embedded?: { attributes?: unknown } } | null)?._embedded?.attributes;
  const list = Array.isArray(json) ? json : Array.isArray(embedded) ? embedded : [json];
  const mappings: PingOneMapping[] = [];
  for (const [i, x] of list.entries()) {
    const m = one(x, i);
    if (typeof m === 'string') return { ok: false, message: `PingOne attribute mappings: ${m}` };
    mappings.push(m);
  }
  if (mappings.length === 0)
    return { ok: false, message: 'PingOne attribute mappings: the list is empty' };
  return { ok: true, mappings };
}
