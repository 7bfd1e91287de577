/**
 * The test-only weakening switch stays test-only: nothing under src/ but the verifier refers to
 * it, and without it (or with nothing switched off) the verifier is the strict one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deviceAssertionInput, key, pem } from '../../../test/support/entra-fixture.ts';
import { buildAssertion } from './build-assertion.ts';
import { signAssertion } from './sign-assertion.ts';
import { DEFENSES, UNSAFE_WEAKEN_FOR_TESTS } from './unsafe-weaken.ts';
import { verifyAssertion } from './verify-assertion.ts';

const SRC = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('UNSAFE_WEAKEN_FOR_TESTS', () => {
  it('is referred to by no production file but the two verifiers and its own module', () => {
    const users = sources(SRC)
      .filter((f) => /unsafe-weaken|UNSAFE_WEAKEN_FOR_TESTS/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f).replaceAll('\\', '/'))
      .sort();
    expect(users).toEqual([
      'protocol/saml11/unsafe-weaken.ts',
      'protocol/saml11/verify-assertion.ts',
      'protocol/xmldsig/verify-enveloped.ts',
    ]);
  });

  it('with no defense switched off, the verifier answers exactly as the strict one', () => {
    const signed = signAssertion(
      buildAssertion(deviceAssertionInput()),
      key('idp-signing.key'),
      pem('idp-signing.crt'),
    );
    const unsigned = signed.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
    for (const xml of [signed, unsigned, `<!DOCTYPE x>${signed}`, `${signed}${signed}`]) {
      const strict = verifyAssertion(xml, [pem('idp-signing.crt')]);
      const none = verifyAssertion(xml, [pem('idp-signing.crt')], {
        [UNSAFE_WEAKEN_FOR_TESTS]: { off: new Set() },
      });
      expect(none).toEqual(strict);
    }
  });

  it('names each defense once', () => {
    expect(new Set(DEFENSES).size).toBe(DEFENSES.length);
  });
});
