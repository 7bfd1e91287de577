import { describe, expect, it } from 'vitest';
import {
  buildDrsError,
  DSREG_HRESULT_FOR_DRS_ERROR,
  formatHresult,
  hresultForDiscoveryError,
  hresultForDrsError,
  readDrsError,
} from './drs-error.ts';
import { deviceNotFoundMessage } from './drs-messages.ts';

const at = new Date('2025-07-10T17:22:14.567Z');

describe('DRS error body', () => {
  it('carries ErrorType, Message, TraceId and an ISO 8601 Time to the second', () => {
    const body = buildDrsError(
      'DirectoryError',
      deviceNotFoundMessage('e92325d0-7ac4-4714-88a1-94ae875d5245'),
      't-1',
      at,
    );
    expect(body).toEqual({
      ErrorType: 'DirectoryError',
      Message:
        'The device object by the given id (e92325d0-7ac4-4714-88a1-94ae875d5245) is not found.',
      TraceId: 't-1',
      Time: '2025-07-10T17:22:14Z',
    });
    expect(Object.keys(body)).toEqual(['ErrorType', 'Message', 'TraceId', 'Time']);
  });

  it('reads a body back, and nothing that lacks ErrorType or Message', () => {
    const body = buildDrsError('AuthenticationError', 'x', 't', at);
    expect(readDrsError(JSON.parse(JSON.stringify(body)))).toEqual(body);
    expect(readDrsError({ ErrorType: 'DirectoryError' })).toBeUndefined();
    expect(readDrsError('<html>proxy</html>')).toBeUndefined();
    expect(readDrsError(null)).toBeUndefined();
    expect(readDrsError([])).toBeUndefined();
  });
});

describe('DSREG HRESULT for a DRS error ([TSC] [WINRT])', () => {
  const body = (type: string) => buildDrsError(type, 'm', 't', at);

  it('maps DirectoryError, AuthenticationError and anything else', () => {
    expect(formatHresult(hresultForDrsError(body('DirectoryError'), 400))).toBe('0x801c03f2');
    expect(formatHresult(hresultForDrsError(body('AuthenticationError'), 400))).toBe('0x801c0002');
    expect(formatHresult(hresultForDrsError(body('AuthenticationError'), 401))).toBe('0x801c0002');
    expect(formatHresult(hresultForDrsError(body('BadRequest'), 400))).toBe('0x801c0006');
    expect(formatHresult(hresultForDrsError(body('InternalServerError'), 500))).toBe('0x801c0006');
    expect(formatHresult(hresultForDrsError(undefined, 500))).toBe('0x801c0006');
    expect(formatHresult(hresultForDrsError(body('toString'), 400))).toBe('0x801c0006');
  });

  it('503 is DSREG_SERVER_BUSY whatever the body says', () => {
    expect(formatHresult(hresultForDrsError(body('DirectoryError'), 503))).toBe('0x801c0025');
    expect(formatHresult(hresultForDrsError(undefined, 503))).toBe('0x801c0025');
  });

  it('exposes exactly the two catalogued ErrorTypes', () => {
    expect(DSREG_HRESULT_FOR_DRS_ERROR).toEqual({
      DirectoryError: '0x801c03f2',
      AuthenticationError: '0x801c0002',
      DeviceQuotaExceeded: '0x801c000e',
    });
  });

  it('maps discovery failures: 404 tenant not found, 503 busy, else generic', () => {
    expect(formatHresult(hresultForDiscoveryError(404))).toBe('0x801c003a');
    expect(formatHresult(hresultForDiscoveryError(503))).toBe('0x801c0025');
    expect(formatHresult(hresultForDiscoveryError(400))).toBe('0x801c0021');
    expect(formatHresult(hresultForDiscoveryError(200))).toBe('0x801c0021');
  });
});

describe('quota and throttling', () => {
  it('DeviceQuotaExceeded → 0x801c000e; a throttled DirectoryError → 0x801c03f2', () => {
    const quota = buildDrsError('DeviceQuotaExceeded', 'm', 't', new Date(0));
    expect(formatHresult(hresultForDrsError(quota, 400))).toBe('0x801c000e');
    const throttled = buildDrsError(
      'DirectoryError',
      'Your request is throttled temporarily. Please try after 300 seconds.',
      't',
      new Date(0),
    );
    expect(formatHresult(hresultForDrsError(throttled, 400))).toBe('0x801c03f2');
  });
});
