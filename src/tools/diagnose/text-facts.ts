/**
 * Reads facts out of a text log: AADSTS codes (also from `error_codes`), failure HRESULTs, event
 * ids and the named signals, each with the line it was found on.
 * @see signals.ts for the lines; src/protocol/hresult/catalog.ts `isFailure` (0x8…/0xc… only)
 */
import { isFailure } from '../../protocol/hresult/catalog.ts';
import {
  aadstsFact,
  eventFact,
  Facts,
  hresultFact,
  signalFact,
  type FactKey,
} from '../../protocol/causes/facts.ts';
import { excerpt, lineAt, type LogText } from './log-text.ts';
import { MAX_MATCHES_PER_SIGNAL, SIGNALS } from '../../protocol/causes/signals.ts';

const AADSTS_RE = /AADSTS(\d{4,8})\b/g;
const ERROR_CODES_RE = /"error_codes"\s{0,4}:\s{0,4}\[([0-9,\s]{1,80})\]/g;
const HRESULT_RE = /\b0x([0-9a-fA-F]{8})\b/g;
/** Event Viewer's "Event ID:" (details pane, Save As text, wevtutil /f:text). */
const EVENT_ID_RE = /\bEvent\s?ID\s{0,8}:\s{0,8}(\d{1,5})\b/gi;
/** Get-WinEvent | Format-List: "Id : 304" next to a ProviderName line. */
const WINEVENT_ID_RE = /^\s{0,8}Id\s{1,30}:\s{0,4}(\d{1,5})\s*$/gm;
const EVENT_PROVIDER_RE = /User\s+Device\s+Registration|Workplace\s+Join/i;

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
  if (EVENT_PROVIDER_RE.test(log.text)) {
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
