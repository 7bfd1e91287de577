/**
 * An Entra error body (the JSON of [ERR], as a customer copies it from a trace) or a bare
 * AADSTS line diagnoses to its cause.
 */
import { describe, expect, it } from 'vitest';
import { diagnoseText } from '../../src/tools/diagnose/diagnose.ts';

function first(text: string) {
  const d = diagnoseText(text);
  if (!d.ok) throw new Error(d.message);
  return { kinds: d.diagnosis.kinds, cause: d.diagnosis.findings[0]?.cause.id };
}

describe('Entra error bodies and AADSTS lines', () => {
  it('the JSON body with error_codes [70002, 500133] → assertion-outside-validity', () => {
    const body = JSON.stringify({
      error: 'invalid_grant',
      error_description:
        'AADSTS70002: Error validating credentials. AADSTS500133: Assertion is not within its valid time range.\r\nTrace ID: xxxx\r\nCorrelation ID: xxxx\r\nTimestamp: 2025-03-14 08:41:09Z',
      error_codes: [70002, 500133],
      timestamp: '2025-03-14 08:41:09Z',
    });
    expect(first(body)).toEqual({
      kinds: ['Entra error response', 'AADSTS error text'],
      cause: 'assertion-outside-validity',
    });
  });

  it('error_codes alone (description redacted) still names the cause', () => {
    expect(
      first('{"error":"invalid_request","error_description":"<redacted>","error_codes":[50107]}')
        .cause,
    ).toBe('issuer-not-registered');
  });

  it('a bare AADSTS line', () => {
    expect(
      first(
        'AADSTS5000811: Unable to verify token signature. The signing key identifier does not match any valid registered keys.',
      ).cause,
    ).toBe('signing-certificate-not-registered');
  });

  it('an AADSTS code no cause names: read, nothing ranked, its catalogue meaning in a note', () => {
    const d = diagnoseText('AADSTS900561: The endpoint only accepts POST requests.');
    if (!d.ok) throw new Error(d.message);
    expect(d.diagnosis.findings).toEqual([]);
    expect(d.diagnosis.notes[0]).toContain('AADSTS900561 is BadResourceRequestInvalidRequest');
  });
});
