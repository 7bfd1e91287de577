import { describe, expect, it } from 'vitest';
import { isSimError } from '../../core/errors.ts';
import { buildAutoPostForm, readAutoPostForm } from './auto-post-form.ts';

describe('auto-post form', () => {
  it('round-trips the action and fields, escaping markup and quotes', () => {
    const wresult = `<t:RequestSecurityTokenResponse a="1" b='2'>&amp;</t:RequestSecurityTokenResponse>`;
    const html = buildAutoPostForm({
      action: 'https://login.microsoftonline.com/login.srf?a=1&b=2',
      fields: [
        ['wa', 'wsignin1.0'],
        ['wresult', wresult],
        ['wctx', 'rm=0&id="x"'],
      ],
    });
    expect(html).not.toContain('<t:Request');
    expect(html).toContain('document.forms[0].submit()');
    expect(readAutoPostForm(html)).toEqual({
      action: 'https://login.microsoftonline.com/login.srf?a=1&b=2',
      fields: { wa: 'wsignin1.0', wresult, wctx: 'rm=0&id="x"' },
    });
  });

  it('throws ERR_WSFED_REQUEST for a page without a form', () => {
    let error: unknown;
    try {
      readAutoPostForm('<html><body>Sign in</body></html>');
    } catch (e) {
      error = e;
    }
    expect(isSimError(error, 'ERR_WSFED_REQUEST')).toBe(true);
  });
});
