/**
 * What the "Workplace Join for Windows" dialog (`autoworkplace.exe /i`) says for each result.
 * @see [TSL]: the dialog's title and the screenshots'
 *   descriptions ("an error occurred during account authentication", "… account verification",
 *   "the user has reached the maximum number of joined devices", "an error occurred because the
 *   server didn't respond"; success "states that a certain device is joined to a workplace" with
 *   the user's e-mail address)
 * modeled: the exact sentences: the seed describes the screenshots, it does not quote them; the
 *   wording below keeps the descriptions' words.
 */
import type { DialogResult } from './downlevel-trace.ts';

export const DIALOG_TITLE = 'Workplace Join for Windows';

export function dialogMessage(result: DialogResult, upn: string, computer: string): string {
  switch (result) {
    case 'joined':
      return `This device (${computer}) is joined to your workplace as ${upn}.`;
    case 'account-authentication':
      return 'An error occurred during account authentication.';
    case 'account-verification':
      return 'An error occurred during account verification.';
    case 'device-quota':
      return 'You have reached the maximum number of joined devices.';
    case 'no-response':
      return "An error occurred because the server didn't respond.";
  }
}

/** `/i` before a successful join: the device is not joined and the dialog offers the Join button. */
export const NOT_JOINED_MESSAGE = 'This device is not joined to your workplace.';
