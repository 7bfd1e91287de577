/** How the CLI prints an error: the message, then what to do about it. */
import { isSimError } from '../../core/errors.ts';

export function errorText(e: unknown): string {
  if (isSimError(e)) return `hjsim: ${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}`;
  return `hjsim: ${e instanceof Error ? e.message : String(e)}`;
}
