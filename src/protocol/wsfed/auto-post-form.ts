/**
 * The HTML page a passive STS answers with: a form of hidden fields the browser posts to the
 * relying party on load (WS-Fed `wresult`, SAML-P `SAMLResponse`), and a reader for it.
 * @see WS-Federation 1.2 §13.2.3 (POST of wresult); SAML 2.0 Bindings §3.5.4 (HTTP POST form);
 *   [FEDSAML] [NWSFED] [AADI] (node-wsfed templates/form.ejs)
 * modeled: the page text ("Working...", "Script is disabled. Click Submit to continue.") follows
 *   the WIF/AD FS page seen in browser traces; no public specification fixes it.
 */
import { SimError } from '../../core/errors.ts';

const HTML_ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes a double-quoted HTML attribute value (the page is HTML, not XML: XML goes through
 * protocol/xml/escape-xml.ts).
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ENTITY[c] ?? c);
}

function unescapeHtml(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39|#x27|apos);/g, (_m, name: string) => {
    switch (name) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      default:
        return "'";
    }
  });
}

export interface AutoPostForm {
  readonly action: string;
  readonly fields: readonly (readonly [string, string])[];
}

export function buildAutoPostForm(form: AutoPostForm): string {
  const inputs = form.fields
    .map(([n, v]) => `<input type="hidden" name="${escapeHtml(n)}" value="${escapeHtml(v)}" />`)
    .join('');
  return (
    `<html><head><title>Working...</title></head><body>` +
    `<form method="POST" name="hiddenform" action="${escapeHtml(form.action)}">${inputs}` +
    `<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript>` +
    `</form><script language="javascript">window.setTimeout('document.forms[0].submit()', 0);</script>` +
    `</body></html>`
  );
}

/**
 * Reads the first form of an auto-post page: its action and its hidden fields (values
 * unescaped). Throws SimError `ERR_WSFED_REQUEST` when the page has no form with an action.
 */
export function readAutoPostForm(html: string): { action: string; fields: Record<string, string> } {
  const form = /<form\b[^>]*\baction\s*=\s*"([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) {
    throw new SimError('ERR_WSFED_REQUEST', 'the page has no <form action="…"> to post', {
      hint: 'a passive STS answers a sign-in with an auto-post form; this page is something else',
    });
  }
  const fields: Record<string, string> = {};
  for (const input of form[2]!.matchAll(/<input\b[^>]*>/gi)) {
    const tag = input[0];
    const name = /\bname\s*=\s*"([^"]*)"/i.exec(tag)?.[1];
    const value = /\bvalue\s*=\s*"([^"]*)"/i.exec(tag)?.[1];
    if (name !== undefined && value !== undefined && /\btype\s*=\s*"hidden"/i.test(tag)) {
      fields[unescapeHtml(name)] = unescapeHtml(value);
    }
  }
  return { action: unescapeHtml(form[1]!), fields };
}
