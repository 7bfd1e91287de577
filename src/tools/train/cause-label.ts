/**
 * The quiz's answer labels: a scenario's cause in words, without the codes and outcome its name
 * ends with (a choice reading "… - AADSTS50107, fallback to sync join" gives the answer away when
 * the transcript shows AADSTS50107). Scenario names follow "Group - cause - outcome" (the group
 * and outcome optional; an outcome may also follow the cause after ": "); the label keeps the
 * cause and the settings the outcome part names (FallbackToSyncJoin = 0, device not synced),
 * which are part of the cause.
 */

/** The folders' name prefixes: the part of the name that says where, not what. */
const GROUPS = new Set([
  'AD FS',
  'Attack',
  'Down-level',
  'Entra',
  'PingOne',
  'On-prem',
  'Lifecycle',
  'Network',
  'PRT',
  'TPM',
  'Windows version',
]);

/** What a label must never contain: the codes a transcript shows. */
export const CODE_PATTERN =
  /\b(AADSTS\d+|0x[0-9a-f]{8}|DSREG_[A-Z_]+|[A-Z]+_E_[A-Z_]+|NTE_[A-Z_]+|E_INVALIDDATA|events? \d+|DirectoryError|LogFatalAuthError)\b/;

/** Words that say how a join ended, not why. */
const OUTCOME_WORDS =
  /\b(joins?|joined|unjoined|registers?|registration|sync join|fallback|AzureAdPrt|DeviceAuthStatus|TpmProtected)\b/i;

const CODE_ANYWHERE = new RegExp(CODE_PATTERN.source, 'gi');

function withoutCodes(text: string): string {
  return text
    .replace(
      /\b([A-Z]+)_E_([A-Z_]+)\b/g,
      (_, p: string, rest: string) => `${p} ${rest.toLowerCase().replace(/_/g, ' ')}`,
    )
    .replace(CODE_ANYWHERE, '')
    .replace(/\(\s*\)/g, '')
    .replace(/\s*,\s*(,\s*)+/g, ', ')
    .replace(/^[\s,:;-]+|[\s,:;-]+$/g, '')
    .replace(/\s{2,}/g, ' ');
}

/** A cause label for the scenario named `name` (the quiz's choices). */
export function causeLabel(name: string): string {
  let parts = name.split(' - ').map((p) => p.trim());
  if (parts.length > 1 && GROUPS.has(parts[0]!)) parts = parts.slice(1);
  const outcome = parts.length > 1 ? parts.at(-1)! : '';
  let cause = (parts.length > 1 ? parts.slice(0, -1) : parts).join(' - ');
  // "cause: outcome" — the part after ": " is the outcome when it names a code, quotes a dialog
  // or says how the join ended.
  const colon = cause.indexOf(': ');
  const after = colon > 0 ? cause.slice(colon) : '';
  if (colon > 0 && (CODE_PATTERN.test(after) || after.includes('"') || OUTCOME_WORDS.test(after)))
    cause = cause.slice(0, colon);
  if (/\bbaseline\b/i.test(cause)) cause = 'Nothing is misconfigured (the baseline)';
  const settings: string[] = [];
  if (/,\s*fallback off$/i.test(cause)) {
    cause = cause.replace(/,\s*fallback off$/i, '');
    settings.push('FallbackToSyncJoin = 0');
  } else if (/FallbackToSyncJoin = 0|fallback off/i.test(outcome))
    settings.push('FallbackToSyncJoin = 0');
  if (/device not synced/i.test(outcome)) settings.push('the device not synced yet');
  if (/\(device synced\)/i.test(outcome)) settings.push('the device already synced');
  return withoutCodes(cause) + (settings.length ? `, with ${settings.join(' and ')}` : '');
}
