import { describe, expect, it } from 'vitest';
import { uuidAsBase64BigEndian, uuidAsBase64Guid } from '../encoding/guid.ts';
import { judgeDeviceClaims, verdictOf, type ClaimSeen } from './device-claims.ts';

// A computer as the seeds show one: objectGUID and objectSid of a domain-joined machine [PING].
const GUID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const SID = 'S-1-5-21-1004336348-1177238915-682003330-1104';
const ACCOUNTTYPE = 'http://schemas.microsoft.com/ws/2012/01/accounttype';
const OBJECTGUID = 'http://schemas.microsoft.com/identity/claims/onpremobjectguid';
const PRIMARYSID = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/primarysid';

const device = (over: Partial<Record<string, string>> = {}): ClaimSeen[] => [
  { type: ACCOUNTTYPE, values: [over['accounttype'] ?? 'DJ'] },
  { type: OBJECTGUID, values: [over['onpremobjectguid'] ?? uuidAsBase64Guid(GUID)] },
  { type: PRIMARYSID, values: [over['primarysid'] ?? SID] },
];

describe('the device-claim rule', () => {
  it('reads DJ, the Microsoft-byte-order GUID and a SID as a device token', () => {
    const v = judgeDeviceClaims(device(), { objectGuid: GUID, objectSid: SID });
    expect(v.isDeviceToken).toBe(true);
    expect(v.claims.map((c) => c.status)).toEqual(['ok', 'ok', 'ok']);
    expect(verdictOf(v, 'onpremobjectguid')).toMatchObject({ guid: GUID });
  });

  it('refuses accounttype other than DJ', () => {
    const v = judgeDeviceClaims(device({ accounttype: 'User' }));
    expect(v.isDeviceToken).toBe(false);
    expect(verdictOf(v, 'accounttype')).toMatchObject({
      status: 'wrong-value',
      problem: 'not-domain-joined',
    });
  });

  it('refuses a GUID claim that is not base64 of 16 bytes', () => {
    const v = judgeDeviceClaims(device({ onpremobjectguid: 'not-a-guid' }));
    expect(verdictOf(v, 'onpremobjectguid')).toMatchObject({ problem: 'not-a-guid' });
    expect(v.isDeviceToken).toBe(false);
  });

  it('names a big-endian GUID and another object’s GUID when the computer is known', () => {
    const bigEndian = judgeDeviceClaims(device({ onpremobjectguid: uuidAsBase64BigEndian(GUID) }), {
      objectGuid: GUID,
    });
    expect(verdictOf(bigEndian, 'onpremobjectguid')).toMatchObject({ problem: 'big-endian-guid' });
    const other = judgeDeviceClaims(
      device({ onpremobjectguid: uuidAsBase64Guid('00000000-0000-4000-8000-000000000001') }),
      { objectGuid: GUID },
    );
    expect(verdictOf(other, 'onpremobjectguid')).toMatchObject({ problem: 'another-guid' });
    expect(other.isDeviceToken).toBe(false);
  });

  it('refuses a primarysid that is no SID; another computer’s SID only warns', () => {
    expect(
      verdictOf(judgeDeviceClaims(device({ primarysid: 'DESKTOP-1$' })), 'primarysid'),
    ).toMatchObject({ problem: 'not-a-sid' });
    const other = judgeDeviceClaims(device({ primarysid: 'S-1-5-21-1-2-3-1105' }), {
      objectSid: SID,
    });
    expect(verdictOf(other, 'primarysid')).toMatchObject({ problem: 'another-sid' });
    expect(other.isDeviceToken).toBe(true);
  });

  it('sees a claim under another namespace as missing, and says where it is [PING]', () => {
    const wrongNs = 'http://schemas.xmlsoap.org/claims/accounttype';
    const v = judgeDeviceClaims([{ type: wrongNs, values: ['DJ'] }, ...device().slice(1)]);
    expect(verdictOf(v, 'accounttype')).toMatchObject({ status: 'missing', elsewhere: [wrongNs] });
    expect(v.isDeviceToken).toBe(false);
    expect(verdictOf(judgeDeviceClaims([]), 'primarysid')).toMatchObject({
      status: 'missing',
      elsewhere: [],
    });
  });
});
