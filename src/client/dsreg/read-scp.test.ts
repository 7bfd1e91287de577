import { describe, expect, it } from 'vitest';
import { readScp } from './read-scp.ts';
import { testMachine } from '../../../test/support/dsreg-machine.ts';

describe('readScp', () => {
  it('reads azureADName and azureADId from the keywords', () => {
    expect(readScp(testMachine())).toEqual({
      source: 'scp',
      tenantName: 'imokatdi.ping-eng.com',
      tenantId: '07ec9af2-7ce5-4ab7-8638-115736bbf990',
    });
  });

  it('takes the CDJ\\AAD registry override first, even over a good SCP', () => {
    const r = readScp(
      testMachine({ registry: { cdjAadTenantId: 'aaaa', cdjAadTenantName: 'contoso.com' } }),
    );
    expect(r).toEqual({ source: 'registry', tenantName: 'contoso.com', tenantId: 'aaaa' });
  });

  it('uses the registry TenantId as the name when TenantName is not set', () => {
    expect(readScp(testMachine({ registry: { cdjAadTenantId: 'aaaa' } }))).toMatchObject({
      tenantName: 'aaaa',
      tenantId: 'aaaa',
    });
  });

  it('reads a name without an id', () => {
    expect(readScp(testMachine({ scp: { keywords: ['azureADName:contoso.com'] } }))).toMatchObject({
      tenantName: 'contoso.com',
      tenantId: undefined,
    });
  });

  it.each([
    ['no SCP', undefined, /no Service Connection Point/],
    ['an unreadable SCP', 'unreadable' as const, /could not be read over LDAP/],
    [
      'keywords in the wrong case',
      { keywords: ['azureadname:contoso.com'] },
      /no azureADName: value/,
    ],
    ['an empty azureADName', { keywords: ['azureADName:  '] }, /no azureADName: value/],
  ])('fails with %s', (_name, scp, why) => {
    const r = readScp(testMachine({ scp }));
    expect('error' in r && r.error).toMatch(why);
  });
});
