/**
 * Property tests of the IdP-side readers: on arbitrary input they return or throw a SimError,
 * never anything else; what the builders write, the readers read back unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSimError } from '../../src/core/errors.ts';
import { encodeRedirectRequest, readAuthnRequest } from '../../src/idp/samlp/authn-request.ts';
import { buildAutoPostForm, readAutoPostForm } from '../../src/protocol/wsfed/auto-post-form.ts';
import { buildSignInQuery, parsePassiveRequest } from '../../src/protocol/wsfed/sign-in-request.ts';

function onlySimErrors(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!isSimError(e)) throw e;
  }
}

const param = fc.string({ maxLength: 40 });

describe('IdP readers on arbitrary input', () => {
  it('parsePassiveRequest throws only SimError', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('wa', 'wtrealm', 'wreply', 'wctx', 'wct', 'wfresh', 'x'),
          param,
        ),
        (d) => {
          onlySimErrors(() => parsePassiveRequest(new URLSearchParams(d)));
        },
      ),
    );
  });

  it('readAuthnRequest throws only SimError, in both bindings', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.base64String(), fc.string(), fc.string().map(encodeRedirectRequest)),
        (raw) => {
          for (const binding of ['redirect', 'post'] as const) {
            onlySimErrors(() =>
              readAuthnRequest(new URLSearchParams({ SAMLRequest: raw }), binding),
            );
          }
        },
      ),
    );
  });

  it('readAutoPostForm throws only SimError', () => {
    fc.assert(fc.property(fc.string(), (html) => onlySimErrors(() => readAutoPostForm(html))));
  });
});

describe('IdP builders round-trip through their readers', () => {
  it('buildAutoPostForm → readAutoPostForm', () => {
    fc.assert(
      fc.property(
        fc.webUrl(),
        fc.uniqueArray(fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,10}$/), fc.string()), {
          selector: ([n]) => n,
          maxLength: 5,
        }),
        (action, fields) => {
          const read = readAutoPostForm(buildAutoPostForm({ action, fields }));
          expect(read.action).toBe(action);
          expect(read.fields).toEqual(Object.fromEntries(fields));
        },
      ),
    );
  });

  it('buildSignInQuery → parsePassiveRequest', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.option(fc.string(), { nil: undefined }),
        (realm, context) => {
          const r = parsePassiveRequest(
            new URLSearchParams(
              buildSignInQuery({ realm, ...(context === undefined ? {} : { context }) }),
            ),
          );
          expect(r).toEqual({
            action: 'wsignin1.0',
            realm,
            ...(context === undefined ? {} : { context }),
          });
        },
      ),
    );
  });
});
