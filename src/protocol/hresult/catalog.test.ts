import { describe, expect, it } from 'vitest';
import { eventViewerHresultText, hresultEntry } from './catalog.ts';

describe('HRESULTs as Event Viewer shows them', () => {
  it('gives Windows’ own text where the system has one, verbatim [WIKI]', () => {
    // Captured: `Exit code: Keyset does not exist`, `Exit code: Access is denied..`,
    // `Exit code: The operation completed successfully.`, `exit code: The TPM is attempting …`.
    expect(eventViewerHresultText('0x80090016')).toBe('Keyset does not exist');
    expect(eventViewerHresultText('0x80070005')).toBe('Access is denied.');
    expect(eventViewerHresultText('0x0')).toBe('The operation completed successfully.');
    expect(eventViewerHresultText('0x80280036')).toBe(
      'The TPM is attempting to execute a command only available when in FIPS mode.',
    );
    expect(eventViewerHresultText('0x80090030')).toBe(
      'The device that is required by this cryptographic provider is not ready for use.',
    );
  });

  it('prints DSREG and ADAL codes as Unknown HResult, eight hex digits [WIKI; SUPA307]', () => {
    expect(eventViewerHresultText('0x801c03f2')).toBe('Unknown HResult Error code: 0x801c03f2');
    expect(eventViewerHresultText('0xCAA1000E')).toBe('Unknown HResult Error code: 0xcaa1000e');
    expect(eventViewerHresultText('0x2ee6')).toBe('Unknown HResult Error code: 0x00002ee6');
    expect(hresultEntry('0x801c001d')?.windowsMessage).toBeUndefined();
  });

  it('keeps every message text free of line breaks and trailing blanks', () => {
    for (const code of ['0x0', '0x80070002', '0x8007000d', '0x8007054b', '0x80072efd']) {
      const text = hresultEntry(code)?.windowsMessage;
      expect(text, code).toBeDefined();
      expect(text).toBe(text!.trim());
      expect(text).not.toMatch(/[\r\n]/);
    }
  });
});

describe('the codes of Microsoft’s hybrid join and dsregcmd troubleshooting tables [TSC; DSR]', () => {
  // Every code the tables of TSC (join phases and post-join PRT) and DSR's samples name.
  const TABLES = [
    '0x801c001d',
    '0x801c0021',
    '0x801c001f',
    '0x801c003d',
    '0x801c003a',
    '0x801c0025',
    '0x8007000d',
    '0x80072efd',
    '0x80072ee2',
    '0x80072f8f',
    '0x80072ee7',
    '0x80072efe',
    '0xcaa90017',
    '0xcaa9002c',
    '0xcaa90023',
    '0xcaa82ee2',
    '0xcaa82efe',
    '0xcaa82f8f',
    '0xcaa82efd',
    '0xcaa20003',
    '0xcaa90014',
    '0xcaa90006',
    '0xcaa1002d',
    '0x801c03f2',
    '0x801c0002',
    '0x801c0006',
    '0x80090016',
    '0x80290407',
    '0x80280036',
    '0x80090031',
    '0xc000006d',
    '0xc000006a',
    '0xc00000d0',
    '0xc000023c',
    '0xc00000be',
    '0xc00000c4',
    '0xc000005f',
    '0xc004844c',
    '0xc0048442',
    '0xc00484c1',
    '0xc004848b',
    '0xc004848c',
    '0xc00cee4f',
    '0x80090030',
    '0x80070005',
  ];

  it('catalogues each with a symbol, a meaning and a source', () => {
    for (const code of TABLES) {
      const e = hresultEntry(code);
      expect(e, code).toBeDefined();
      expect(e!.symbol.length, code).toBeGreaterThan(3);
      expect(e!.meaning.length, code).toBeGreaterThan(10);
      expect('source' in e!.provenance || 'modeled' in e!.provenance, code).toBe(true);
    }
  });

  it('keeps the symbols and decimal forms the doc prints', () => {
    expect(hresultEntry('-894947441')?.symbol).toBe('ERROR_ADAL_INTERNET_SECURE_FAILURE');
    expect(hresultEntry('-894947614')?.symbol).toBe('ERROR_ADAL_INTERNET_TIMEOUT');
    expect(hresultEntry('-894947586')?.symbol).toBe('ERROR_ADAL_INTERNET_CONNECTION_ABORTED');
    expect(hresultEntry('-895418323')?.symbol).toBe('ERROR_ADAL_OPERATION_PENDING');
    expect(hresultEntry('-2144795641')?.symbol).toBe('TPM_E_PCP_INTERNAL_ERROR');
    expect(hresultEntry('-2146893775')?.symbol).toBe('NTE_AUTHENTICATION_IGNORED');
    expect(hresultEntry('-2147012889')?.symbol).toBe('WININET_E_NAME_NOT_RESOLVED');
    expect(hresultEntry('-2147012721')?.symbol).toBe('WININET_E_DECODING_FAILED');
  });

  it('gives the system message text of the TPM and crypto codes [COMERR; COMERRTPM]', () => {
    expect(eventViewerHresultText('0x80290407')).toBe(
      'An internal error has occurred within the Platform Crypto Provider.',
    );
    expect(eventViewerHresultText('0x80090031')).toMatch(/^The dictionary attack mitigation/);
    expect(eventViewerHresultText('0xcaa82f8f')).toBe('Unknown HResult Error code: 0xcaa82f8f');
  });
});
