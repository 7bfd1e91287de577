/**
 * The Windows build a Windows 10+ join client runs on (the third part of its OSVersion,
 * `10.0.<build>.<revision>`), and what changes with it in what dsregcmd prints and logs.
 * @see [QA687273] (Windows Server 2019, build 17763, 2022: `dsregcmd::wmain logging initialized.`
 *   twice, the DC line on its own, `isPrivateKeyFound`, `LogFatalAuthError: AdalMessage: …`);
 *   [WIKI] (build 1709 and earlier: the same shape, the banner once); [PING] (2025: `DsrCLI:
 *   logging initialized.` twice, the DC line glued to the ClientRequestId, `deviceKeysHealthy`,
 *   `GetComputerTokenForADRS: AdalErrorCode: …`); [LYWK] (event templates per build)
 * modeled: the boundary between the two debug-output generations. The captures show the older one
 *   up to build 17763 and the newer one on a 2025 build whose number the seed does not print; no
 *   public capture of builds 18362–19045 was found, so hjsim gives 19041 (Windows 10 2004, the
 *   servicing branch every supported Windows 10 shares) and later the newer generation.
 */

/** The oldest build hjsim models: Windows 10 1607 / Server 2016. */
export const OLDEST_MODELED_BUILD = 14393;
/** Windows 10 2004: the first build given the 2025 debug output (modeled, see above). */
export const BUILD_2004 = 19041;

/** `10.0.19045.5965` → 19045; undefined when the version is not `10.0.<build>[.<revision>]`. */
export function windowsBuild(osVersion: string): number | undefined {
  const m = /^10\.0\.(\d{5})(?:\.\d+)?$/.exec(osVersion.trim());
  return m ? Number(m[1]) : undefined;
}

/**
 * Which `dsregcmd /join /debug` shape a build prints: `wmain` (1607 – 1809 / Server 2019) or
 * `dsrcli` (the 2025 seed's).
 */
export type DebugGeneration = 'wmain' | 'dsrcli';

export function debugGeneration(build: number): DebugGeneration {
  return build >= BUILD_2004 ? 'dsrcli' : 'wmain';
}
