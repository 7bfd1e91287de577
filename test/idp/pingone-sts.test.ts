/**
 * The mock IdP (PingOne profile) as a client meets it: MEX by GET, WS-Trust 1.3 with a Negotiate
 * ticket or a UsernameToken on the one STS URL, SOAP faults, and an assertion that verifies under
 * a verifier configured independently (plain xml-crypto) and fails once tampered.
 */
import { describe, expect, it } from 'vitest';
import { CLAIM } from '../../src/protocol/claims/claim-types.ts';
import { uuidAsBase64Guid } from '../../src/protocol/encoding/guid.ts';
import { parseMex } from '../../src/protocol/mex/select-endpoint.ts';
import { parseRstr } from '../../src/protocol/wstrust/rstr.ts';
import { readAssertion } from '../../src/protocol/saml11/parse-assertion.ts';
import { parseXml } from '../../src/protocol/xml/parse-xml.ts';
import { DEVICE_GUID, DEVICE_SID } from '../support/entra-fixture.ts';
import {
  APP,
  call,
  idpConfig,
  party,
  PINGONE_HOST as HOST,
  rst,
  ticket,
  USER,
  USER_GUID,
  verifiesWith,
} from '../support/idp-fixture.ts';

const STS = `/wsf/sts/${APP}`;
const STS_URL = `https://${HOST}${STS}`;
const negotiate = (patch = {}) => ({ authorization: `Negotiate ${ticket(HOST, patch)}` });

function token(body: string) {
  const r = parseRstr(body);
  if (r.kind !== 'token') throw new Error(`expected a token, got ${JSON.stringify(r)}`);
  return { ...r, assertion: readAssertion(parseXml(r.assertionXml, 'test').documentElement!) };
}

describe('PingOne-like mock IdP', () => {
  it('serves MEX 1.3 by GET with a Windows-auth endpoint, and /wsf/mex without one', async () => {
    const p = party(idpConfig('pingone'));
    const mex13 = parseMex((await call(p, 'GET', `/wsf/mex13/${APP}`)).body);
    expect(mex13.integrated).toEqual({ address: STS_URL, version: '1.3' });
    expect(mex13.usernamePassword).toEqual({ address: STS_URL, version: '1.3' });
    const mex2005 = parseMex((await call(p, 'GET', `/wsf/mex/${APP}`)).body);
    expect(mex2005.integrated).toBeUndefined();
    expect(mex2005.usernamePassword?.version).toBe('2005');
  });

  it('issues an RSTR whose assertion verifies under plain xml-crypto, and fails once tampered', async () => {
    const res = await call(
      party(idpConfig('pingone')),
      'POST',
      STS,
      rst('1.3', STS_URL),
      negotiate(),
    );
    expect(res.status).toBe(200);
    const r = token(res.body);
    expect(r.tokenType).toBe('urn:oasis:names:tc:SAML:1.0:assertion');
    expect(res.body).toContain(
      '<a:RelatesTo>urn:uuid:00000000-0000-4000-8000-000000000001</a:RelatesTo>',
    );
    expect(verifiesWith(r.assertionXml)).toBe(true);
    expect(r.assertionXml).toContain(
      `AttributeNamespace="http://schemas.microsoft.com/ws/2012/01"`,
    );
    expect(r.assertion.issuer).toBe(`https://${HOST}/applications/${APP}`);
    expect(r.assertion.nameIdentifier?.value).toBe(uuidAsBase64Guid(DEVICE_GUID));
    expect(r.assertion.attributes.map((a) => a.name)).toEqual([
      'ImmutableID',
      'accounttype',
      'onpremobjectguid',
      'primarysid',
    ]);
    expect(verifiesWith(r.assertionXml.replace(DEVICE_SID, 'S-1-5-21-1-2-3-500'))).toBe(false);
  });

  it('answers WS-Trust 2005 on the same URL', async () => {
    const res = await call(
      party(idpConfig('pingone')),
      'POST',
      STS,
      rst('2005', STS_URL),
      negotiate(),
    );
    expect(token(res.body).version).toBe('2005');
  });

  it('challenges a request without Negotiate (401) and faults an RC4 ticket (service account without AES)', async () => {
    const p = party(idpConfig('pingone'));
    const noAuth = await call(p, 'POST', STS, rst('1.3', STS_URL));
    expect(noAuth.status).toBe(401);
    expect(noAuth.headers['www-authenticate']).toBe('Negotiate');
    const rc4 = await call(
      p,
      'POST',
      STS,
      rst('1.3', STS_URL),
      negotiate({ encryptionType: 'rc4-hmac' }),
    );
    expect(rc4.status).toBe(500);
    expect(parseRstr(rc4.body)).toMatchObject({
      kind: 'fault',
      code: 's:Sender',
      subcode: 'a:FailedAuthentication',
      reason: 'ID3242: The security token could not be authenticated or authorized.',
    });
  });

  it('faults an unknown relying party with ID3082', async () => {
    const res = await call(
      party(idpConfig('pingone')),
      'POST',
      STS,
      rst('1.3', STS_URL, { appliesTo: 'urn:federation:MicrosoftOnline:usgov' }),
      negotiate(),
    );
    expect(parseRstr(res.body)).toMatchObject({
      kind: 'fault',
      subcode: 'a:InvalidRequest',
      reason: 'ID3082: The request scope is not valid or is unsupported.',
    });
  });

  it('faults a computer its directory does not know, a ticket for another service, and garbage', async () => {
    const p = party(idpConfig('pingone'));
    for (const headers of [
      negotiate({ sid: 'S-1-5-21-9-9-9-1000' }),
      negotiate({ spn: 'HTTP/other.example.com' }),
      { authorization: 'Negotiate bm90IGEgdGlja2V0' },
    ]) {
      const res = await call(p, 'POST', STS, rst('1.3', STS_URL), headers);
      expect(parseRstr(res.body)).toMatchObject({
        kind: 'fault',
        subcode: 'a:FailedAuthentication',
      });
    }
  });

  it('faults a body that is not an RST with ID3035', async () => {
    const res = await call(party(idpConfig('pingone')), 'POST', STS, '<x/>', negotiate());
    expect(res.status).toBe(500);
    expect(parseRstr(res.body)).toMatchObject({ kind: 'fault', subcode: 'a:InvalidRequest' });
    expect((parseRstr(res.body) as { reason: string }).reason).toMatch(/^ID3035: /);
  });

  it('issues a user token for a UsernameToken: UPN, ImmutableID, password authentication', async () => {
    const res = await call(
      party(idpConfig('pingone')),
      'POST',
      STS,
      rst('1.3', STS_URL, { username: { username: USER.upn, password: USER.password } }),
    );
    const { assertion } = token(res.body);
    expect(assertion.authenticationMethod).toBe('urn:oasis:names:tc:SAML:1.0:am:password');
    expect(assertion.nameIdentifier?.value).toBe(uuidAsBase64Guid(USER_GUID));
    expect(assertion.attributes).toContainEqual({ ...CLAIM.UPN, values: [USER.upn] });
    // PingOne leaves out mappings whose source is empty: users have no objectSid attribute.
    expect(assertion.attributes.some((a) => a.name === 'primarysid')).toBe(false);
  });

  it('faults a wrong password and an unknown user alike', async () => {
    const p = party(idpConfig('pingone'));
    for (const username of [
      { username: USER.upn, password: 'nope' },
      { username: 'mallory@contoso.example', password: USER.password },
    ]) {
      const res = await call(p, 'POST', STS, rst('1.3', STS_URL, { username }));
      expect(parseRstr(res.body)).toMatchObject({
        kind: 'fault',
        reason: 'ID3242: The security token could not be authenticated or authorized.',
      });
    }
  });

  it('issues the claims with the NameFormats the scenario sets, and leaves out omitted ones', async () => {
    const cfg = idpConfig('pingone', {
      claimOverrides: {
        accounttype: { namespace: 'http://schemas.microsoft.com/ws/2008/06/identity/claims' },
        primarysid: 'omit',
        onpremobjectguid: { encoding: 'bigEndian', duplicate: true },
        costcenter: { namespace: 'http://contoso.example/claims', value: '42' },
      },
    });
    const { assertion } = token(
      (await call(party(cfg), 'POST', STS, rst('1.3', STS_URL), negotiate())).body,
    );
    expect(assertion.attributes).toContainEqual({
      namespace: 'http://schemas.microsoft.com/ws/2008/06/identity/claims',
      name: 'accounttype',
      values: ['DJ'],
    });
    expect(assertion.attributes.some((a) => a.name === 'primarysid')).toBe(false);
    const guids = assertion.attributes.filter((a) => a.name === 'onpremobjectguid');
    expect(guids).toHaveLength(2);
    expect(guids[0]?.values[0]).not.toBe(uuidAsBase64Guid(DEVICE_GUID));
    expect(assertion.attributes).toContainEqual({
      namespace: 'http://contoso.example/claims',
      name: 'costcenter',
      values: ['42'],
    });
  });

  it('writes the NameIdentifier, audience, validity and algorithms the scenario sets', async () => {
    const cfg = idpConfig('pingone', {
      nameIdentifier: {
        omit: false,
        format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
        value: 'x@y',
      },
      audience: 'urn:example:other',
      validity: { notBeforeOffsetSeconds: -60, lifetimeSeconds: 120 },
      signing: {
        ...idpConfig('pingone').signing,
        signatureAlgorithm: 'rsa-sha1',
        digestAlgorithm: 'sha1',
        includeKeyInfo: false,
      },
    });
    const { assertion, assertionXml } = token(
      (await call(party(cfg), 'POST', STS, rst('1.3', STS_URL), negotiate())).body,
    );
    expect(assertion.nameIdentifier).toEqual({
      value: 'x@y',
      format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    });
    expect(assertion.audiences).toEqual(['urn:example:other']);
    expect(assertion.notBefore).toBe('2025-07-10T17:21:13.000Z');
    expect(assertion.notOnOrAfter).toBe('2025-07-10T17:23:13.000Z');
    expect(assertionXml).toContain('Algorithm="http://www.w3.org/2000/09/xmldsig#rsa-sha1"');
    expect(assertionXml).toContain('Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"');
    expect(assertionXml).not.toContain('X509Certificate');

    const omitted = idpConfig('pingone', {
      nameIdentifier: { omit: true, format: undefined, value: undefined },
    });
    const t = token(
      (await call(party(omitted), 'POST', STS, rst('1.3', STS_URL), negotiate())).body,
    );
    expect(t.assertion.nameIdentifier).toBeUndefined();
  });

  it('spells the TokenType the scenario picks', async () => {
    const cfg = idpConfig('pingone', {
      tokenType: 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV1.1',
    });
    const res = await call(party(cfg), 'POST', STS, rst('1.3', STS_URL), negotiate());
    expect(token(res.body).tokenType).toBe(
      'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV1.1',
    );
  });
});
