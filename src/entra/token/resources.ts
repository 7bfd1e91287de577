/**
 * The resources mock Entra issues tokens for, by every identifier a client may name them with.
 * @see [WIKI] [AADI] [ROAD] [MSALPY] (`urn:ms-drs:enterpriseregistration.windows.net`; Device
 *   Registration Service application id 01cb2876-…, [HBS], DSRegTool Test-DevRegApp)
 * modeled: Microsoft Graph is known too (its public app id 00000003-0000-0000-c000-000000000000),
 *   so a user token can be asked for it; no other resource exists in the simulated tenant.
 */
import { DRS_RESOURCE, GRAPH_HOST } from '../../protocol/entra-names.ts';

export interface KnownResource {
  readonly name: string;
  readonly identifiers: readonly string[];
}

export const DRS_APP_ID = '01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

export const DRS: KnownResource = {
  name: 'Device Registration Service',
  identifiers: [DRS_RESOURCE, DRS_APP_ID],
};
export const GRAPH: KnownResource = {
  name: 'Microsoft Graph',
  identifiers: [`https://${GRAPH_HOST}`, GRAPH_APP_ID],
};
export const KNOWN_RESOURCES: readonly KnownResource[] = [DRS, GRAPH];

/** Identifiers compare without a trailing slash and case-insensitively, as Entra resolves them. */
function canonical(id: string): string {
  return id.replace(/\/+$/, '').toLowerCase();
}

export function findResource(identifier: string): KnownResource | undefined {
  const c = canonical(identifier);
  return KNOWN_RESOURCES.find((r) => r.identifiers.some((i) => canonical(i) === c));
}

export function isDrsAudience(aud: unknown): boolean {
  return typeof aud === 'string' && findResource(aud) === DRS;
}
