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
