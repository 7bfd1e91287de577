import { describe, expect, it } from 'vitest';
import { isSimError } from '../../core/errors.ts';
import { isSid, parseSid, ridOf, sidFromBytes, sidToBytes } from './sid.ts';

const COMPUTER = 'S-1-5-21-1004336348-1177238915-682003330-1105';
// By hand (MS-DTYP §2.4.2.2): revision 01, count 05, authority 00 00 00 00 00 05, then each
// sub-authority little-endian: 21 = 0x15, 1004336348 = 0x3bdcf4dc, 1177238915 = 0x462b3d83,
// 682003330 = 0x28a68b82, 1105 = 0x451.
const COMPUTER_HEX =
  '0105000000000005' + '15000000' + 'dcf4dc3b' + '833d2b46' + '828ba628' + '51040000';
// BUILTIN\Administrators, the textbook example.
const ADMINISTRATORS = 'S-1-5-32-544';
const ADMINISTRATORS_HEX = '01020000000000052000000020020000';

describe('parseSid / isSid', () => {
  it('splits a computer SID', () => {
    expect(parseSid(COMPUTER)).toEqual({
      revision: 1,
      identifierAuthority: 5,
      subAuthorities: [21, 1004336348, 1177238915, 682003330, 1105],
    });
  });
  it('reads the hex form of a 48-bit identifier authority', () => {
    expect(parseSid('S-1-0x123456789ABC-7').identifierAuthority).toBe(0x123456789abc);
  });
  it.each([
    '',
    's-1-5-21-1-2-3-4',
    'S-2-5-21',
    'S-1-5',
    'S-1-5-',
    'S-1-5-21-01',
    'S-1-5-4294967296',
    'S-1-0x12345-1',
    `S-1-5${'-1'.repeat(16)}`,
    `${COMPUTER} `,
    'S-1-5-21-a',
  ])('refuses %j', (s) => {
    expect(isSid(s)).toBe(false);
    let caught: unknown;
    try {
      parseSid(s);
    } catch (e) {
      caught = e;
    }
    expect(isSimError(caught, 'ERR_ENCODING')).toBe(true);
  });
  it('accepts 15 sub-authorities and the 32-bit maximum', () => {
    expect(isSid(`S-1-5${'-1'.repeat(15)}`)).toBe(true);
    expect(isSid('S-1-5-4294967295')).toBe(true);
  });
});

describe('binary SID', () => {
  it('writes the MS-DTYP layout', () => {
    expect(sidToBytes(COMPUTER).toString('hex')).toBe(COMPUTER_HEX);
    expect(sidToBytes(ADMINISTRATORS).toString('hex')).toBe(ADMINISTRATORS_HEX);
  });
  it('reads it back', () => {
    expect(sidFromBytes(Buffer.from(COMPUTER_HEX, 'hex'))).toBe(COMPUTER);
    expect(sidFromBytes(Buffer.from(ADMINISTRATORS_HEX, 'hex'))).toBe(ADMINISTRATORS);
  });
  it('round-trips, writing large authorities in the 0x form', () => {
    for (const s of [
      COMPUTER,
      ADMINISTRATORS,
      'S-1-0-0',
      'S-1-16-12288',
      'S-1-0x123456789ABC-1-2',
    ]) {
      expect(sidFromBytes(sidToBytes(s))).toBe(s);
    }
    expect(sidFromBytes(sidToBytes('S-1-0x000000000005-32-544'))).toBe(ADMINISTRATORS);
  });
  it.each([
    ['too short', '0105000000'],
    ['revision 2', '0201000000000005' + '00000000'],
    ['no sub-authority', '0100000000000005'],
    ['16 sub-authorities', `0110000000000005${'00000000'.repeat(16)}`],
    ['length does not match the count', `0102000000000005${'00000000'}`],
    ['trailing bytes', `${ADMINISTRATORS_HEX}00`],
  ])('refuses %s', (_label, hex) => {
    expect(() => sidFromBytes(Buffer.from(hex, 'hex'))).toThrow(/not a SID/);
  });
});

describe('ridOf', () => {
  it('is the last sub-authority', () => {
    expect(ridOf(COMPUTER)).toBe(1105);
    expect(ridOf(ADMINISTRATORS)).toBe(544);
  });
  it('throws on a non-SID', () => {
    expect(() => ridOf('S-1-5')).toThrow(/not a SID/);
  });
});
