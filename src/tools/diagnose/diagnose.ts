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
import { Facts, signalFact } from '../../protocol/causes/facts.ts';
import { toLogText } from './log-text.ts';
import { rankCauses, type Finding } from './rank-causes.ts';
import { factsOfText } from './text-facts.ts';
import { diagnoseXml, type Detail } from './xml-facts.ts';

export type Profile = 'pingone' | 'adfs';

export interface Diagnosis {
  /** What the input was recognised as, e.g. `dsregcmd /join /debug`. */
  readonly kinds: readonly string[];
  readonly lines: number;
  readonly findings: readonly Finding[];
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
  ['dsregcmd /status', /\|\s{1,4}Device State\s|Diagnostics Reference\s*:|Client ErrorCode\s*:/],
  [
    'Event Viewer (User Device Registration)',
    /User Device Registration|Automatic registration (?:failed|Succeeded)/,
  ],
  ['Event Viewer (Workplace Join)', /Microsoft-Windows?-Workplace Join|Workplace Join discovery/],
  [
    'down-level autoworkplace dialog',
    /Workplace Join for Windows|error occurred during account|maximum number of (?:joined )?devices|didn't respond/i,
  ],
  ['Entra error response', /"error_description"\s*:|"error_codes"\s*:/],
  ['AADSTS error text', /AADSTS\d{4,8}/],
];

const PINGONE =
  /\/wsf\/(?:sts|mex13?|prp)\/|\bping(?:one|federate|-)|\/applications\/[0-9a-f-]{36}/i;
const ADFS = /\/adfs\/(?:services|ls)\b|AD FS|ADFS/;

/** The cheap first look: does any input diagnose knows contain one of these? */
const ANY_ANCHOR =
  /AADSTS\d|0x[0-9a-fA-F]{8}|Dsr|dsreg|AzureAdJoined|AdalLog|Event ?ID|Registration|Workplace Join|account (?:authentication|verification)|maximum number of|throttled|"error"/;

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
    if (!ANY_ANCHOR.test(log.text)) {
      return {
        ok: false,
        message:
          'not a log diagnose knows: found no dsregcmd output, Event Viewer entry, AADSTS code, HRESULT, down-level dialog text or XML document in it',
      };
    }
    for (const [kind, re] of KINDS) if (re.test(log.text)) kinds.push(kind);
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
  const findings = rankCauses(facts);
  const fallback = fallbackFindings(facts, findings);
  const profile = PINGONE.test(log.text) ? 'pingone' : ADFS.test(log.text) ? 'adfs' : undefined;
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
    if (facts.has(signalFact('federated-join-completed')))
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
      warnings: fallback.warnings,
      notes: [...notes, ...fallback.notes],
      details,
      facts,
      ...(profile ? { profile } : {}),
    },
  };
}
