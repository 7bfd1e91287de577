/**
 * Collects the trace steps of one attempt, plus the failure HRESULTs and AADSTS codes seen, so
 * the outcome is derived from what the client actually recorded.
 */
import { isFailure } from '../protocol/hresult/catalog.ts';
import type { TraceStep } from './trace.ts';

export class TraceRecorder {
  readonly steps: TraceStep[] = [];
  readonly hresults: string[] = [];
  readonly aadsts: number[] = [];

  push(step: TraceStep): void {
    this.steps.push(step);
  }

  adal(hresult: string, message?: string): void {
    this.steps.push(
      message === undefined ? { k: 'adal', hresult } : { k: 'adal', message, hresult },
    );
    this.failure(hresult);
  }

  note(text: string): void {
    this.steps.push({ k: 'adal-note', text });
  }

  /** Records a failure HRESULT (informational and success codes are ignored). */
  failure(hresult: string): void {
    if (isFailure(hresult) && !this.hresults.includes(hresult)) this.hresults.push(hresult);
  }

  aadstsCodes(codes: readonly number[]): void {
    for (const c of codes) if (!this.aadsts.includes(c)) this.aadsts.push(c);
  }
}
