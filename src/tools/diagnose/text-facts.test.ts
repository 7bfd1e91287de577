/**
 * The decisive code of a log, however it is written: hex, a negative decimal, Windows' message
 * text (the texts events print for typed HRESULTs [WIKI]), or `Unknown HResult Error code: 0x…`.
 */
import { describe, expect, it } from 'vitest';
import { hresultFact } from '../../protocol/causes/facts.ts';
import { toLogText } from './log-text.ts';
import { codeOfValue, factsOfText, hasEventMessage, primaryCodes } from './text-facts.ts';

describe('codes as customers paste them', () => {
  it.each([
    ['0x801C001D', '0x801c001d'],
    ['-2145648574', '0x801c0042'],
    ['-2145648611.', '0x801c001d'],
    ['Unknown HResult Error code: 0x801c03f2', '0x801c03f2'],
    ['Keyset does not exist', '0x80090016'],
    ['Access is denied..', '0x80070005'],
    [
      'The TPM is attempting to execute a command only available when in FIPS mode.. Inputs:',
      '0x80280036',
    ],
    ['The specified target is unknown or unreachable', '0x80090303'],
  ])('%s → %s', (value, code) => {
    expect(codeOfValue(value)).toBe(code);
  });

  it('finds decimal codes and message texts anywhere in the text, not dates or GUIDs', () => {
    const facts = factsOfText(
      toLogText(
        'return code -2145648574 on 2024-03-12, id 6bff0bd9-820b-484b\nExit code: Keyset does not exist',
      ),
    );
    expect(facts.has(hresultFact('0x801c0042'))).toBe(true);
    expect(facts.has(hresultFact('0x80090016'))).toBe(true);
    expect(facts.keys().filter((k) => k.startsWith('hr:'))).toHaveLength(2);
  });

  it('takes the decisive codes from their labels, both codes of a failed test', () => {
    const log = toLogText(
      [
        'DRS Discovery Test : FAIL [0x801c0021/0x80072ee2]',
        'AdalLog:  HRESULT: 0xcaa9002b',
        'AdalErrorCode: 0xcaa82f8f',
        'Exit code: Unknown HResult Error code: 0xcaa1000e',
      ].join('\n'),
    );
    expect(primaryCodes(log)).toEqual(['0x801c0021', '0x80072ee2', '0xcaa82f8f', '0xcaa1000e']);
  });

  it('knows an event by its message when the Event ID header is missing', () => {
    expect(hasEventMessage('Automatic registration failed at join phase.\nExit code: …')).toBe(
      true,
    );
    expect(hasEventMessage('hello')).toBe(false);
  });
});
