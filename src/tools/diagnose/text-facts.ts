/**
 * Reads facts out of a text log: AADSTS codes (also from `error_codes`), failure HRESULTs, event
 * ids and the named signals, each with the line it was found on.
 * @see signals.ts for the lines; src/protocol/hresult/catalog.ts `isFailure` (0x8…/0xc… only)
 */
import { HRESULTS, isFailure, normalizeHresult } from '../../protocol/hresult/catalog.ts';
import {
  aadstsFact,
  eventFact,
  Facts,
  hresultFact,
  signalFact,
  type FactKey,
} from '../../protocol/causes/facts.ts';
import { excerpt, lineAt, type LogText } from './log-text.ts';
import { MAX_MATCHES_PER_SIGNAL, phrase, SIGNALS } from '../../protocol/causes/signals.ts';

const AADSTS_RE = /AADSTS(\d{4,8})\b/g;
const ERROR_CODES_RE = /"error_codes"\s{0,4}:\s{0,4}\[([0-9,\s]{1,80})\]/g;
const HRESULT_RE = /\b0x([0-9a-fA-F]{8})\b/g;
/** Event Viewer's "Event ID:" (details pane, Save As text, wevtutil /f:text). */
const EVENT_ID_RE = /\bEvent\s?ID\s{0,8}:\s{0,8}(\d{1,5})\b/gi;
/** Get-WinEvent | Format-List: "Id : 304" next to a ProviderName line. */
const WINEVENT_ID_RE = /^\s{0,8}Id\s{1,30}:\s{0,4}(\d{1,5})\s*$/gm;
const EVENT_PROVIDER_RE = /User\s+Device\s+Registration|Workplace\s+Join/i;
/**
 * An HRESULT written in decimal, as events and tools print a negative 32-bit value
 * (`-2145648574` = 0x801c0042): 9 or 10 digits after a minus sign, nothing numeric around.
 */
const DECIMAL_RE = /(?<![\w.-])-([12]\d{9}|[1-9]\d{8})(?![\w]|\.\d)/g;

/**
 * The User Device Registration messages by their own text, for an event pasted without its
 * `Event ID:` header (the message body only) [LYWK; MAN]: each names its event.
 */
const TEMPLATE_EVENTS: readonly (readonly [number, RegExp])[] = [
  [304, /Automatic\s+registration\s+failed\s+at\s+join\s+phase/gi],
  [305, /Automatic\s+registration\s+failed\s+at\s+authentication\s+phase/gi],
  [200, /The\s+discovery\s+request\s+send\s+operation\s+failed/gi],
  [201, /The\s+discovery\s+operation\s+callback\s+failed/gi],
  [202, /The\s+initialization\s+of\s+the\s+join\s+request\s+failed/gi],
  [203, /The\s+send\s+join\s+request\s+operation\s+failed/gi],
  [204, /The\s+get\s+join\s+response\s+operation\s+callback\s+failed/gi],
  [
    307,
    /Failed\s+to\s+lookup\s+the\s+registration\s+service\s+information\s+from\s+Active\s+Directory/gi,
  ],
  [309, /Failed\s+to\s+discover\s+the\s+Azure\s+AD\s+DRS\s+service/gi],
  [
    333,
    /pre-check\s+tasks\s+completed\.\s+The\s+device\s+can\s+NOT\s+be\s+joined\.\s+The\s+process\s+MUST/gi,
  ],
  [
    334,
    /can\s+NOT\s+be\s+joined\s+because\s+a\s+domain\s+controller\s+could\s+not\s+be\s+located/gi,
  ],
  [335, /pre-check\s+tasks\s+completed\.\s+The\s+device\s+is\s+already\s+joined/gi],
];

/** True when the text holds one of the User Device Registration messages (with or without its header). */
export function hasEventMessage(text: string): boolean {
  return TEMPLATE_EVENTS.some(([, re]) => {
    re.lastIndex = 0;
    return re.test(text);
  });
}

/**
 * Windows' message texts of the failure codes the catalogue knows, longest first, as patterns: an
 * event that printed `Exit code: Keyset does not exist` names 0x80090016 [WIKI].
 */
const MESSAGE_CODES: readonly (readonly [string, RegExp])[] = [...HRESULTS.values()]
  .filter((e) => e.windowsMessage !== undefined && isFailure(e.hresult))
  .map((e) => [e.hresult, e.windowsMessage!.replace(/\.+$/, '')] as const)
  .sort((a, b) => b[1].length - a[1].length)
  .map(([hr, text]) => [hr, new RegExp(`${phrase(text)}\\.?`, 'gi')] as const);

/** The code a label's value gives: hex, decimal, or Windows' message text for it. */
export function codeOfValue(value: string): string | undefined {
  const v = value.trim().replace(/^Unknown\s+HResult\s+Error\s+code:\s*/i, '');
  const hex = /^0x([0-9a-f]{1,8})\b/i.exec(v);
  if (hex) return normalizeHresult(hex[1]!);
  const dec = /^-(\d{9,10})\b/.exec(v);
  if (dec && Number(dec[1]) <= 2147483648) return normalizeHresult(`-${dec[1]}`);
  for (const [hr, re] of MESSAGE_CODES) {
    re.lastIndex = 0;
    const m = re.exec(v);
    if (m && m.index === 0) return hr;
  }
  return undefined;
}

/**
 * The labels whose value is the failure's own code — the decisive one — rather than a code the
 * log mentions on the way: dsregcmd's `Client ErrorCode`, an event's `Exit code` / `Error`, ADAL's
 * `AdalErrorCode` / `adalResponseCode`, `failed with error`, the PRT `Attempt Status`, and the
 * sub-error of a failed diagnostic test [DSR; TSC; WIKI; PING].
 */
const PRIMARY_RE =
  /(?:Client\s+ErrorCode|Exit\s+code|exit\s+code|AdalErrorCode|adalResponseCode|failed\s+with\s+(?:error|exit\s+code)|Attempt\s+Status|\bError)\s{0,4}[:=]?\s{0,4}([^\n]{1,160})|Test\s*:\s*FAIL\s*\[(0x[0-9a-f]{8})\/(0x[0-9a-f]{8})\]/gi;

/** The decisive codes of a log, in order (see PRIMARY_RE). */
export function primaryCodes(log: LogText): string[] {
  const out: string[] = [];
  PRIMARY_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = PRIMARY_RE.exec(log.text)) !== null && n++ < MAX_MATCHES_PER_SIGNAL * 4) {
    const codes =
      m[1] !== undefined ? [codeOfValue(m[1])] : [normalizeHresult(m[2]!), normalizeHresult(m[3]!)];
    for (const c of codes) if (c !== undefined && isFailure(c) && !out.includes(c)) out.push(c);
  }
  return out;
}

function scan(
  log: LogText,
  re: RegExp,
  facts: Facts,
  keyOf: (m: RegExpExecArray) => FactKey | readonly FactKey[] | undefined,
): void {
  re.lastIndex = 0;
  let n = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(log.text)) !== null && n < MAX_MATCHES_PER_SIGNAL * 4) {
    if (m[0].length === 0) re.lastIndex++;
    n++;
    const keys = keyOf(m);
    if (keys === undefined) continue;
    const line = lineAt(log, m.index);
    const start = log.starts[log.lines.indexOf(line)] ?? 0;
    const evidence = { line: line.line, text: excerpt(line.text, m.index - start) };
    for (const key of typeof keys === 'string' ? [keys] : keys)
      facts.add(key, evidence, { order: m.index });
  }
}

export function factsOfText(log: LogText, facts = new Facts()): Facts {
  scan(log, AADSTS_RE, facts, (m) => aadstsFact(Number(m[1])));
  scan(log, ERROR_CODES_RE, facts, (m) =>
    m[1]!
      .split(',')
      .map((c) => c.trim())
      .filter((c) => /^\d{4,8}$/.test(c))
      .map((c) => aadstsFact(Number(c))),
  );
  scan(log, HRESULT_RE, facts, (m) => {
    const hr = `0x${m[1]!.toLowerCase()}`;
    return isFailure(hr) ? hresultFact(hr) : undefined;
  });
  scan(log, DECIMAL_RE, facts, (m) => {
    const value = Number(m[1]);
    return value <= 2147483648 ? hresultFact(normalizeHresult(`-${m[1]}`)) : undefined;
  });
  for (const [hr, re] of MESSAGE_CODES) scan(log, re, facts, () => hresultFact(hr));
  for (const [id, re] of TEMPLATE_EVENTS) scan(log, re, facts, () => eventFact(id));
  if (EVENT_PROVIDER_RE.test(log.text) || hasEventMessage(log.text)) {
    scan(log, EVENT_ID_RE, facts, (m) => eventFact(Number(m[1])));
    scan(log, WINEVENT_ID_RE, facts, (m) => eventFact(Number(m[1])));
  }
  for (const signal of SIGNALS) {
    let n = 0;
    scan(log, signal.re, facts, () =>
      n++ < MAX_MATCHES_PER_SIGNAL ? signalFact(signal.id) : undefined,
    );
  }
  return facts;
}
