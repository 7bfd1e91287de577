/**
 * The device key of the join: in the TPM (Microsoft Platform Crypto Provider, `TpmProtected : YES`)
 * when the machine has one, else in software. TPM failures: a keyset that does not exist
 * (NTE_BAD_KEYSET, the TPM was cleared or the image was a badly sysprepped joined machine), a TPM
 * 1.2 in FIPS mode (TPM_E_NOTFIPS), a generic TPM error (TPM_E_PCP_INTERNAL_ERROR) and a TPM locked
 * out by its anti-hammering (NTE_AUTHENTICATION_IGNORED). From Windows 10 1809 dsreg detects the
 * FIPS and PCP failures and completes the join with a software key; earlier builds fail the join.
 * @see [TSC] (join phase, TPM errors: 0x80090016, 0x80290407 "Windows 10 versions 1809 and later
 *   automatically detect TPM failures and complete Microsoft Entra hybrid join without using the
 *   TPM", 0x80280036 the same, 0x80090031 "TPM is locked out. Transient error"; the /status sample's
 *   `KeyProvider: Microsoft Platform Crypto Provider`, `TpmProtected: YES`); [WIKI] ("DsrDeviceAutoJoin
 *   failed 0x80090016.")
 * modeled: the keyset and lockout failures stop the join on every build (no fallback is
 *   documented for them); the software fallback logs nothing of its own.
 */
import type { MachineEnvironment, TpmFailure } from '../../onprem/machine.ts';
import { BUILD_1809 } from '../../protocol/events/event-catalog.ts';
import { KEY_PROVIDER } from './key-provider.ts';
import { HR } from '../../protocol/hresult/catalog.ts';

/** The TPM's key storage provider. [TSC] */
export const TPM_KEY_PROVIDER = 'Microsoft Platform Crypto Provider';

/** The HRESULT each TPM failure reports. [TSC] */
export const TPM_HR: Readonly<Record<TpmFailure, string>> = {
  'keyset-missing': HR.NTE_BAD_KEYSET,
  'fips-mode': HR.TPM_E_NOTFIPS,
  'pcp-internal-error': HR.TPM_E_PCP_INTERNAL_ERROR,
  'locked-out': HR.NTE_AUTHENTICATION_IGNORED,
};

/** TPM failures 1809+ works around with a software key. [TSC] */
const SOFTWARE_FALLBACK: readonly TpmFailure[] = ['fips-mode', 'pcp-internal-error'];

export type DeviceKey =
  | { readonly ok: true; readonly provider: string; readonly tpmProtected: boolean }
  | { readonly ok: false; readonly hresult: string };

export function provisionDeviceKey(env: MachineEnvironment, build: number): DeviceKey {
  const tpm = env.tpm;
  if (!tpm) return { ok: true, provider: KEY_PROVIDER, tpmProtected: false };
  if (!tpm.failure) return { ok: true, provider: TPM_KEY_PROVIDER, tpmProtected: true };
  if (build >= BUILD_1809 && SOFTWARE_FALLBACK.includes(tpm.failure))
    return { ok: true, provider: KEY_PROVIDER, tpmProtected: false };
  return { ok: false, hresult: TPM_HR[tpm.failure] };
}
