/**
 * dsreg's pre-check: a domain controller in line of sight (DsGetDcName), the SYSTEM context, and
 * the machine's existing registration. The result decides whether the join runs at all.
 * @see [WIKI] [MAN] [DSR] (`preCheckResult`, `isDcAvailable`, `isSystem`; events
 *   331–335) and §3d (event texts)
 * modeled: the order of the checks (SYSTEM, then DC, then existing registration); the debug values
 *   of an existing registration (`isJoined: YES`, `deviceKeysHealthy`, `dsrInstance: AzureDrs`,
 *   the key provider and container) — the seeds show only the `undefined` values of a first join.
 */
import type { MachineEnvironment } from '../../onprem/machine.ts';
import type { TraceRecorder } from '../trace-recorder.ts';
import type { PreCheckResult } from '../trace.ts';
import { KEY_PROVIDER } from './key-provider.ts';
import { HR } from '../../protocol/hresult/catalog.ts';

export type PreCheckDecision =
  /** Go on with the join (`rejoin`: an existing registration is missing state, event 332). */
  | { readonly go: true; readonly rejoin: boolean }
  | { readonly go: false; readonly reason: 'not-system' | 'no-dc' | 'already-joined' };

export function runPreCheck(env: MachineEnvironment, t: TraceRecorder): PreCheckDecision {
  const dc = env.domainController;
  if (dc) {
    t.push({
      k: 'dc-found',
      domain: env.domain.name,
      forest: env.domain.forest,
      dc: `${dc.name}.${env.domain.name}`,
    });
  } else {
    t.push({ k: 'dc-missing', domain: env.domain.name });
  }
  const reg = env.registration;
  const common = {
    isDcAvailable: dc !== undefined,
    isSystem: env.runningAsSystem,
    ...(reg
      ? {
          isJoined: true,
          deviceKeysHealthy: reg.keysHealthy,
          dsrInstance: 'AzureDrs',
          keyProvider: KEY_PROVIDER,
          keyContainer: reg.keyContainerId,
        }
      : {}),
  };
  const record = (result: PreCheckResult, resultCode: string) =>
    t.push({ k: 'pre-check', result, resultCode, ...common });

  if (!env.runningAsSystem) {
    record('DoNotJoin', HR.E_ACCESSDENIED);
    t.failure(HR.E_ACCESSDENIED);
    return { go: false, reason: 'not-system' };
  }
  if (!dc) {
    record('DoNotJoin', HR.ERROR_NO_SUCH_DOMAIN);
    t.failure(HR.ERROR_NO_SUCH_DOMAIN);
    return { go: false, reason: 'no-dc' };
  }
  if (reg?.keysHealthy) {
    // resultCode 0x1 with DoNotJoin for a joined device: the captured 331 [WIKI].
    record('DoNotJoin', '0x1');
    return { go: false, reason: 'already-joined' };
  }
  record(reg ? 'UnJoin' : 'Join', '0x0');
  return { go: true, rejoin: reg !== undefined };
}
