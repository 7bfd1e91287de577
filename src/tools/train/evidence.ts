/**
 * The lines of a `dsregcmd /join /debug` transcript that carry a failure signature, each with why
 * it matters (AADSTS codes, failure HRESULTs, fallback, the final state), and a plain explanation
 * of an outcome. The quiz uses them to justify its answer.
 * @see src/protocol/oauth/aadsts.ts, src/protocol/hresult/catalog.ts (meanings and provenance);
 *   src/client/autoworkplace/dialog-text.ts (the down-level dialog's messages and their source)
 */
import type { JoinOutcome } from '../../client/trace.ts';
import { HR, hresultEntry } from '../../protocol/hresult/catalog.ts';
import { AADSTS, aadstsEntry } from '../../protocol/oauth/aadsts.ts';
import type { EvidenceLine } from './api-types.ts';

const MAX_EVIDENCE = 10;

/** What some codes mean for a hybrid join, beyond the catalogue's generic text. */
const HYBRID_JOIN_READING: Readonly<Record<string, string>> = {
  AADSTS51004: `For a computer, AADSTS${AADSTS.UserAccountNotInDirectory} means Entra did not read a device token: accounttype, onpremobjectguid or primarysid is missing or under the wrong namespace (NameFormat), so Entra looked for a user and found none. The transcript does not say which claim: the assertion in the token request does.`,
  [HR.DSREG_E_DIRECTORY_FAILURE]:
    'The sync join needs the computer object synced to Entra by Entra Connect (with its userCertificate); DRS answered DirectoryError.',
};

function rule(
  test: RegExp,
  why: (m: RegExpExecArray) => string,
): (line: string) => string | undefined {
  return (line) => {
    const m = test.exec(line);
    return m ? why(m) : undefined;
  };
}

export function evidenceLines(
  transcript: readonly string[],
  outcome: JoinOutcome | undefined,
  expectedLines: readonly string[] = [],
): EvidenceLine[] {
  const rules = [
    rule(/AADSTS(\d+)/, (m) => {
      const e = aadstsEntry(Number(m[1]));
      return `Entra refused the token with AADSTS${m[1]}${e ? ` (${e.name})` : ''}`;
    }),
    ...(outcome?.hresults ?? []).map((hr) =>
      rule(new RegExp(`\\b${hr}\\b`, 'i'), () => {
        const e = hresultEntry(hr);
        return `${hr}${e ? ` ${e.symbol}: ${e.meaning}` : ''}`;
      }),
    ),
    rule(/Try synchronized join/, () => 'the client falls back to a sync join'),
    rule(/Join error code:|Join message:/, () => 'DRS refused the join'),
    rule(/isDcAvailable: NO/, () => 'no domain controller: the pre-check stops the join'),
    rule(/AutoEnrollAsComputer completed successfully/, () => 'the federated join completed'),
    rule(/Join: completed successfully/, () => 'the sync join completed'),
    rule(/AzureAdJoined : (YES|NO)/, (m) => `the end state: AzureAdJoined ${m[1]}`),
    // Down-level: what the Workplace Join dialog of `autoworkplace.exe /i` tells the user.
    rule(
      /\| (This device \(.*\) is joined to your workplace as |An error occurred |You have reached the maximum number of joined devices)/,
      () =>
        'what the Workplace Join dialog tells the user: the end state of a down-level registration',
    ),
    ...expectedLines.map((text) =>
      rule(
        new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
        () => 'part of this failure’s signature',
      ),
    ),
  ];
  // Per rule, the most telling line: dsreg's own lines before the ADAL log, then the shortest.
  const picked = new Map<number, string>();
  for (const r of rules) {
    let best: { i: number; text: string; why: string } | undefined;
    transcript.forEach((text, i) => {
      const why = r(text);
      if (why === undefined) return;
      const better =
        !best ||
        (best.text.startsWith('AdalLog') && !text.startsWith('AdalLog')) ||
        (best.text.startsWith('AdalLog') === text.startsWith('AdalLog') &&
          text.length < best.text.length);
      if (better) best = { i, text, why };
    });
    if (best && !picked.has(best.i)) picked.set(best.i, best.why);
  }
  const out: EvidenceLine[] = [...picked]
    .sort(([a], [b]) => a - b)
    .map(([i, why]) => ({ line: i + 1, text: transcript[i]!, why }));
  return out.slice(0, MAX_EVIDENCE);
}

export function explainOutcome(outcome: JoinOutcome | undefined): string[] {
  if (!outcome) return ['The run did not complete: the scenario could not be built.'];
  const out: string[] = [];
  out.push(
    outcome.joined
      ? `The computer ends joined, by a ${outcome.joinType === 'sync' ? 'sync join' : 'federated join'}.`
      : `The computer ends not joined${outcome.errorPhase ? ` (error phase: ${outcome.errorPhase})` : ''}.`,
  );
  for (const code of outcome.aadsts) {
    const e = aadstsEntry(code);
    out.push(
      HYBRID_JOIN_READING[`AADSTS${code}`] ??
        `AADSTS${code}${e ? ` ${e.name}: ${e.doc}` : ': not in the catalogue'}`,
    );
  }
  if (outcome.fallbackAttempted)
    out.push('FallbackToSyncJoin is on: after the federated failure the client tried a sync join.');
  else if (outcome.errorPhase === 'auth')
    out.push('FallbackToSyncJoin is off: the federated failure ends the join.');
  for (const hr of outcome.hresults) {
    const reading = HYBRID_JOIN_READING[hr];
    if (reading) out.push(reading);
  }
  return out;
}
