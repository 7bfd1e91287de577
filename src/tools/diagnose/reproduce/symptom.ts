/**
 * A join attempt's symptom in comparable terms — AADSTS codes, failure HRESULTs, the error phase,
 * whether dsreg fell back to sync join and whether the device ended joined — read from the
 * customer's logs (through diagnose's facts) or from a simulated run.
 * @see [DSR] (`Error Phase`, `AzureAdJoined`), [PING] ("Federated ADRS join failed … Try
 *   synchronized join.")
 */
import type { JoinOutcome } from '../../../client/trace.ts';
import { signalFact, type Facts } from '../../../protocol/causes/facts.ts';

export interface Symptom {
  readonly aadsts: readonly number[];
  readonly hresults: readonly string[];
  readonly phase?: string;
  readonly fallback: boolean;
  /** undefined: the logs do not say. */
  readonly joined?: boolean;
}

export function symptomOfLogs(facts: Facts, text: string): Symptom {
  const keys = facts.keys();
  const aadsts = [
    ...new Set(keys.filter((k) => k.startsWith('aadsts:')).map((k) => Number(k.slice(7)))),
  ].sort((a, b) => a - b);
  const hresults = [...new Set(keys.filter((k) => k.startsWith('hr:')).map((k) => k.slice(3)))];
  const phase = /Error\s+Phase\s*:\s*([a-z-]+)/i.exec(text)?.[1]?.toLowerCase();
  const joined = facts.has(signalFact('not-joined'))
    ? false
    : facts.has(signalFact('joined')) ||
        facts.has(signalFact('sync-join-completed')) ||
        facts.has(signalFact('federated-join-completed'))
      ? true
      : undefined;
  return {
    aadsts,
    hresults,
    ...(phase ? { phase } : {}),
    fallback: facts.has(signalFact('fallback')),
    ...(joined === undefined ? {} : { joined }),
  };
}

export function symptomOfRun(o: JoinOutcome): Symptom {
  return {
    aadsts: [...new Set(o.aadsts)].sort((a, b) => a - b),
    hresults: o.hresults.map((h) => h.toLowerCase()),
    ...(o.errorPhase ? { phase: o.errorPhase } : {}),
    fallback: o.fallbackAttempted,
    joined: o.joined,
  };
}

/** What differs, in the customer's terms; empty: the simulation shows the customer's symptom. */
export function compareSymptoms(customer: Symptom, simulated: Symptom): string[] {
  const d: string[] = [];
  const list = (xs: readonly (string | number)[], p = '') =>
    xs.length ? xs.map((x) => `${p}${x}`).join(', ') : 'none';
  if (list(customer.aadsts) !== list(simulated.aadsts))
    d.push(
      `AADSTS codes: the customer's logs show ${list(customer.aadsts, 'AADSTS')}, the simulation ${list(simulated.aadsts, 'AADSTS')}`,
    );
  const missing = customer.hresults.filter((h) => !simulated.hresults.includes(h));
  if (missing.length)
    d.push(
      `HRESULTs in the customer's logs that the simulation does not produce: ${missing.join(', ')} (simulated: ${list(simulated.hresults)})`,
    );
  if (customer.phase !== undefined && customer.phase !== simulated.phase)
    d.push(
      `error phase: the customer's is ${customer.phase}, the simulation's ${simulated.phase ?? 'none (no error)'}`,
    );
  if (customer.fallback !== simulated.fallback)
    d.push(
      `fallback to sync join: ${customer.fallback ? 'the customer fell back, the simulation did not' : 'the simulation fell back, the customer did not'}`,
    );
  if (customer.joined !== undefined && customer.joined !== simulated.joined)
    d.push(
      `joined: the customer's device ${customer.joined ? 'is' : 'is not'} joined, the simulated one ${simulated.joined ? 'is' : 'is not'}`,
    );
  return d;
}
