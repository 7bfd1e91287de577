import { describe, expect, it } from 'vitest';
import { isSimError } from '../../core/errors.ts';
import { buildAutoPostForm, readAutoPostForm } from './auto-post-form.ts';

describe('auto-post form', () => {
  it('round-trips action and fields, markup characters included', () => {
    const form = {
      action: 'https://login.microsoftonline.com/login.srf',
      fields: { wa: 'wsignin1.0', wresult: '<t:RSTR a="1">&amp;</t:RSTR>', wctx: 'x\'y"z' },
    };
    expect(readAutoPostForm(buildAutoPostForm(form))).toEqual(form);
  });

  it('does not submit a page that asks the user for something (a sign-in page)', () => {
    const page =
      '<html><form method="POST" action="/login"><input type="email" name="login" />' +
      '<input type="password" name="passwd" /></form></html>';
    expect(readAutoPostForm(page)).toBeUndefined();
  });

  it('ignores a page without a POST form', () => {
    expect(readAutoPostForm('<html><body>Hello</body></html>')).toBeUndefined();
    expect(readAutoPostForm('<form method="GET" action="/x"></form>')).toBeUndefined();
  });

  it('refuses a POST form without an action', () => {
    try {
      readAutoPostForm('<form method="post"><input type="hidden" name="a" value="b" /></form>');
      expect.unreachable();
    } catch (e) {
      expect(isSimError(e, 'ERR_XML_SHAPE')).toBe(true);
    }
  });
});
