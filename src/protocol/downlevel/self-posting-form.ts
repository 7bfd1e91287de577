/**
 * Whether a page is one a browser submits by itself (an auto-post form of hidden fields, as a
 * passive STS or Seamless SSO answers) or one that waits for the user (a sign-in page): the
 * silent down-level sign-in can follow only the first.
 * @see ../wsfed/auto-post-form.ts (the form itself); seed 000 ("the home realm discovery (HRD)
 *   page is waiting for user interaction, which prevents autoworkplace.exe from silently
 *   requesting a token")
 */
import { readAutoPostForm } from '../wsfed/auto-post-form.ts';

export interface SelfPostingForm {
  readonly action: string;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * The page's POST form when every input is hidden (or the no-script submit button); undefined
 * for a page without one, or whose form asks the user for something. Never throws.
 */
export function readSelfPostingForm(html: string): SelfPostingForm | undefined {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form || !/method\s*=\s*["']?post/i.test(form[1]!)) return undefined;
  const asksUser = [...form[2]!.matchAll(/<input\b([^>]*)>/gi)].some(
    (m) => !/type\s*=\s*"(hidden|submit)"/i.test(m[1]!),
  );
  if (asksUser || !/\baction\s*=\s*"/i.test(form[1]!)) return undefined;
  return readAutoPostForm(html);
}
