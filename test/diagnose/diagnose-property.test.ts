/**
 * diagnose over arbitrary input (fast-check): it never throws, always answers (a diagnosis or a
 * refusal with a message), and finishes in bounded time — inputs are built from the fragments
 * real logs are made of (labels, codes in hex, decimal and as message text, event headers,
 * dsregcmd layout), repeated and spliced with arbitrary text, so the signatures' regular
 * expressions see the near-misses a backtracking pattern would choke on.
 * The time bound is a guard against catastrophic backtracking (seconds, not a speed target:
 * speed is measured by `hjsim bench`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnoseText } from '../../src/tools/diagnose/diagnose.ts';

const FRAGMENTS = [
  'Event ID:      304\n',
  'Log Name:      Microsoft-Windows-User Device Registration/Admin\n',
  'Automatic registration failed at join phase. \n',
  'Automatic registration failed at authentication phase. Unable to acquire access token. \n',
  'Exit code: ',
  'Exit code: Unknown HResult Error code: 0x801c03f2 \n',
  'Keyset does not exist',
  'Access is denied.',
  'The TPM is attempting to execute a command only available when in FIPS mode.',
  'The specified target is unknown or unreachable',
  'AdalErrorCode: 0xcaa82f8f\n',
  'AdalLog:  HRESULT: 0xcaa9002b\n',
  '          Client ErrorCode : ',
  '        DRS Discovery Test : FAIL [0x801c0021/0x80072ee2]\n',
  '         Registration Type : fallback_sync\n',
  '          Server Operation : DeviceRenew\n',
  'error_missing_device',
  ' isPrivateKeyFound: NOACCESS\n',
  'AzureAdJoined : YES\n',
  'DsrBeginDiscover failed 0x80072ee2\n',
  '-2145648574',
  '-',
  '0x',
  'AADSTS50126: ',
  '"error_codes":[70002,135011]',
  "Can't connect to the service",
  'Kerberos ticket ',
  'MSIS7068',
  'HTTP status: 407',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '> ',
  ':',
  '[',
  ']',
  '/',
];

const fragment = fc.constantFrom(...FRAGMENTS);
const piece = fc.oneof(
  { weight: 4, arbitrary: fragment },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.tuple(fragment, fc.integer({ min: 1, max: 400 })).map(([f, n]) => f.repeat(n)),
  },
);
const input = fc.array(piece, { maxLength: 120 }).map((parts) => parts.join(''));

/** A ceiling far above any real log's time, low enough to catch runaway backtracking. */
const BOUND_MS = 5_000;

describe('diagnose on arbitrary input', () => {
  it('never throws, always answers, and returns in bounded time', () => {
    let worst = 0;
    fc.assert(
      fc.property(input, (s) => {
        const t0 = performance.now();
        const r = diagnoseText(s, new Date('2024-03-12T08:20:00Z'));
        const took = performance.now() - t0;
        worst = Math.max(worst, took);
        expect(took).toBeLessThan(BOUND_MS);
        if (r.ok) {
          expect(Array.isArray(r.diagnosis.findings)).toBe(true);
          for (const c of r.diagnosis.codes) expect(typeof c.recognised).toBe('boolean');
        } else expect(r.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 200 },
    );
    expect(worst).toBeLessThan(BOUND_MS);
  });

  it('reads a long run of near-misses in bounded time', () => {
    for (const near of [
      'Exit code: ',
      'Error ',
      '-2',
      'AADSTS',
      '0x801c',
      'Kerberos ticket ',
      '> ',
    ]) {
      const t0 = performance.now();
      expect(() => diagnoseText(near.repeat(20_000))).not.toThrow();
      expect(performance.now() - t0).toBeLessThan(BOUND_MS);
    }
  });
});
