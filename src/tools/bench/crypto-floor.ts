/**
 * The raw crypto floor of one federated join: the RSA-2048 operations the protocol itself needs,
 * done with node:crypto and nothing else, in the same process and run as the scenarios.
 *   signatures: IdP signs the assertion, mock Entra signs the access token, the client signs its
 *     CSR, DRS signs the device certificate (4);
 *   verifications: Entra verifies the assertion, DRS verifies the access token and the CSR (3).
 * Measured in CPU time, and sampled many times between the scenario rounds (`FloorSampler`): the
 * floor is the minimum of the samples, so a busy neighbour on the machine does not move it.
 */
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { deviceKey } from '../../core/keys.ts';
import { cpuPerOp, median } from './stats.ts';

export const FLOOR_OPERATIONS = { signatures: 4, verifications: 3 } as const;

export interface FloorSample {
  readonly msPerScenario: number;
  readonly msPerSign: number;
  readonly msPerVerify: number;
}

export interface CryptoFloor extends FloorSample {
  /** The median of the samples' msPerScenario (the floor itself is their minimum). */
  readonly medianMsPerScenario: number;
  readonly samples: number;
}

/** Takes floor samples on demand (between scenario rounds) and sums them up. */
export class FloorSampler {
  private readonly keys: KeyObject[] = [deviceKey(0), deviceKey(1), deviceKey(2), deviceKey(3)];
  private readonly pubs = this.keys.map((k) => createPublicKey(k));
  private readonly data = Buffer.alloc(1024, 7);
  private readonly sigs = this.keys.map((k) => sign('sha256', this.data, k));
  private readonly taken: FloorSample[] = [];
  private i = 0;

  /** One sample: `iterations` signatures and four times as many verifications, in CPU time. */
  sample(iterations: number): FloorSample {
    const msPerSign = cpuPerOp(
      () => {
        sign('sha256', this.data, this.keys[this.i++ % this.keys.length]!);
      },
      iterations,
      5,
    );
    const msPerVerify = cpuPerOp(
      () => {
        const j = this.i++ % this.keys.length;
        verify('sha256', this.data, this.pubs[j]!, this.sigs[j]!);
      },
      iterations * 4,
      5,
    );
    const s = {
      msPerScenario:
        FLOOR_OPERATIONS.signatures * msPerSign + FLOOR_OPERATIONS.verifications * msPerVerify,
      msPerSign,
      msPerVerify,
    };
    this.taken.push(s);
    return s;
  }

  /** The floor: the sample with the least CPU per scenario, and the median beside it. */
  floor(): CryptoFloor {
    if (this.taken.length === 0) this.sample(60);
    const best = this.taken.reduce((a, b) => (b.msPerScenario < a.msPerScenario ? b : a));
    return {
      ...best,
      medianMsPerScenario: median(this.taken.map((s) => s.msPerScenario)),
      samples: this.taken.length,
    };
  }
}

/** One floor measurement of `iterations` signatures (a sampler with a single sample). */
export function measureCryptoFloor(iterations: number): CryptoFloor {
  const s = new FloorSampler();
  s.sample(iterations);
  return s.floor();
}
