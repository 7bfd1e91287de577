/**
 * Reads the tenant from the Service Connection Point's `keywords` (LDAP, Configuration NC), or
 * from its client-side override in the registry, which Windows reads first.
 * @see [HJM] [WIKI] [TSC]: keywords `azureADName:<domain>` / `azureADId:<tenant
 *   id>`, case-sensitive [HJM][WIKI]; override `HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\CDJ\AAD`
 *   `TenantId` / `TenantName` [DSRT VerifySCP]; "the scheduled task will always check the registry
 *   key first" (ruianding.com, device registration flow, managed)
 */
import type { MachineEnvironment } from '../../onprem/machine.ts';
import { HR } from '../../protocol/hresult/catalog.ts';

export interface TenantFromScp {
  readonly source: 'scp' | 'registry';
  /** `azureADName`: the verified domain discovery and user realm are asked about. */
  readonly tenantName: string;
  readonly tenantId: string | undefined;
}

export const SCP_NAME_KEYWORD = 'azureADName:';
export const SCP_ID_KEYWORD = 'azureADId:';

function keyword(keywords: readonly string[], prefix: string): string | undefined {
  // Exact, case-sensitive prefix: `azureadname:` is not read. [WIKI]
  const hit = keywords.find((k) => k.startsWith(prefix));
  return hit === undefined ? undefined : hit.slice(prefix.length).trim() || undefined;
}

/** Why the SCP could not give a tenant, and the LDAP read's own error where one is known. */
export interface ScpReadError {
  readonly error: string;
  readonly subcode?: string;
}

export function readScp(env: MachineEnvironment): TenantFromScp | ScpReadError {
  const { cdjAadTenantId: regId, cdjAadTenantName: regName } = env.registry;
  if (regName || regId) {
    return { source: 'registry', tenantName: regName ?? regId ?? '', tenantId: regId };
  }
  if (env.scp === 'unreadable') return { error: 'the SCP object could not be read over LDAP' };
  // No object: ERROR_FILE_NOT_FOUND, as `AD Configuration Test : FAIL [0x80070002]` shows. [RCMLAB]
  if (!env.scp)
    return {
      error: 'no Service Connection Point object in the forest',
      subcode: HR.ERROR_FILE_NOT_FOUND,
    };
  const name = keyword(env.scp.keywords, SCP_NAME_KEYWORD);
  if (!name) {
    return {
      error: `the SCP keywords have no ${SCP_NAME_KEYWORD} value (keywords: ${env.scp.keywords.join(', ') || 'none'})`,
    };
  }
  return { source: 'scp', tenantName: name, tenantId: keyword(env.scp.keywords, SCP_ID_KEYWORD) };
}
