/**
 * The DSREG / Win32 HRESULTs the dsreg client reports outside ADAL, by phase.
 * @see [HJM] [WIKI] [TSC] [DSRT] [HBS] [DVRD] [MSALPY] [ADALN] [AADI] [WINRT] (DSREG_* codes from [TSC])
 * modeled: `noDomainController` (ERROR_NO_SUCH_DOMAIN) as the pre-check result code when
 *   DsGetDcName fails, and `notSystem` (E_ACCESSDENIED) when the process is not SYSTEM; public
 *   sources give only the events (334, 333), not the code dsregcmd prints.
 */
export const DSREG_HR = {
  adConfigReadFailed: '0x801c001d',
  discoveryFailed: '0x801c0021',
  /** DSREG_AUTOJOIN_DISC_WAIT_TIMEOUT: the discovery timed out. [TSC] */
  discoveryTimeout: '0x801c001f',
  tenantNotFound: '0x801c003a',
  realmDiscoveryFailed: '0x801c003d',
  invalidData: '0x8007000d',
  noDomainController: '0x8007054b',
  notSystem: '0x80070005',
  cannotConnect: '0x80072efd',
  directoryFailure: '0x801c03f2',
  /** ERROR_FILE_NOT_FOUND: the SCP object is not in the forest (the AD Configuration Test's sub-code) [RCMLAB]. */
  scpNotFound: '0x80070002',
} as const;

/** The key provider dsregcmd prints for a software key (seed `KeyProvider`). */
export const KEY_PROVIDER = 'Microsoft Software Key Storage Provider';
