import { describe, expect, it } from 'vitest';
import { CLAIM } from '../../protocol/claims/claim-types.ts';
import { checkClaims } from './check-claims.ts';

const GUID_B64 = 'uRcIPxfKFEergfe1lD3sew==';
const SID = 'S-1-5-21-1004336348-1177238915-682003330-1105';
const device = [
  { ...CLAIM.accounttype, values: ['DJ'] },
  { ...CLAIM.onpremobjectguid, values: [GUID_B64] },
  { ...CLAIM.primarysid, values: [SID] },
];
const statusOf = (checks: ReturnType<typeof checkClaims>, name: string) =>
  checks.find((c) => c.name === name)?.status;

describe('checkClaims', () => {
  it('reads the three device claims under their exact claim types', () => {
    const checks = checkClaims(device);
    expect(checks.map((c) => [c.name, c.status])).toEqual([
      ['accounttype', 'ok'],
      ['onpremobjectguid', 'ok'],
      ['primarysid', 'ok'],
    ]);
    expect(checks[0]!.expected).toBe('http://schemas.microsoft.com/ws/2012/01/accounttype');
  });

  it('flags a device claim under another namespace (the PingOne NameFormat mistake)', () => {
    const wrong = 'http://schemas.microsoft.com/ws/2008/06/identity/claims';
    const checks = checkClaims([{ ...device[0]!, namespace: wrong }, device[1]!, device[2]!]);
    const c = checks.find((x) => x.name === 'accounttype')!;
    expect(c).toMatchObject({
      status: 'wrong-namespace',
      namespace: wrong,
      claimType: `${wrong}/accounttype`,
      expected: 'http://schemas.microsoft.com/ws/2012/01/accounttype',
    });
    // Reported once, as wrong namespace, not also as missing.
    expect(checks.filter((x) => x.name === 'accounttype')).toHaveLength(1);
  });

  it('a trailing slash on the namespace is a different claim type', () => {
    const checks = checkClaims([
      device[0]!,
      { ...device[1]!, namespace: `${CLAIM.onpremobjectguid.namespace}/` },
      device[2]!,
    ]);
    expect(statusOf(checks, 'onpremobjectguid')).toBe('wrong-namespace');
  });

  it('lists a device claim nobody sent as missing', () => {
    const checks = checkClaims(device.slice(0, 2));
    expect(checks.at(-1)).toMatchObject({
      name: 'primarysid',
      status: 'missing',
      values: [],
      expected: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/primarysid',
    });
  });

  it('checks values Entra reads: accounttype DJ, a base64 GUID, a SID', () => {
    const checks = checkClaims([
      { ...CLAIM.accounttype, values: ['User'] },
      { ...CLAIM.onpremobjectguid, values: ['3f0817b9-ca17-4714-ab81-f7b5943dec7b'] },
      { ...CLAIM.primarysid, values: ['IMOK\\IMOK-HYJD$'] },
    ]);
    expect(checks.map((c) => c.status)).toEqual(['wrong-value', 'wrong-value', 'wrong-value']);
  });

  it('keeps claims Entra does not read for the join as "other"', () => {
    const checks = checkClaims([
      ...device,
      { namespace: 'urn:x', name: 'color', values: ['blue'] },
    ]);
    expect(statusOf(checks, 'color')).toBe('other');
  });
});
