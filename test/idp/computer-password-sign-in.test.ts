/**
 * A usernamemixed sign-in as the computer account (`device.accountPassword`; hjsim conform's
 * stand-in for Windows auth, docs/decisions/0011): with the right password the IdP finds the
 * computer — by `NAME$`, `NETBIOS\NAME$` or `NAME$@domain` — and issues the same device claims as
 * for its Kerberos ticket (PingOne mappings; AD FS rules, which need the Domain Computers group),
 * with the password authentication method. Without a password set, or with a wrong one, the
 * answer is the usual FailedAuthentication fault: a computer never signs in by password otherwise.
 */
import { describe, expect, it } from 'vitest';
import type { DirectoryComputer } from '../../src/idp/idp-config.ts';
import { CLAIM } from '../../src/protocol/claims/claim-types.ts';
import { uuidAsBase64Guid } from '../../src/protocol/encoding/guid.ts';
import { readAssertion } from '../../src/protocol/saml11/parse-assertion.ts';
import { parseRstr } from '../../src/protocol/wstrust/rstr.ts';
import { parseXml } from '../../src/protocol/xml/parse-xml.ts';
import { DEVICE_GUID, DEVICE_SID } from '../support/entra-fixture.ts';
import {
  ADFS_HOST,
  APP,
  call,
  idpConfig,
  party,
  PINGONE_HOST,
  rst,
} from '../support/idp-fixture.ts';

const COMPUTER: DirectoryComputer = {
  name: 'IMOK-HYJD',
  objectGuid: DEVICE_GUID,
  objectSid: DEVICE_SID,
  netbiosDomain: 'IMOKATDI',
  dnsDomain: 'imokatdi.ping-eng.com',
  password: 'Computer-Pa55!',
};

const PINGONE_STS = `/wsf/sts/${APP}`;
const ADFS_STS = '/adfs/services/trust/13/usernamemixed';

function assertionOf(body: string) {
  const r = parseRstr(body);
  if (r.kind !== 'token') throw new Error(`expected a token, got ${JSON.stringify(r)}`);
  return readAssertion(parseXml(r.assertionXml, 'assertion').documentElement);
}

const signIn = (username: string, password = COMPUTER.password!) => ({
  username: { username, password },
});

describe('usernamemixed sign-in as the computer account', () => {
  it.each(['IMOK-HYJD$', 'imokatdi\\imok-hyjd$', 'IMOK-HYJD$@imokatdi.ping-eng.com'])(
    'PingOne: %s gets the device claims, authenticated by password',
    async (username) => {
      const cfg = idpConfig('pingone', { directory: [COMPUTER] });
      const res = await call(
        party(cfg),
        'POST',
        PINGONE_STS,
        rst('1.3', `https://${PINGONE_HOST}${PINGONE_STS}`, signIn(username)),
      );
      const a = assertionOf(res.body);
      expect(a.authenticationMethod).toBe('urn:oasis:names:tc:SAML:1.0:am:password');
      expect(a.attributes).toContainEqual({ ...CLAIM.accounttype, values: ['DJ'] });
      expect(a.attributes).toContainEqual({
        ...CLAIM.onpremobjectguid,
        values: [uuidAsBase64Guid(DEVICE_GUID)],
      });
      expect(a.attributes).toContainEqual({ ...CLAIM.primarysid, values: [DEVICE_SID] });
    },
  );

  it("AD FS: the manual's computer rules fire (the Domain Computers group comes with the account)", async () => {
    const cfg = idpConfig('adfs', { directory: [COMPUTER] });
    const res = await call(
      party(cfg),
      'POST',
      ADFS_STS,
      rst('1.3', `https://${ADFS_HOST}${ADFS_STS}`, signIn('IMOK-HYJD$')),
    );
    const a = assertionOf(res.body);
    expect(a.attributes).toContainEqual({ ...CLAIM.accounttype, values: ['DJ'] });
    expect(a.attributes).toContainEqual({ ...CLAIM.primarysid, values: [DEVICE_SID] });
    expect(a.nameIdentifier?.value).toBe(uuidAsBase64Guid(DEVICE_GUID));
  });

  it('refuses a wrong password, and any password when the computer has none set', async () => {
    for (const directory of [[COMPUTER], [{ ...COMPUTER, password: undefined }]]) {
      const cfg = idpConfig('pingone', { directory: directory as DirectoryComputer[] });
      for (const password of ['wrong', COMPUTER.password!]) {
        if (directory[0]!.password === password) continue;
        const res = await call(
          party(cfg),
          'POST',
          PINGONE_STS,
          rst('1.3', `https://${PINGONE_HOST}${PINGONE_STS}`, signIn('IMOK-HYJD$', password)),
        );
        expect(parseRstr(res.body)).toMatchObject({
          kind: 'fault',
          subcode: 'a:FailedAuthentication',
        });
      }
    }
  });
});
