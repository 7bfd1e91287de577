import { describe, expect, it } from 'vitest';
import { buildAutoPostForm } from '../wsfed/auto-post-form.ts';
import { readSelfPostingForm } from './self-posting-form.ts';

describe('readSelfPostingForm', () => {
  it('reads an auto-post form, markup characters included', () => {
    const fields = { wa: 'wsignin1.0', wresult: '<t:RSTR a="1">&amp;</t:RSTR>', wctx: 'x\'y"z' };
    const html = buildAutoPostForm({
      action: 'https://login.microsoftonline.com/login.srf',
      fields: Object.entries(fields),
    });
    expect(readSelfPostingForm(html)).toEqual({
      action: 'https://login.microsoftonline.com/login.srf',
      fields,
    });
  });

  it('does not submit a page that asks the user for something (a sign-in page)', () => {
    const page =
      '<html><form method="POST" action="/login"><input type="email" name="login" />' +
      '<input type="password" name="passwd" /><input type="hidden" name="a" value="b" /></form></html>';
    expect(readSelfPostingForm(page)).toBeUndefined();
  });

  it('ignores a page without a POST form, or whose form has no action', () => {
    expect(readSelfPostingForm('<html><body>Hello</body></html>')).toBeUndefined();
    expect(readSelfPostingForm('<form method="GET" action="/x"></form>')).toBeUndefined();
    expect(
      readSelfPostingForm('<form method="post"><input type="hidden" name="a" value="b" /></form>'),
    ).toBeUndefined();
  });
});
