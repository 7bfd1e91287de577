// PingOne mapping expressions ([PING] reference table) → what the mock issues.
import { describe, expect, it } from 'vitest';
import { isSimError } from '../../core/errors.ts';
import { mappingRules, mappingSource, PINGONE_DEFAULT_NAMEFORMAT } from './pingone-mappings.ts';

describe('PingOne attribute mappings', () => {
  it('reads the reference expressions', () => {
    expect(
      mappingSource(
        { name: 'onpremobjectguid', value: '#string.uuidAsBase64Guid(user.externalId,null)' },
        'x',
      ),
    ).toEqual({
      kind: 'objectGuid',
      encoding: 'uuidAsBase64Guid',
    });
    expect(
      mappingSource(
        { name: 'ImmutableID', value: '#string.uuidAsBase64Guid(user.externalId,null)' },
        'x',
      ),
    ).toEqual({
      kind: 'immutableId',
      encoding: 'uuidAsBase64Guid',
    });
    expect(mappingSource({ name: 'accounttype', value: '"DJ"' }, 'x')).toEqual({
      kind: 'literal',
      value: 'DJ',
    });
    expect(mappingSource({ name: 'primarysid', value: '${user.objectSid}' }, 'x')).toEqual({
      kind: 'objectSid',
    });
    expect(mappingSource({ name: 'UPN', value: '${user.userPrincipalName}' }, 'x')).toEqual({
      kind: 'upn',
    });
    expect(
      mappingSource(
        { name: 'onpremobjectguid', value: '#data.base64Encode(user.externalId)' },
        'x',
      ),
    ).toEqual({
      kind: 'objectGuid',
      encoding: 'bigEndian',
    });
  });

  it("takes the NameFormat as the namespace, PingOne's unspecified by default", () => {
    const [a, b] = mappingRules(
      [
        {
          name: 'accounttype',
          value: '"DJ"',
          nameFormat: 'http://schemas.microsoft.com/ws/2012/01',
        },
        { name: 'primarysid', value: '${user.objectSid}' },
      ],
      'w',
    );
    expect(a?.namespace).toBe('http://schemas.microsoft.com/ws/2012/01');
    expect(b?.namespace).toBe(PINGONE_DEFAULT_NAMEFORMAT);
  });

  it('refuses an expression it cannot evaluate, naming the mapping', () => {
    let e: unknown;
    try {
      mappingSource({ name: 'x', value: '${user.department}' }, 'idp.pingone.attributeMappings.3');
    } catch (x) {
      e = x;
    }
    expect(isSimError(e, 'ERR_SCENARIO_INVALID')).toBe(true);
    expect((e as { where: string }).where).toBe('idp.pingone.attributeMappings.3');
  });
});
