/**
 * `hjsim diagnose`: one input (already read as text) in, ranked causes out. Finds what the input
 * is — a `dsregcmd /join /debug` or `/status` output, Event Viewer text, down-level dialog text,
 * an Entra error body or a bare AADSTS line, or an XML document (MEX, RSTR, SAML, or base64 of an
 * assertion) — reads its facts, ranks the catalogue's causes, and adds the warning the PingOne
 * seed asks for when a fallback to sync join hid a broken federation.
 * @see [PING] ("Fallback sync issue")
 */
import { decodedAssertion } from '../../entra/token/decode-assertion.ts';
import { aadstsEntries } from '../../protocol/oauth/aadsts.ts';
import { hresultEntry, isFailure } from '../../protocol/hresult/catalog.ts';
import { Facts, signalFact, type FactKey } from '../../protocol/causes/facts.ts';
import { toLogText } from './log-text.ts';
import { rankCauses, type Finding } from './rank-causes.ts';
import { factsOfText, hasEventMessage, primaryCodes } from './text-facts.ts';
import { diagnoseXml, type Detail } from './xml-facts.ts';

export type Profile = 'pingone' | 'adfs';

/**
 * How sure a finding is (decision 0020):
 * - `high`: its identifying evidence is decisive — the failure's own code (Client ErrorCode, Exit
 *   code, AdalErrorCode…), an AADSTS code, or a line that only this failure prints — and no
 *   decisive code of the input is left unrecognised;
 * - `medium`: it rests on a code the log mentions on the way, or it is a generic cause;
 * - `low`: the input's decisive code is not recognised and this cause rests on secondary
 *   evidence, or it says "already joined" while the input shows a failure.
 */
export type Confidence = 'high' | 'medium' | 'low';

export interface RatedFinding extends Finding {
  readonly confidence: Confidence;
}

/** One HRESULT or AADSTS code found in the input, named or marked not recognised. */
export interface CodeNote {
  readonly code: string;
  readonly kind: 'hresult' | 'aadsts';
  /** Symbol or doc name; absent when not recognised. */
  readonly name?: string;
  readonly meaning?: string;
  readonly recognised: boolean;
  /** The failure's own code (see Confidence). */
  readonly decisive: boolean;
  readonly line?: number;
}

export interface Diagnosis {
  /** What the input was recognised as, e.g. `dsregcmd /join /debug`. */
  readonly kinds: readonly string[];
  readonly lines: number;
  readonly findings: readonly RatedFinding[];
  /** Every HRESULT and AADSTS code of the input, in order of appearance. */
  readonly codes: readonly CodeNote[];
  readonly warnings: readonly string[];
  readonly notes: readonly string[];
  readonly details: readonly Detail[];
  readonly facts: Facts;
  /** The IdP the input names, when it does (orders the fixes). */
  readonly profile?: Profile;
}

export type DiagnoseResult =
  | { readonly ok: true; readonly diagnosis: Diagnosis }
  | { readonly ok: false; readonly message: string };

const KINDS: readonly (readonly [string, RegExp])[] = [
  [
    'dsregcmd /join /debug',
    /DsrCLI:|DsrCmdJoinHelper::|GetComputerTokenForADRS|AutoEnrollAsComputer|DSREGCMD_END_STATUS|AdalLog:/,
  ],
  [
    'dsregcmd /status',
    /\|\s{1,4}(?:Device State|SSO State|Diagnostic Data)\s|Diagnostics Reference\s*:|Client ErrorCode\s*:|AzureAdPrt\s*:|AzureAdJoined\s*:/,
  ],
  [
    'Event Viewer (User Device Registration)',
    /User Device Registration|Automatic registration (?:failed|Succeeded)/,
  ],
  ['Event Viewer (Workplace Join)', /Microsoft-Windows?-Workplace Join|Workplace Join discovery/],
  [
    'Workplace Join dialog (Windows 8.1)',
    /Can['’]t\s+connect\s+to\s+the\s+service|Cannot\s+connect\s+to\s+the\s+service/i,
  ],
  [
    'down-level autoworkplace dialog',
    /Workplace Join for Windows|error occurred during account|maximum number of (?:joined )?devices|didn't respond/i,
  ],
  ['Event Viewer (AAD Operational)', /Microsoft-Windows-AAD\b/],
  ['Entra error response', /"error_description"\s*:|"error_codes"\s*:/],
  ['AADSTS error text', /AADSTS\d{4,8}/],
];

const PINGONE =
  /\/wsf\/(?:sts|mex13?|prp)\/|\bping(?:one|federate|-)|\/applications\/[0-9a-f-]{36}/i;
const ADFS = /\/adfs\/(?:services|ls)\b|AD FS|ADFS/;

/** The cheap first look: does any input diagnose knows contain one of these? */
const ANY_ANCHOR =
  /AADSTS\d|0x[0-9a-fA-F]{8}|(?<![\w.-])-[12]\d{9}(?!\d)|Dsr|dsreg|AzureAdJoined|AdalLog|Event ?ID|Registration|registration|Workplace Join|account (?:authentication|verification)|maximum number of|throttled|"error"|connect to the service|Keyset does not exist|TPM|isPrivateKeyFound/;

/** Events that report a failure (a join that did not happen, or a key that cannot be used). */
const FAILURE_EVENTS = new Set([
  200, 201, 202, 203, 204, 205, 220, 304, 305, 307, 309, 333, 334, 344,
]);

/** Signals that only say where or in which context something happened, never which failure. */
const CONTEXT_SIGNALS = new Set(
  [
    'joined',
    'not-joined',
    'fallback',
    'fallback-off',
    'token-failed',
    'sync-join-completed',
    'federated-join-completed',
    'tenant-managed',
    'tenant-federated',
    'user-context-not-system',
    'error-phase-pre-check',
    'error-phase-join',
    'error-phase-discover',
    'enterprise-drs',
    'prt-missing',
    'save-public-key',
    'device-renew',
  ].map(signalFact),
);

function codesOf(facts: Facts, primaries: readonly string[]): CodeNote[] {
  const out: CodeNote[] = [];
  for (const o of facts.all()) {
    const line = o.evidence[0]?.line;
    if (o.key.startsWith('hr:')) {
      const code = o.key.slice(3);
      const e = hresultEntry(code);
      out.push({
        code,
        kind: 'hresult',
        recognised: e !== undefined,
        decisive: primaries.includes(code),
        ...(e ? { name: e.symbol, meaning: e.meaning } : {}),
        ...(line !== undefined ? { line } : {}),
      });
    } else if (o.key.startsWith('aadsts:')) {
      const n = Number(o.key.slice(7));
      const e =
        aadstsEntries().find((x) => x.code === n) ??
        aadstsEntries().find((x) => x.errorCodes.includes(n));
      out.push({
        code: `AADSTS${n}`,
        kind: 'aadsts',
        recognised: e !== undefined,
        decisive: true,
        ...(e
          ? {
              name: e.code === n ? e.name : `(with AADSTS${e.code})`,
              meaning: e.code === n ? e.doc : `travels with AADSTS${e.code}: ${e.doc}`,
            }
          : {}),
        ...(line !== undefined ? { line } : {}),
      });
    }
  }
  return out;
}

function failureShown(facts: Facts): boolean {
  return facts
    .keys()
    .some(
      (k) =>
        k.startsWith('aadsts:') ||
        (k.startsWith('hr:') && isFailure(k.slice(3))) ||
        (k.startsWith('event:') && FAILURE_EVENTS.has(Number(k.slice(6)))),
    );
}

function rate(
  findings: readonly Finding[],
  facts: Facts,
  codes: readonly CodeNote[],
): RatedFinding[] {
  const decisiveCodes = new Set(codes.filter((c) => c.decisive).map((c) => c.code));
  const unrecognisedDecisive = codes.some(
    (c) => c.decisive && !c.recognised && c.kind === 'hresult',
  );
  const failing = failureShown(facts);
  const decisive = (k: FactKey) =>
    (k.startsWith('hr:') && decisiveCodes.has(k.slice(3))) ||
    k.startsWith('aadsts:') ||
    (k.startsWith('sig:') && !CONTEXT_SIGNALS.has(k));
  return findings.map((f) => {
    let confidence: Confidence;
    const onDecisive = f.clause.some(decisive);
    if (f.cause.id === 'already-joined' && failing) confidence = 'low';
    else if (
      unrecognisedDecisive &&
      !f.clause.some((k) => k.startsWith('hr:') && decisiveCodes.has(k.slice(3)))
    )
      confidence = 'low';
    else if (onDecisive && !f.cause.generic && !f.predicted) confidence = 'high';
    else confidence = 'medium';
    return { ...f, confidence };
  });
}

function fallbackFindings(
  facts: Facts,
  findings: readonly Finding[],
): {
  warnings: string[];
  notes: string[];
} {
  const warnings: string[] = [];
  const notes: string[] = [];
  const fellBack = facts.has(signalFact('fallback'));
  const joined =
    (facts.has(signalFact('sync-join-completed')) || facts.has(signalFact('joined'))) &&
    !facts.has(signalFact('not-joined'));
  const federatedCause = findings.find((f) => f.cause.federated);
  if (fellBack && joined && federatedCause) {
    warnings.push(
      `Fallback to sync join hid a broken federation: the device joined by sync join, but the federated path is still broken (${federatedCause.cause.id}). Other applications that use the STS (WS-Trust) flow and have no fallback will fail. Fix the federation, and consider disabling the fallback (HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\CDJ, FallbackToSyncJoin = 0) so that such a failure shows. (PingOne troubleshooting, "Fallback sync issue")`,
    );
  } else if (fellBack && facts.has(signalFact('not-joined'))) {
    notes.push('The fallback to sync join was tried and failed too: the device is not joined.');
  }
  if (facts.has(signalFact('fallback-off')) && federatedCause)
    notes.push(
      'FallbackToSyncJoin is disabled: the device stays unjoined until the federation is fixed (nothing hides the failure).',
    );
  return { warnings, notes };
}

/** Diagnoses text already read and decoded; `now` is the clock an assertion's times are checked against. */
export function diagnoseText(input: string, now: Date = new Date()): DiagnoseResult {
  const facts = new Facts();
  const kinds: string[] = [];
  const details: Detail[] = [];
  const notes: string[] = [];
  const log = toLogText(input);
  const trimmed = log.text.trim();

  const b64 = /^[A-Za-z0-9+/=_-]{200,}$/.test(trimmed.replace(/\s+/g, ''))
    ? decodedAssertion(trimmed)
    : undefined;
  const xml = trimmed.startsWith('<') ? trimmed : b64;
  if (xml !== undefined) {
    const r = diagnoseXml(xml, facts, now);
    if (!r.ok) return { ok: false, message: r.message };
    kinds.push(b64 !== undefined ? `${r.kind} (decoded from base64)` : r.kind);
    details.push(...r.details);
    notes.push(...r.notes);
  } else {
    if (!ANY_ANCHOR.test(log.text) && !hasEventMessage(log.text)) {
      return {
        ok: false,
        message:
          'not a log diagnose knows: found no dsregcmd output, Event Viewer entry, AADSTS code, HRESULT, down-level dialog text or XML document in it',
      };
    }
    for (const [kind, re] of KINDS) if (re.test(log.text)) kinds.push(kind);
    const udr = 'Event Viewer (User Device Registration)';
    if (!kinds.includes(udr) && hasEventMessage(log.text)) kinds.push(`${udr}, message only`);
    // An event's Server error holds ADAL's log lines: that alone is no /join /debug transcript.
    if (
      kinds.includes(udr) &&
      !/DsrCLI:|DsrCmdJoinHelper::|GetComputerTokenForADRS|DSREGCMD_END_STATUS/.test(log.text)
    )
      kinds.splice(
        kinds.indexOf('dsregcmd /join /debug'),
        kinds.includes('dsregcmd /join /debug') ? 1 : 0,
      );
    factsOfText(log, facts);
    if (kinds.length === 0 && facts.size === 0) {
      return {
        ok: false,
        message:
          'not a log diagnose knows: no dsregcmd, Event Viewer, AADSTS or HRESULT line in it',
      };
    }
    if (kinds.length === 0) kinds.push('text with error codes');
  }
  const primaries = xml === undefined ? primaryCodes(log) : [];
  const codes = codesOf(facts, primaries);
  const ranked = rankCauses(facts);
  const rated = rate(ranked, facts, codes);
  // "Already joined" never leads while the input shows a failure: the failure is the news.
  const findings = [
    ...rated.filter((f) => f.confidence !== 'low'),
    ...rated.filter((f) => f.confidence === 'low'),
  ];
  const fallback = fallbackFindings(facts, findings);
  const profile = PINGONE.test(log.text) ? 'pingone' : ADFS.test(log.text) ? 'adfs' : undefined;
  const unknown = codes.filter((c) => !c.recognised);
  const unknownDecisive = unknown.filter((c) => c.decisive && c.kind === 'hresult');
  if (unknownDecisive.length > 0)
    notes.push(
      `The failure's own code ${unknownDecisive.map((c) => c.code).join(', ')} is not recognised (not in hjsim's catalogue): the causes${findings.length > 0 ? ' below rest on secondary evidence and are rated low' : ' cannot be named'}. Look it up with the Microsoft Error Lookup Tool, or in the troubleshooting tables (learn.microsoft.com/entra/identity/devices/troubleshoot-hybrid-join-windows-current).`,
    );
  if (findings.length === 0) {
    for (const key of facts.keys()) {
      if (!key.startsWith('aadsts:')) continue;
      const code = Number(key.slice('aadsts:'.length));
      const entry = aadstsEntries().find((e) => e.errorCodes.includes(code));
      notes.push(
        entry
          ? `AADSTS${code} is ${entry.name} ("${entry.doc}"), but no hybrid-join cause is catalogued for it: hjsim explain AADSTS${code}`
          : `AADSTS${code} is not in hjsim's catalogue.`,
      );
    }
    const failing = failureShown(facts);
    if (failing)
      notes.push(
        'The input shows a failure (an error code or a failure event) that no catalogued cause explains: see the codes listed, and the phase the failure names.',
      );
    else if (facts.has(signalFact('federated-join-completed')))
      notes.push('The log shows a successful federated join: there is no failure to diagnose.');
    else if (facts.has(signalFact('joined')) && !facts.has(signalFact('fallback')))
      notes.push('The device is joined (AzureAdJoined : YES) and no failure is shown.');
  }
  return {
    ok: true,
    diagnosis: {
      kinds,
      lines: log.physicalLines,
      findings,
      codes,
      warnings: fallback.warnings,
      notes: [...notes, ...fallback.notes],
      details,
      facts,
      ...(profile ? { profile } : {}),
    },
  };
}
