/**
 * Checks a scenario's `expect` against what the run produced; each failure says what was
 * expected and what happened instead.
 */
import type { JoinOutcome } from '../../client/trace.ts';
import type { EventRecord } from '../../protocol/events/format-event.ts';
import type { Scenario } from '../language/schema.ts';

export function checkExpectations(
  expect: Scenario['expect'],
  outcome: JoinOutcome,
  transcript: readonly string[],
  events: readonly EventRecord[] = [],
  statusOutput: readonly string[] = [],
): string[] {
  const failures: string[] = [];
  const status = statusOutput.join('\n');
  for (const line of expect.statusIncludes ?? []) {
    if (!status.includes(line))
      failures.push(`expect.statusIncludes: dsregcmd /status has no "${line}"`);
  }
  for (const line of expect.statusExcludes ?? []) {
    if (status.includes(line))
      failures.push(`expect.statusExcludes: dsregcmd /status has "${line}"`);
  }
  const text = transcript.join('\n');
  if (expect.joined !== undefined && expect.joined !== outcome.joined) {
    failures.push(`expect.joined: expected ${expect.joined}, got ${outcome.joined}`);
  }
  if (expect.joinType !== undefined && expect.joinType !== outcome.joinType) {
    failures.push(`expect.joinType: expected ${expect.joinType}, got ${outcome.joinType}`);
  }
  if (expect.aadsts !== undefined) {
    const want = [...new Set(expect.aadsts)].sort((a, b) => a - b);
    const got = [...new Set(outcome.aadsts)].sort((a, b) => a - b);
    if (want.join(',') !== got.join(',')) {
      failures.push(`expect.aadsts: expected [${want.join(', ')}], got [${got.join(', ')}]`);
    }
  }
  for (const hr of expect.hresults ?? []) {
    if (!outcome.hresults.includes(hr.toLowerCase())) {
      failures.push(
        `expect.hresults: ${hr} was not reported; reported: [${outcome.hresults.join(', ')}]`,
      );
    }
  }
  if (expect.errorPhase !== undefined && expect.errorPhase !== outcome.errorPhase) {
    failures.push(
      `expect.errorPhase: expected ${expect.errorPhase}, got ${outcome.errorPhase ?? '(none)'}`,
    );
  }
  if (
    expect.fallbackAttempted !== undefined &&
    expect.fallbackAttempted !== outcome.fallbackAttempted
  ) {
    failures.push(
      `expect.fallbackAttempted: expected ${expect.fallbackAttempted}, got ${outcome.fallbackAttempted}`,
    );
  }
  const logged = events.map((e) => e.id);
  for (const id of expect.events ?? []) {
    if (!logged.includes(id))
      failures.push(`expect.events: event ${id} was not logged; logged: [${logged.join(', ')}]`);
  }
  for (const id of expect.eventsExclude ?? []) {
    if (logged.includes(id)) failures.push(`expect.eventsExclude: event ${id} was logged`);
  }
  if (expect.registrations !== undefined && expect.registrations !== outcome.registrations) {
    failures.push(
      `expect.registrations: expected ${expect.registrations}, got ${outcome.registrations}`,
    );
  }
  for (const line of expect.transcriptIncludes ?? []) {
    if (!text.includes(line))
      failures.push(`expect.transcriptIncludes: the transcript has no "${line}"`);
  }
  for (const line of expect.transcriptExcludes ?? []) {
    if (text.includes(line))
      failures.push(`expect.transcriptExcludes: the transcript has "${line}"`);
  }
  return failures;
}
