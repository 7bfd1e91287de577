/**
 * Renders what a down-level machine shows: per signed-in user, `autoworkplace.exe /i` and the
 * dialog's answer after the join attempt (the transcript), or its status (the status view).
 * @see [TSL] (Step 1: `"%programFiles%\Microsoft Workplace
 *   Join\autoworkplace.exe" /i` "displays a dialog box…"; Step 2: the Join button and the failure
 *   details); ../autoworkplace/dialog-text.ts
 * modeled: the dialog drawn as text (a box with the title, the message and the button); the
 *   bracketed lines (the session header, and after a failure the simulator's note of what went
 *   wrong) are the simulator's, not Windows'.
 */
import { DIALOG_TITLE, dialogMessage, NOT_JOINED_MESSAGE } from '../autoworkplace/dialog-text.ts';
import type { DownlevelTrace, UserAttempt } from '../autoworkplace/downlevel-trace.ts';

export const AUTOWORKPLACE_STATUS_COMMAND =
  '"%ProgramFiles%\\Microsoft Workplace Join\\autoworkplace.exe" /i';

const MIN_WIDTH = 70;

/** A text dialog: the title bar, then the lines, in a box as wide as its longest line. */
function box(lines: readonly string[]): string[] {
  const width = Math.max(MIN_WIDTH, ...lines.map((l) => l.length + 2), DIALOG_TITLE.length + 2);
  const rule = `+${'-'.repeat(width)}+`;
  const row = (text: string) => `| ${text.padEnd(width - 1)}|`;
  return [rule, row(DIALOG_TITLE), rule, ...lines.map(row), rule];
}

function prompt(a: UserAttempt): string {
  const user = a.account.slice(a.account.indexOf('\\') + 1);
  return `C:\\Users\\${user}> ${AUTOWORKPLACE_STATUS_COMMAND}`;
}

function header(trace: DownlevelTrace, a: UserAttempt): string {
  return `[${a.account} signs in to ${trace.computer}; the Workplace Join task runs autoworkplace.exe as ${a.loginHint}]`;
}

/** The transcript: per user, the dialog after the join attempt (the Join button's result). */
export function renderAutoworkplaceTranscript(trace: DownlevelTrace): string[] {
  return trace.attempts.flatMap((a) => [
    header(trace, a),
    prompt(a),
    ...box(
      a.result === 'joined'
        ? [dialogMessage('joined', a.loginHint, trace.computer)]
        : [
            NOT_JOINED_MESSAGE,
            '',
            dialogMessage(a.result, a.loginHint, trace.computer),
            '',
            '[ Join ]  [ Close ]',
          ],
    ),
    // What the dialog does not say: the simulator's own note, marked as such.
    ...(a.result === 'joined' ? [] : [`[hjsim: ${a.why}]`]),
    '',
  ]);
}

/** The status: per user, what `/i` reports now. */
export function renderAutoworkplaceStatus(trace: DownlevelTrace): string[] {
  return trace.attempts.flatMap((a) => [
    prompt(a),
    ...box(
      a.result === 'joined'
        ? [
            dialogMessage('joined', a.loginHint, trace.computer),
            '',
            `Device ID: ${a.device?.deviceId ?? ''}`,
            `Thumbprint: ${a.device?.thumbprint ?? ''}`,
          ]
        : [NOT_JOINED_MESSAGE, '', '[ Join ]  [ Close ]'],
    ),
    '',
  ]);
}
