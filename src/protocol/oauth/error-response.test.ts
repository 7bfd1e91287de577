import { describe, expect, it } from 'vitest';
import { AADSTS, type AadstsCode, aadstsEntries, aadstsEntry } from './aadsts.ts';
import { buildEntraError, entraTimestamp, statusForError } from './error-response.ts';

const IDS = {
  traceId: '0000aaaa-11bb-cccc-dd33-eeeeee333333',
  correlationId: 'aaaa0000-bb11-2222-33cc-444444dddddd',
  now: new Date('2016-01-09T02:02:12.345Z'),
};

describe('buildEntraError', () => {
  it("writes [ERR]'s shape: key order, CR LF, timestamp form, error_uri", () => {
    const { status, body } = buildEntraError(
      AADSTS.MissingRequiredParameter,
      { name: 'grant_type' },
      IDS,
    );
    expect(status).toBe(400);
    expect(Object.keys(body)).toEqual([
      'error',
      'error_description',
      'error_codes',
      'timestamp',
      'trace_id',
      'correlation_id',
      'error_uri',
    ]);
    expect(body).toEqual({
      error: 'invalid_request',
      error_description:
        "AADSTS900144: The request body must contain the following parameter: 'grant_type'.\r\nTrace ID: 0000aaaa-11bb-cccc-dd33-eeeeee333333\r\nCorrelation ID: aaaa0000-bb11-2222-33cc-444444dddddd\r\nTimestamp: 2016-01-09 02:02:12Z",
      error_codes: [900144],
      timestamp: '2016-01-09 02:02:12Z',
      trace_id: IDS.traceId,
      correlation_id: IDS.correlationId,
      error_uri: 'https://login.microsoftonline.com/error?code=900144',
    });
  });

  it('a compound code leads with its first code (70002 before 500133)', () => {
    const { body } = buildEntraError(
      AADSTS.AssertionNotWithinValidTimeRange,
      { now: 'n', expiry: 'e' },
      IDS,
    );
    expect(body.error_codes).toEqual([70002, 500133]);
    expect(body.error_description).toMatch(
      /^AADSTS70002: Error validating credentials\. AADSTS500133: /,
    );
    expect(body.error_uri).toBe('https://login.microsoftonline.com/error?code=70002');
  });

  it("the discovery documents' invalid_tenant overrides the catalogue's error", () => {
    const { status, body } = buildEntraError(AADSTS.InvalidTenantName, { tenant: 'x' }, IDS, {
      error: 'invalid_tenant',
    });
    expect([status, body.error]).toEqual([400, 'invalid_tenant']);
  });

  it('an uncatalogued code is a programming error, not a wire answer', () => {
    expect(() => buildEntraError(12345 as AadstsCode, {}, IDS)).toThrow(RangeError);
  });

  it('status per error: 400, 401 for invalid_client, 503 for temporarily_unavailable', () => {
    expect(statusForError('invalid_grant')).toBe(400);
    expect(statusForError('interaction_required')).toBe(400);
    expect(statusForError('invalid_client')).toBe(401);
    expect(statusForError('temporarily_unavailable')).toBe(503);
    expect(entraTimestamp(IDS.now)).toBe('2016-01-09 02:02:12Z');
  });
});

describe('the AADSTS catalogue', () => {
  it('every entry names itself last in error_codes, has provenance, and renders without throwing', () => {
    const codes = new Set<number>();
    for (const e of aadstsEntries()) {
      expect(codes.has(e.code)).toBe(false);
      codes.add(e.code);
      expect(e.errorCodes.at(-1)).toBe(e.code);
      expect('source' in e.provenance ? e.provenance.source : e.provenance.modeled).not.toBe('');
      expect(e.message({}).length).toBeGreaterThan(10);
    }
    expect(aadstsEntry(51004)?.name).toBe('UserAccountNotInDirectory');
  });

  it("51004 and 50034 differ where Entra's do: {EUII Hidden} vs {EmailHidden}", () => {
    expect(aadstsEntry(51004)!.message({ tenant: 't' })).toContain('{EUII Hidden}');
    expect(aadstsEntry(50034)!.message({ tenant: 't' })).toContain('{EmailHidden}');
  });
});

describe('AADSTS codes of the hybrid join and PRT troubleshooting tables [TSC; DSR; ERR]', () => {
  it('catalogues 50155, 50126 and 135011 with the doc text', () => {
    expect(aadstsEntry(50155)?.doc).toBe('Device authentication failed for this user.');
    expect(aadstsEntry(50126)?.message({})).toBe(
      'Error validating credentials due to invalid username or password.',
    );
    expect(aadstsEntry(135011)?.errorCodes).toEqual([70002, 135011]);
    expect(aadstsEntry(135011)?.doc).toBe('Device used during the authentication is disabled.');
  });
});
