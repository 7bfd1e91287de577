import { describe, expect, it } from 'vitest';
import { CLAIM, claimType } from './claim-types.ts';

describe('claimType', () => {
  it('joins namespace and name with one slash, as Entra does', () => {
    expect(claimType(CLAIM.accounttype.namespace, CLAIM.accounttype.name)).toBe(
      'http://schemas.microsoft.com/ws/2012/01/accounttype',
    );
  });

  it('does not normalise a trailing slash in the namespace (a misconfiguration)', () => {
    const misconfigured = claimType(`${CLAIM.accounttype.namespace}/`, CLAIM.accounttype.name);
    expect(misconfigured).toBe('http://schemas.microsoft.com/ws/2012/01//accounttype');
    expect(misconfigured).not.toBe(claimType(CLAIM.accounttype.namespace, CLAIM.accounttype.name));
  });

  it('gives the full claim URIs of the hybrid join documentation', () => {
    const full = Object.fromEntries(
      Object.entries(CLAIM).map(([k, c]) => [k, claimType(c.namespace, c.name)]),
    );
    expect(full).toMatchObject({
      accounttype: 'http://schemas.microsoft.com/ws/2012/01/accounttype',
      onpremobjectguid: 'http://schemas.microsoft.com/identity/claims/onpremobjectguid',
      primarysid: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/primarysid',
      ImmutableID: 'http://schemas.microsoft.com/LiveID/Federation/2008/05/ImmutableID',
      issuerid: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/issuerid',
      UPN: 'http://schemas.xmlsoap.org/claims/UPN',
      insidecorporatenetwork: 'http://schemas.microsoft.com/ws/2012/01/insidecorporatenetwork',
      authnmethodsreferences: 'http://schemas.microsoft.com/claims/authnmethodsreferences',
    });
  });
});
