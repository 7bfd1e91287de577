// The AD attribute store answers the queries the manual's and Entra Connect's rules send.
import { describe, expect, it } from 'vitest';
import { uuidAsBase64Guid } from '../encoding/guid.ts';
import { activeDirectoryStore } from './active-directory-store.ts';
import { AttributeStoreError } from './attribute-store.ts';

const PC = {
  samAccountName: 'IMOK-HYJD$',
  netbiosDomain: 'IMOKATDI',
  dnsDomain: 'imokatdi.ping-eng.com',
  objectGuid: '3f0817b9-ca17-4714-ab81-f7b5943dec7b',
  objectSid: 'S-1-5-21-1004336348-1177238915-682003330-1105',
  groupSids: ['S-1-5-21-1004336348-1177238915-682003330-515'],
};
const USER = {
  samAccountName: 'jdoe',
  netbiosDomain: 'IMOKATDI',
  dnsDomain: 'imokatdi.ping-eng.com',
  objectGuid: '11111111-2222-3333-4444-555555555555',
  msDsConsistencyGuid: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  userPrincipalName: 'jdoe@imokatdi.ping-eng.com',
};
const store = activeDirectoryStore([PC, USER]);

describe('Active Directory attribute store', () => {
  it(';objectguid;{0} reads the account named by windowsaccountname, base64 in Microsoft order', () => {
    expect(store.query(';objectguid;IMOKATDI\\IMOK-HYJD$', [], 1)).toEqual([
      [uuidAsBase64Guid(PC.objectGuid)],
    ]);
  });

  it('samAccountName={0};userPrincipalName;{1}: a computer without a UPN answers nothing', () => {
    expect(
      store.query('samAccountName=IMOK-HYJD$;userPrincipalName;IMOKATDI\\IMOK-HYJD$', [], 1),
    ).toEqual([[]]);
    expect(store.query('samAccountName=jdoe;userPrincipalName;IMOKATDI\\jdoe', [], 1)).toEqual([
      [USER.userPrincipalName],
    ]);
  });

  it('several attributes, one column each; objectSid as a string; tokenGroups(SID); mS-DS-ConsistencyGuid', () => {
    expect(store.query(' ; objectGuid,ms-ds-consistencyguid;IMOKATDI\\jdoe', [], 2)).toEqual([
      [uuidAsBase64Guid(USER.objectGuid)],
      [uuidAsBase64Guid(USER.msDsConsistencyGuid)],
    ]);
    expect(
      store.query(';objectSid,tokenGroups(SID);imokatdi.ping-eng.com\\IMOK-HYJD$', [], 2),
    ).toEqual([[PC.objectSid], PC.groupSids]);
  });

  it('a filter of several terms; an account of another domain is not found', () => {
    expect(
      store.query(
        '(&(samAccountName=jdoe)(userPrincipalName=jdoe@imokatdi.ping-eng.com));objectGUID;IMOKATDI\\x',
        [],
        1,
      )[0],
    ).toHaveLength(1);
    expect(store.query(';objectguid;OTHER\\IMOK-HYJD$', [], 1)).toEqual([[]]);
  });

  it('refuses a query without DOMAIN\\account, or not in three parts', () => {
    expect(() => store.query(';objectguid;IMOK-HYJD$', [], 1)).toThrow(AttributeStoreError);
    expect(() => store.query('objectguid', [], 1)).toThrow(
      /not "<LDAP filter>;<attributes>;<DOMAIN\\account>"/,
    );
  });
});
