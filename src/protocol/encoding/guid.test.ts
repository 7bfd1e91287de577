import { describe, expect, it } from 'vitest';
import { isSimError } from '../../core/errors.ts';
import { base64GuidToUuid, isGuid, uuidAsBase64BigEndian, uuidAsBase64Guid } from './guid.ts';

// Bytes derived by hand from the textual GUID: Data1, Data2, Data3 reversed, Data4 as written.
const DEVICE = '3f0817b9-ca17-4714-ab81-f7b5943dec7b';
const DEVICE_MS_BYTES = 'b9 17 08 3f 17 ca 14 47 ab 81 f7 b5 94 3d ec 7b';
const DEVICE_RFC_BYTES = '3f 08 17 b9 ca 17 47 14 ab 81 f7 b5 94 3d ec 7b';
const hexToBase64 = (hex: string) => Buffer.from(hex.replace(/ /g, ''), 'hex').toString('base64');

describe('isGuid', () => {
  it.each([DEVICE, DEVICE.toUpperCase(), '00000000-0000-0000-0000-000000000000'])(
    'accepts %s',
    (g) => {
      expect(isGuid(g)).toBe(true);
    },
  );
  it.each([
    '',
    `{${DEVICE}}`,
    DEVICE.replace(/-/g, ''),
    `${DEVICE} `,
    '3f0817b9-ca17-4714-ab81-f7b5943dec7g',
    '3f0817b9-ca17-4714-ab81f7b5943dec7b',
  ])('refuses %j', (g) => {
    expect(isGuid(g)).toBe(false);
  });
});

describe('uuidAsBase64Guid (Microsoft byte order)', () => {
  it('writes Data1..Data3 little-endian and Data4 as is', () => {
    expect(uuidAsBase64Guid(DEVICE)).toBe(hexToBase64(DEVICE_MS_BYTES));
    expect(uuidAsBase64Guid(DEVICE)).toBe('uRcIPxfKFEergfe1lD3sew==');
  });
  it('ignores the case of the hex digits', () => {
    expect(uuidAsBase64Guid(DEVICE.toUpperCase())).toBe(uuidAsBase64Guid(DEVICE));
  });
  it('throws SimError ERR_ENCODING on a non-GUID', () => {
    let caught: unknown;
    try {
      uuidAsBase64Guid('not-a-guid');
    } catch (e) {
      caught = e;
    }
    expect(isSimError(caught, 'ERR_ENCODING')).toBe(true);
  });
});

describe('uuidAsBase64BigEndian (the RFC 4122 misconfiguration)', () => {
  it('writes the bytes in textual order', () => {
    expect(uuidAsBase64BigEndian(DEVICE)).toBe(hexToBase64(DEVICE_RFC_BYTES));
    expect(uuidAsBase64BigEndian(DEVICE)).toBe('PwgXucoXRxSrgfe1lD3sew==');
  });
  it('differs from the Microsoft order, and does not decode back to the same GUID', () => {
    expect(uuidAsBase64BigEndian(DEVICE)).not.toBe(uuidAsBase64Guid(DEVICE));
    expect(base64GuidToUuid(uuidAsBase64BigEndian(DEVICE))).not.toBe(DEVICE);
  });
  it('throws on a non-GUID', () => {
    expect(() => uuidAsBase64BigEndian('x')).toThrow(/not a GUID/);
  });
});

describe('base64GuidToUuid', () => {
  it('inverts uuidAsBase64Guid and answers in lower case', () => {
    expect(base64GuidToUuid('uRcIPxfKFEergfe1lD3sew==')).toBe(DEVICE);
    expect(base64GuidToUuid(uuidAsBase64Guid(DEVICE.toUpperCase()))).toBe(DEVICE);
  });
  it("round-trips AADInternals' example ImmutableID", () => {
    // Bytes 02 1d 89 e3 | 60 6c | 3d 43 | 81 a1 47 2c 09 89 fb bc, by hand.
    expect(base64GuidToUuid('Ah2J42BsPUOBoUcsCYn7vA==')).toBe(
      'e3891d02-6c60-433d-81a1-472c0989fbbc',
    );
    expect(uuidAsBase64Guid('e3891d02-6c60-433d-81a1-472c0989fbbc')).toBe(
      'Ah2J42BsPUOBoUcsCYn7vA==',
    );
  });
  it('round-trips a spread of GUIDs', () => {
    for (let i = 0; i < 256; i++) {
      const hex = Buffer.from(
        Array.from({ length: 16 }, (_, j) => (i * 31 + j * 17) & 0xff),
      ).toString('hex');
      const guid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      expect(base64GuidToUuid(uuidAsBase64Guid(guid))).toBe(guid);
    }
  });
  it.each([
    ['empty', ''],
    ['15 bytes', Buffer.alloc(15).toString('base64')],
    ['17 bytes', Buffer.alloc(17).toString('base64')],
    ['no padding', 'uRcIPxfKFEergfe1lD3sew'],
    ['base64url alphabet', 'uRcIPxfKFEergfe1lD3se_=='],
    ['non-zero trailing bits', 'uRcIPxfKFEergfe1lD3sex=='],
    ['a GUID string', DEVICE],
    ['whitespace', ' uRcIPxfKFEergfe1lD3sew=='],
  ])('answers undefined for %s', (_label, value) => {
    expect(base64GuidToUuid(value)).toBeUndefined();
  });
});
