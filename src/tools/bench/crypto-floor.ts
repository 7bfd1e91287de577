/**
 * The raw crypto floor of one federated join: the RSA-2048 operations the protocol itself needs,
 * done with node:crypto and nothing else, in the same process and run as the scenarios.
 *   signatures: IdP signs the assertion, mock Entra signs the access token, the client signs its
 *     CSR, DRS signs the device certificate (4);
 *   verifications: Entra verifies the assertion, DRS verifies the access token and the CSR (3).
 */
import { createPublicKey, sign, verify } from 'node:crypto';
import { deviceKey } from '../../core/keys.ts';
import { timePerOp } from './stats.ts';

export const FLOOR_OPERATIONS = { signatures: 4, verifications: 3 } as const;

export function measureCryptoFloor(iterations: number): {
  msPerScenario: number;
  msPerSign: number;
  msPerVerify: number;
} {
  const keys = [deviceKey(0), deviceKey(1), deviceKey(2), deviceKey(3)];
  const pubs = keys.map((k) => createPublicKey(k));
  const data = Buffer.alloc(1024, 7);
  const sigs = keys.map((k) => sign('sha256', data, k));
  let i = 0;
  const msPerSign = timePerOp(() => {
    sign('sha256', data, keys[i++ % keys.length]!);
  }, iterations);
  const msPerVerify = timePerOp(() => {
    const j = i++ % keys.length;
    verify('sha256', data, pubs[j]!, sigs[j]!);
  }, iterations * 4);
  return {
    msPerScenario:
      FLOOR_OPERATIONS.signatures * msPerSign + FLOOR_OPERATIONS.verifications * msPerVerify,
    msPerSign,
    msPerVerify,
  };
}
