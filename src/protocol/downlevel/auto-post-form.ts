/**
 * The self-submitting HTML form passive protocols hand a browser (WS-Fed `wresult`, Seamless SSO's
 * token): built by the party, read back by the client's browser, which posts it on.
 * @see ../shared/research/protocol.md §5 (auth0/node-wsfed `templates/form.ejs`: a form with
 *   hidden `wa`, `wresult`, `wctx` inputs posted to `https://login.microsoftonline.com/login.srf`)
 * modeled: the page's markup beyond the form and its hidden inputs.
 */
import { SimError } from '../../core/errors.ts';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const UNESCAPES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ESCAPES).map(([k, v]) => [v, k]),
);

function escapeHtml(v: string): string {
  return v.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function unescapeHtml(v: string): string {
  return v.replace(/&(amp|lt|gt|quot|#39);/g, (e) => UNESCAPES[e]!);
}

export interface AutoPostForm {
  readonly action: string;
  readonly fields: Readonly<Record<string, string>>;
}

export function buildAutoPostForm(form: AutoPostForm, title = 'Working...'): string {
  const inputs = Object.entries(form.fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}" />`)
    .join('');
  return (
    `<html><head><title>${escapeHtml(title)}</title></head>` +
    `<body><form method="POST" name="hiddenform" action="${escapeHtml(form.action)}">${inputs}` +
    `<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript>` +
    `</form><script language="javascript">window.setTimeout('document.forms[0].submit()', 0);</script></body></html>`
  );
}

/**
 * Reads the first POST form of a page when it posts itself: every input hidden (or a submit button
 * for browsers without script). Undefined for a page without one, or whose form asks the user for
 * something (a sign-in page). Throws SimError ERR_XML_SHAPE when the form has no action.
 */
export function readAutoPostForm(html: string): AutoPostForm | undefined {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form || !/method\s*=\s*["']?post/i.test(form[1]!)) return undefined;
  const asksUser = [...form[2]!.matchAll(/<input\b([^>]*)>/gi)].some(
    (m) => !/type\s*=\s*"(hidden|submit)"/i.test(m[1]!),
  );
  if (asksUser) return undefined;
  const action = /action\s*=\s*"([^"]*)"/i.exec(form[1]!)?.[1];
  if (action === undefined)
    throw new SimError('ERR_XML_SHAPE', 'the auto-post form has no action attribute');
  const fields: Record<string, string> = {};
  for (const m of form[2]!.matchAll(/<input\b([^>]*)\/?>/gi)) {
    const attrs = m[1]!;
    if (!/type\s*=\s*"hidden"/i.test(attrs)) continue;
    const name = /name\s*=\s*"([^"]*)"/i.exec(attrs)?.[1];
    const value = /value\s*=\s*"([^"]*)"/i.exec(attrs)?.[1] ?? '';
    if (name !== undefined) fields[unescapeHtml(name)] = unescapeHtml(value);
  }
  return { action: unescapeHtml(action), fields };
}
