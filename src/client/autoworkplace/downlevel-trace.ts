/**
 * The structured trace of autoworkplace.exe's runs on one machine (one per signed-in user): what
 * the `/i` dialog, the Workplace Join event log and the scenario outcome are rendered from.
 */
import type { ErrorPhase, JoinOutcome } from '../trace.ts';
import type { Hop } from './internet-explorer.ts';

/** The dialog results of the legacy troubleshooting page (seed 000), and success. */
export type DialogResult =
  'joined' | 'account-authentication' | 'account-verification' | 'device-quota' | 'no-response';

export type DownlevelStep =
  | { readonly k: 'discovery-ok'; readonly url: string; readonly federated: boolean }
  | {
      readonly k: 'discovery-failed';
      readonly url: string;
      readonly hresult: string;
      readonly httpStatus?: number;
      readonly error?: string;
    }
  /** The registration service issued the user's device certificate. */
  | { readonly k: 'registered'; readonly registrationServiceUri: string }
  /** autoworkplace adds the STS / autologon site to the intranet zone; it is in another zone. */
  | {
      readonly k: 'zone-conflict';
      readonly uri: string;
      readonly existsIn: string;
      readonly hresult: string;
    };

export interface UserAttempt {
  readonly account: string;
  readonly loginHint: string;
  readonly sid: string;
  readonly result: DialogResult;
  /** Why, in the simulator's words (for the report, not a Windows text). */
  readonly why: string;
  readonly errorPhase?: ErrorPhase;
  readonly steps: readonly DownlevelStep[];
  /** Every HTTP request the user's browser made, in order. */
  readonly hops: readonly Hop[];
  readonly device?: { readonly deviceId: string; readonly thumbprint: string };
  readonly aadsts: readonly number[];
}

export interface DownlevelTrace {
  readonly computer: string;
  readonly os: string;
  readonly attempts: readonly UserAttempt[];
  readonly time: Date;
  readonly outcome: JoinOutcome;
}
