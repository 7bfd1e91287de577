/**
 * Which cause each shipped scenario reproduces, derived from the scenario's own `expect` (its
 * AADSTS codes, HRESULTs, transcript lines, fallback and outcome) through the same facts and the
 * same ranking as a diagnosis — so a scenario needs no extra field, and a new scenario is mapped
 * as soon as its codes are in the catalogue. A scenario "fails or falls back" when it expects no
 * join, a fallback, an AADSTS code or a failure HRESULT.
 * @see docs/decisions/0007-diagnose-causes-from-facts.md
 */
import { isSimError } from '../../core/errors.ts';
import { findScenarioFiles } from '../../scenario/language/find-scenarios.ts';
import { loadScenario } from '../../scenario/language/load-scenario.ts';
import type { Scenario } from '../../scenario/language/schema.ts';
import {
  aadstsFact,
  eventFact,
  Facts,
  hresultFact,
  signalFact,
} from '../../protocol/causes/facts.ts';
import { toLogText } from './log-text.ts';
import { rankCauses } from './rank-causes.ts';
import { factsOfText } from './text-facts.ts';

export function failsOrFallsBack(expect: Scenario['expect']): boolean {
  return (
    expect.joined === false ||
    expect.fallbackAttempted === true ||
    (expect.aadsts ?? []).length > 0 ||
    (expect.hresults ?? []).length > 0
  );
}

/** The facts a scenario's `expect` states. */
export function factsOfExpect(expect: Scenario['expect']): Facts {
  const facts = new Facts();
  for (const code of expect.aadsts ?? []) facts.add(aadstsFact(code));
  for (const hr of expect.hresults ?? []) facts.add(hresultFact(hr));
  for (const id of expect.events ?? []) facts.add(eventFact(id));
  if (expect.fallbackAttempted) facts.add(signalFact('fallback'));
  if (expect.fallbackAttempted === false && expect.errorPhase === 'auth')
    facts.add(signalFact('fallback-off'));
  if (expect.joined === true) facts.add(signalFact('joined'));
  if (expect.joined === false) facts.add(signalFact('not-joined'));
  if (expect.joinType === 'sync') facts.add(signalFact('sync-join-completed'));
  // The lines the scenario expects in its transcript and in its dsregcmd /status.
  const lines = [...(expect.transcriptIncludes ?? []), ...(expect.statusIncludes ?? [])];
  if (lines.length > 0) factsOfText(toLogText(lines.join('\n')), facts);
  return facts;
}

export function causeOfExpect(expect: Scenario['expect']): string | undefined {
  return rankCauses(factsOfExpect(expect))[0]?.cause.id;
}

export interface ScenarioCause {
  readonly file: string;
  readonly name: string;
  readonly cause: string;
  readonly facts: Facts;
}

/** Every failing or falling-back scenario under `dir` with its cause; unreadable files listed. */
export async function scenarioCauses(
  dir: string,
): Promise<{ mapped: ScenarioCause[]; unmapped: string[]; unreadable: string[] }> {
  const mapped: ScenarioCause[] = [];
  const unmapped: string[] = [];
  const unreadable: string[] = [];
  let files: string[];
  try {
    files = await findScenarioFiles([dir]);
  } catch (e) {
    return { mapped, unmapped, unreadable: [`${dir}: ${isSimError(e) ? e.message : String(e)}`] };
  }
  for (const file of files) {
    try {
      const { scenario } = await loadScenario(file);
      if (!failsOrFallsBack(scenario.expect)) continue;
      const facts = factsOfExpect(scenario.expect);
      const cause = rankCauses(facts)[0]?.cause.id;
      if (cause === undefined) unmapped.push(file);
      else mapped.push({ file, name: scenario.name, cause, facts });
    } catch (e) {
      unreadable.push(`${file}: ${isSimError(e) ? e.message.split('\n')[0] : String(e)}`);
    }
  }
  return { mapped, unmapped, unreadable };
}
