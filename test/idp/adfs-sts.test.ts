/**
 * The AD FS profile: its four WS-Trust endpoints (one version and one authentication each), the
 * MEX that publishes them, and the hybrid join claim rules of the manual — single domain,
 * `-SupportMultipleDomain` with the manual's issuerid rules, and the leftover UPN-based rule.
 */
import { describe, expect, it } from 'vitest';
import { CLAIM, claimType } from '../../src/protocol/claims/claim-types.ts';
import { uuidAsBase64Guid } from '../../src/protocol/encoding/guid.ts';
import { parseMex } from '../../src/protocol/mex/select-endpoint.ts';
import { readAssertion } from '../../src/protocol/saml11/parse-assertion.ts';
import { parseRstr } from '../../src/protocol/wstrust/rstr.ts';
import { parseXml } from '../../src/protocol/xml/parse-xml.ts';
import { runAdfsRules } from '../../src/idp/profiles/adfs-claim-rules.ts';
import type { AdfsOptions } from '../../src/idp/idp-config.ts';
import type { Principal } from '../../src/idp/principal.ts';
import { DEVICE_GUID, DEVICE_SID } from '../support/entra-fixture.ts';
import {
  ADFS_DOMAIN,
  ADFS_HOST as HOST,
  call,
  idpConfig,
  party,
  rst,
  ticket,
  USER,
  USER_GUID,
  verifiesWith,
} from '../support/idp-fixture.ts';

const TRUST = '/adfs/services/trust';
const CREDS = { username: USER.upn, password: USER.password };
const url = (path: string) => `https://${HOST}${path}`;
const negotiate = (patch = {}) => ({ authorization: `Negotiate ${ticket(HOST, patch)}` });

function assertionOf(body: string) {
  const r = parseRstr(body);
  if (r.kind !== 'token') throw new Error(`expected a token, got ${JSON.stringify(r)}`);
  return { xml: r.assertionXml, ...readAssertion(parseXml(r.assertionXml, 't').documentElement!) };
}

const types = (attrs: { namespace: string; name: string; values: readonly string[] }[]) =>
  Object.fromEntries(attrs.map((a) => [claimType(a.namespace, a.name), a.values[0]]));

describe('AD FS endpoints', () => {
  it('publishes all four endpoints in its MEX, windowstransport with the service account Identity', async () => {
    const res = await call(party(idpConfig('adfs')), 'GET', `${TRUST}/mex`);
    expect(res.status).toBe(200);
    const mex = parseMex(res.body);
    expect(mex.integrated).toEqual({
      address: url(`${TRUST}/13/windowstransport`),
      version: '1.3',
    });
    expect(mex.usernamePassword).toEqual({
      address: url(`${TRUST}/13/usernamemixed`),
      version: '1.3',
    });
    expect(mex.warnings).toEqual([]);
    expect(res.body).toContain(`<Upn>svc-adfs@${ADFS_DOMAIN}</Upn>`);
    for (const p of ['2005/windowstransport', '2005/usernamemixed'])
      expect(res.body).toContain(url(`${TRUST}/${p}`));
  });

  it('issues a device token on 13/windowstransport and 2005/windowstransport', async () => {
    const p = party(idpConfig('adfs'));
    for (const [path, version] of [
      ['13/windowstransport', '1.3'],
      ['2005/windowstransport', '2005'],
    ] as const) {
      const res = await call(
        p,
        'POST',
        `${TRUST}/${path}`,
        rst(version, url(`${TRUST}/${path}`)),
        negotiate(),
      );
      expect(res.status).toBe(200);
      const a = assertionOf(res.body);
      expect(verifiesWith(a.xml)).toBe(true);
      expect(a.issuer).toBe(`http://${ADFS_DOMAIN}/adfs/services/trust/`);
      expect(a.authenticationMethod).toBe('urn:federation:authentication:windows');
    }
  });

  it('answers a 2005 RST on a 1.3 endpoint with the WCF ContractFilter fault', async () => {
    const path = `${TRUST}/13/windowstransport`;
    const res = await call(
      party(idpConfig('adfs')),
      'POST',
      path,
      rst('2005', url(path)),
      negotiate(),
    );
    expect(res.status).toBe(500);
    const f = parseRstr(res.body);
    expect(f).toMatchObject({ kind: 'fault', code: 's:Sender', subcode: 'a:ActionNotSupported' });
    expect((f as { reason: string }).reason).toContain(
      "The message with Action 'http://schemas.xmlsoap.org/ws/2005/02/trust/RST/Issue' cannot be processed at the receiver",
    );
  });

  it('refuses a usernamemixed request without a UsernameToken, and takes one with it', async () => {
    const p = party(idpConfig('adfs'));
    const path = `${TRUST}/13/usernamemixed`;
    const bare = await call(p, 'POST', path, rst('1.3', url(path)), negotiate());
    expect(parseRstr(bare.body)).toMatchObject({ kind: 'fault', subcode: 'a:InvalidSecurity' });
    const ok = await call(p, 'POST', path, rst('1.3', url(path), { username: CREDS }));
    const a = assertionOf(ok.body);
    expect(types(a.attributes)).toEqual({
      [claimType(CLAIM.UPN.namespace, CLAIM.UPN.name)]: USER.upn,
      [claimType(CLAIM.ImmutableID.namespace, CLAIM.ImmutableID.name)]: uuidAsBase64Guid(USER_GUID),
      // A password sign-in is an extranet one: AADInternals' password-token template says false.
      [claimType(CLAIM.insidecorporatenetwork.namespace, CLAIM.insidecorporatenetwork.name)]:
        'false',
    });
    expect(a.nameIdentifier).toEqual({
      value: uuidAsBase64Guid(USER_GUID),
      format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    });
  });

  it('challenges windowstransport without credentials even when a UsernameToken is sent', async () => {
    const path = `${TRUST}/2005/windowstransport`;
    const res = await call(
      party(idpConfig('adfs')),
      'POST',
      path,
      rst('2005', url(path), { username: CREDS }),
    );
    expect(res.status).toBe(401);
  });

  it('decrypts an RC4 ticket (AD FS is not the AES-only PingOne gateway)', async () => {
    const path = `${TRUST}/13/windowstransport`;
    const res = await call(
      party(idpConfig('adfs')),
      'POST',
      path,
      rst('1.3', url(path)),
      negotiate({ encryptionType: 'rc4-hmac' }),
    );
    expect(res.status).toBe(200);
  });
});

const computer: Principal = {
  kind: 'computer',
  computer: { name: 'IMOK-HYJD', objectGuid: DEVICE_GUID, objectSid: DEVICE_SID },
  groupSids: ['S-1-5-21-1004336348-1177238915-682003330-515'],
  windowsAccountName: 'CONTOSO\\IMOK-HYJD$',
};
const user: Principal = { kind: 'user', user: USER };
const options = (patch: Partial<AdfsOptions> = {}) => ({
  domain: ADFS_DOMAIN,
  adfs: {
    multipleDomains: false,
    issuerIdRules: 'none',
    issuerIdDomain: ADFS_DOMAIN,
    ...patch,
  } as AdfsOptions,
});
const keys = (p: Principal, o: ReturnType<typeof options>) => runAdfsRules(p, o).map((r) => r.key);
const valueOf = (p: Principal, o: ReturnType<typeof options>, key: string) => {
  const v = runAdfsRules(p, o).find((r) => r.key === key)?.value;
  return v?.kind === 'literal' ? v.value : v;
};

describe('AD FS claim rules (hybrid-join-manual.md, run by the claim rule engine)', () => {
  it('issues ImmutableID, accounttype, onpremobjectguid, primarysid, insidecorporatenetwork for a domain computer (the order of the AADIBLOG capture)', () => {
    expect(keys(computer, options())).toEqual([
      'ImmutableID',
      'accounttype',
      'onpremobjectguid',
      'primarysid',
      'insidecorporatenetwork',
    ]);
    const inside = runAdfsRules(computer, options()).find(
      (r) => r.key === 'insidecorporatenetwork',
    );
    expect(inside).toMatchObject({
      originalIssuer: 'CLIENT CONTEXT',
      value: { kind: 'literal', value: 'true' },
    });
  });

  it('issues the UPN of a computer that has one (the AADIBLOG device token carries NAME$@domain)', () => {
    const withUpn: Principal = {
      ...computer,
      computer: {
        ...(computer as { computer: object }).computer,
        userPrincipalName: 'IMOK-HYJD$@contoso.example',
      },
    } as Principal;
    expect(keys(withUpn, options())[0]).toBe('UPN');
  });

  it('issues nothing device-specific for a computer outside Domain Computers (-515)', () => {
    expect(keys({ ...computer, groupSids: ['S-1-5-21-1-2-3-516'] }, options())).toEqual([
      'ImmutableID',
      'insidecorporatenetwork',
    ]);
  });

  it('with the manual issuerid rules: computers get the verified domain, users the UPN domain, no accounttype=User is issued', () => {
    const o = options({
      multipleDomains: true,
      issuerIdRules: 'hybrid-join',
      issuerIdDomain: 'fabrikam.example',
    });
    expect(valueOf(computer, o, 'issuerid')).toBe('http://fabrikam.example/adfs/services/trust/');
    expect(keys(user, o)).toEqual(['UPN', 'ImmutableID', 'issuerid', 'insidecorporatenetwork']);
    expect(valueOf(user, o, 'issuerid')).toBe('http://contoso.example/adfs/services/trust/');
    expect(keys(user, o)).not.toContain('accounttype');
  });

  it('with only the leftover UPN-based rule: users get issuerid, computers (no UPN) none', () => {
    const o = options({ multipleDomains: true, issuerIdRules: 'upn-leftover' });
    expect(keys(computer, o)).not.toContain('issuerid');
    expect(keys(user, o)).toContain('issuerid');
  });

  it('runs a customer rule set instead of the built-in one', () => {
    const o = options({
      issuanceTransformRules:
        '@RuleName = "only DJ"\nc:[Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/groupsid", Value =~ "-515$"] => issue(Type = "http://schemas.microsoft.com/ws/2012/01/accounttype", Value = "DJ");',
    });
    expect(keys(computer, o)).toEqual(['accounttype']);
  });

  it('in multi-domain mode the issuerid value is the token Issuer and no issuerid attribute is sent (AADIBLOG)', async () => {
    const cfg = idpConfig('adfs', {
      adfs: { multipleDomains: true, issuerIdRules: 'hybrid-join', issuerIdDomain: ADFS_DOMAIN },
    });
    const path = `${TRUST}/13/windowstransport`;
    const body = (await call(party(cfg), 'POST', path, rst('1.3', url(path)), negotiate())).body;
    const a = assertionOf(body);
    expect(a.issuer).toBe(`http://${ADFS_DOMAIN}/adfs/services/trust/`);
    expect(
      types(a.attributes)[claimType(CLAIM.issuerid.namespace, CLAIM.issuerid.name)],
    ).toBeUndefined();
    expect(body).toContain('<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">');
    expect(body).toContain(
      'AttributeName="insidecorporatenetwork" AttributeNamespace="http://schemas.microsoft.com/ws/2012/01" a:OriginalIssuer="CLIENT CONTEXT" xmlns:a="http://schemas.xmlsoap.org/ws/2009/09/identity/claims"',
    );
  });
});
