import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deviceKey } from '../../core/keys.ts';
import {
  clientIdentitySid,
  parseClientIdentitySid,
  signClientIdentity,
  verifyClientIdentity,
} from './client-identity.ts';

const SID = 'S-1-5-21-1004336348-1177238915-682003330-1105';

describe('ClientIdentity', () => {
  it("formats <SID>.<yyyy-MM-dd HH:mm:ss>Z in UTC, as ROADtools' register_hybrid_device does", () => {
    expect(clientIdentitySid(SID, new Date('2025-07-09T02:14:22.999Z'))).toBe(
      `${SID}.2025-07-09 02:14:22Z`,
    );
  });

  it('parses its own form back', () => {
    const s = `${SID}.2025-07-09 02:14:22Z`;
    expect(parseClientIdentitySid(s)).toEqual({
      sid: SID,
      signedAt: new Date('2025-07-09T02:14:22Z'),
    });
  });

  it.each([
    [`${SID}`],
    [`${SID}.2025-07-09T02:14:22Z`],
    [`${SID}.2025-07-09 02:14:22`],
    [`${SID}.2025-02-30 02:14:22Z`],
    [`${SID}.2025-07-09 25:14:22Z`],
    [`X-1-5-21.2025-07-09 02:14:22Z`],
    [`.2025-07-09 02:14:22Z`],
  ])('rejects %s', (s) => {
    expect(parseClientIdentitySid(s)).toBeUndefined();
  });

  it('signs RSA PKCS#1 v1.5 / SHA-256 over the UTF-8 string and verifies only with the same key', () => {
    const s = clientIdentitySid(SID, new Date('2025-07-09T02:14:22Z'));
    const blob = signClientIdentity(s, deviceKey(3));
    expect(Buffer.from(blob, 'base64')).toHaveLength(256);
    expect(verifyClientIdentity(s, blob, createPublicKey(deviceKey(3)))).toBe(true);
    expect(verifyClientIdentity(s, blob, createPublicKey(deviceKey(4)))).toBe(false);
    expect(verifyClientIdentity(`${s} `, blob, createPublicKey(deviceKey(3)))).toBe(false);
    expect(verifyClientIdentity(s, 'AAAA', createPublicKey(deviceKey(3)))).toBe(false);
  });
});
