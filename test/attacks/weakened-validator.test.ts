/**
 * Proof that the attack tests can fail: with the verifier's defenses switched off through the
 * TEST ONLY switch (src/protocol/saml11/unsafe-weaken.ts), with xml-crypto replaced by an
 * emulation of 6.0.0 (before the CVE-2025-29774/29775 fixes), and with the endpoint defenses
 * replaced by lenient versions, every attack test of attacks.test.ts fails, and the weakened
 * validator does what the table says: issues a token for the evil device, issues a token, or
 * refuses for another reason (a second line of defense).
 * The weakening reaches mock Entra only through vi.mock of this file: nothing in src/ sets it.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as CheckReplay from '../../src/entra/token/check-replay.ts';
import type * as CheckXml from '../../src/entra/token/check-xml.ts';
import type * as CheckRequestShape from '../../src/entra/token/check-request-shape.ts';
import type * as DecodeAssertion from '../../src/entra/token/decode-assertion.ts';
import type { TokenState } from '../../src/entra/token/token-state.ts';
import type * as VerifyAssertion from '../../src/protocol/saml11/verify-assertion.ts';
import { DEFENSES, type Weakening } from '../../src/protocol/saml11/unsafe-weaken.ts';
import { xmlCrypto600 } from '../support/vulnerable-xml-crypto.ts';
import { ENDPOINT_ATTACK_CASES, SAML_ATTACK_CASES } from './attack-cases.ts';
import { EVIL_DEVICE_GUID, EVIL_DEVICE_SID } from './attack-fixtures.ts';
import { expectRefused, runEndpointAttack, runSamlAttack } from './run-attack.ts';

const weak = vi.hoisted(() => ({
  verifier: undefined as Weakening | undefined,
  replayCheck: true,
  strictBase64: true,
  strictContentType: true,
}));

vi.mock('../../src/protocol/saml11/verify-assertion.ts', async (importOriginal) => {
  const real = await importOriginal<typeof VerifyAssertion>();
  const { UNSAFE_WEAKEN_FOR_TESTS } = await import('../../src/protocol/saml11/unsafe-weaken.ts');
  return {
    ...real,
    verifyAssertion: (xml: string, certs: readonly string[], opts = {}) =>
      real.verifyAssertion(
        xml,
        certs,
        weak.verifier ? { ...opts, [UNSAFE_WEAKEN_FOR_TESTS]: weak.verifier } : opts,
      ),
  };
});
// Mock Entra reads the XML once before the signature check (check-xml.ts): a second parser and
// root check. With the verifier's parser or structure defenses off, that check is off too, or it
// would refuse DTDs, extra roots and Response wrappers before the weakened verifier saw them.
vi.mock('../../src/entra/token/check-xml.ts', async (importOriginal) => {
  const real = await importOriginal<typeof CheckXml>();
  return {
    ...real,
    checkXml: (s: TokenState) => {
      const off = weak.verifier?.off;
      if (!off || !(off.has('strict-parser') || off.has('structure'))) return real.checkXml(s);
      s.documentVersion = '1.1';
      return undefined;
    },
  };
});
vi.mock('../../src/entra/token/check-replay.ts', async (importOriginal) => {
  const real = await importOriginal<typeof CheckReplay>();
  return {
    ...real,
    checkReplay: (s: TokenState) => (weak.replayCheck ? real.checkReplay(s) : undefined),
  };
});
vi.mock('../../src/entra/token/decode-assertion.ts', async (importOriginal) => {
  const real = await importOriginal<typeof DecodeAssertion>();
  return {
    ...real,
    // Node's decoder skips what is not base64 instead of refusing it.
    decodeAssertion: (s: TokenState) => {
      if (weak.strictBase64) return real.decodeAssertion(s);
      s.assertionXml = Buffer.from(s.form.get('assertion') ?? '', 'base64').toString('utf8');
      return undefined;
    },
  };
});
vi.mock('../../src/entra/token/check-request-shape.ts', async (importOriginal) => {
  const real = await importOriginal<typeof CheckRequestShape>();
  return {
    ...real,
    // Reads the body as a form whatever its content type says.
    checkRequestShape: (s: TokenState) => {
      if (!weak.strictContentType)
        (s as { contentType: string }).contentType = 'application/x-www-form-urlencoded';
      return real.checkRequestShape(s);
    },
  };
});

beforeAll(() => {
  // xml-crypto's own xmldom parser reports what the lenient paths let through on console.error.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  weak.verifier = undefined;
  weak.replayCheck = true;
  weak.strictBase64 = true;
  weak.strictContentType = true;
});

const samlCases = SAML_ATTACK_CASES.map((c) => [c.attack.name, c] as const);

describe('(control) through the mocks, nothing weakened, every attack test passes', () => {
  it.each(samlCases)('%s', async (_name, c) => {
    expectRefused(c.refusal, await runSamlAttack(c));
  });
  it.each(ENDPOINT_ATTACK_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    expectRefused(c.refusal, await runEndpointAttack(c));
  });
});

describe('each attack test fails once the defenses that refuse it are off', () => {
  it.each(samlCases)('%s', async (_name, c) => {
    weak.verifier =
      c.refusedBy === 'xml-crypto'
        ? { off: new Set(), engine: xmlCrypto600 }
        : { off: new Set(c.refusedBy) };
    const r = await runSamlAttack(c);
    expect(() => expectRefused(c.refusal, r)).toThrow();
  });
});

describe('a validator with every defense off (and xml-crypto 6.0.0) is fooled as the table says', () => {
  it.each(samlCases)('%s', async (_name, c) => {
    weak.verifier = { off: new Set(DEFENSES), engine: xmlCrypto600 };
    const r = await runSamlAttack(c);
    expect(() => expectRefused(c.refusal, r)).toThrow();
    if (c.weakened === 'refused-otherwise') {
      expect(r.status).toBe(400);
      return;
    }
    expect(r.status).toBe(200);
    if (c.weakened === 'evil-claims-accepted') {
      expect(r.token).toMatchObject({ on_prem_id: EVIL_DEVICE_GUID, primary_sid: EVIL_DEVICE_SID });
    }
  });
});

describe('each token-request attack test fails without its endpoint defense', () => {
  const endpoint = (name: string) => ENDPOINT_ATTACK_CASES.find((c) => c.name === name)!;

  it('replay: without checkReplay the second redemption gets a token', async () => {
    weak.replayCheck = false;
    const c = endpoint('replay');
    const r = await runEndpointAttack(c);
    expect(() => expectRefused(c.refusal, r)).toThrow();
    expect([r.first?.status, r.status]).toEqual([200, 200]);
  });

  it('malformed-base64: with a decoder that skips junk, the request gets a token', async () => {
    weak.strictBase64 = false;
    const c = endpoint('malformed-base64');
    const r = await runEndpointAttack(c);
    expect(() => expectRefused(c.refusal, r)).toThrow();
    expect(r.status).toBe(200);
  });

  it('wrong-content-type: reading any body as a form, the request gets a token', async () => {
    weak.strictContentType = false;
    const c = endpoint('wrong-content-type');
    const r = await runEndpointAttack(c);
    expect(() => expectRefused(c.refusal, r)).toThrow();
    expect(r.status).toBe(200);
  });

  it('oversized-body: with an 8 MB limit the padded request reaches mock Entra', async () => {
    const c = endpoint('oversized-body');
    const r = await runEndpointAttack(c, { bodyLimit: '8mb' });
    expect(() => expectRefused(c.refusal, r)).toThrow();
    expect([r.status, r.reachedParty]).toEqual([200, 1]);
  });
});
