/**
 * Renders what a down-level machine shows: per signed-in user, `autoworkplace.exe /i` and the
 * dialog's answer after the join attempt (the transcript), or its status (the status view).
 * @see ../shared/seeds/000_91f9f745d1a3ebae.txt (Step 1: `"%programFiles%\Microsoft Workplace
 *   Join\autoworkplace.exe" /i` "displays a dialog box…"; Step 2: the Join button and the failure
 *   details); ../autoworkplace/dialog-text.ts
 * modeled: the dialog drawn as text (a box with the title, the message and the button); the
 *   session header line naming the user is the simulator's, not Windows'.
 */
import { DIALOG_TITLE, dialogMessage, NOT_JOINED_MESSAGE } from '../autoworkplace/dialog-text.ts';
import type { DownlevelTrace, UserAttempt } from '../autoworkplace/downlevel-trace.ts';

export const AUTOWORKPLACE_STATUS_COMMAND =
  '"%ProgramFiles%\\Microsoft Workplace Join\\autoworkplace.exe" /i';

const WIDTH = 70;

function box(lines: readonly string[]): string[] {
  const rule = `+${'-'.repeat(WIDTH)}+`;
  const wrap = (text: string): string[] => {
    const out: string[] = [];
    let line = '';
    for (const word of text.split(' ')) {
      if (line && line.length + 1 + word.length > WIDTH - 2) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
    return out;
  };
  return [
    rule,
    `| ${DIALOG_TITLE.padEnd(WIDTH - 1)}|`,
    rule,
    ...lines.flatMap(wrap).map((l) => `| ${l.padEnd(WIDTH - 1)}|`),
    rule,
  ];
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
