/**
 * The passive side of the mock IdP: WS-Fed sign-in (`wa=wsignin1.0` → auto-post form whose
 * `wresult` holds an RSTR with a signed SAML 1.1 assertion), sign-out, its refusals, signed
 * FederationMetadata.xml, and SAML-P (samlify) metadata and responses.
 */
import { describe, expect, it } from 'vitest';
import { encodeRedirectRequest } from '../../src/idp/samlp/authn-request.ts';
import { uuidAsBase64Guid } from '../../src/protocol/encoding/guid.ts';
import { readAssertion } from '../../src/protocol/saml11/parse-assertion.ts';
import { readAutoPostForm } from '../../src/protocol/wsfed/auto-post-form.ts';
import { buildSignInQuery } from '../../src/protocol/wsfed/sign-in-request.ts';
import { parseRstr } from '../../src/protocol/wstrust/rstr.ts';
import { childElements, parseXml, textOf } from '../../src/protocol/xml/parse-xml.ts';
import { DEVICE_GUID } from '../support/entra-fixture.ts';
import {
  ADFS_HOST,
  APP,
  call,
  idpConfig,
  party,
  PINGONE_HOST,
  ticket,
  USER,
  USER_GUID,
  verifiesWith,
} from '../support/idp-fixture.ts';

const REALM = 'urn:federation:MicrosoftOnline';
const LS = '/adfs/ls/';
const signIn = (extra: Record<string, string> = {}) =>
  `${LS}?${buildSignInQuery({ realm: REALM, context: 'rm=0&id=passive', ...extra })}`;
const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const login = { UserName: USER.upn, Password: USER.password, AuthMethod: 'FormsAuthentication' };

async function postLogin(
  path: string,
  extra: Record<string, string> = {},
  cfg = idpConfig('adfs'),
) {
  const f = form({ ...login, ...extra });
  return call(party(cfg), 'POST', path, f.body, f.headers);
}

describe('WS-Fed passive sign-in', () => {
  it('challenges with Negotiate and offers the sign-in form', async () => {
    const res = await call(party(idpConfig('adfs')), 'GET', signIn());
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Negotiate');
    expect(res.body).toContain('name="UserName"');
    expect(res.body).toContain('name="Password"');
  });

  it('posts wa, wresult and wctx to login.srf after a password sign-in', async () => {
    const res = await postLogin(signIn());
    expect(res.status).toBe(200);
    const post = readAutoPostForm(res.body);
    expect(post.action).toBe('https://login.microsoftonline.com/login.srf');
    expect(post.fields['wa']).toBe('wsignin1.0');
    expect(post.fields['wctx']).toBe('rm=0&id=passive');
    const r = parseRstr(post.fields['wresult']!);
    if (r.kind !== 'token') throw new Error('expected a token');
    expect(r.version).toBe('2005');
    expect(r.tokenType).toBe('urn:oasis:names:tc:SAML:1.0:assertion');
    expect(verifiesWith(r.assertionXml)).toBe(true);
    const a = readAssertion(parseXml(r.assertionXml, 't').documentElement!);
    expect(a.audiences).toEqual([REALM]);
    expect(a.nameIdentifier?.value).toBe(uuidAsBase64Guid(USER_GUID));
    expect(a.authenticationMethod).toBe('urn:oasis:names:tc:SAML:1.0:am:password');
  });

  it('signs a domain computer in with Windows integrated auth', async () => {
    const res = await call(party(idpConfig('adfs')), 'GET', signIn(), '', {
      authorization: `Negotiate ${ticket(ADFS_HOST)}`,
    });
    const r = parseRstr(readAutoPostForm(res.body).fields['wresult']!);
    if (r.kind !== 'token') throw new Error('expected a token');
    expect(r.assertionXml).toContain(uuidAsBase64Guid(DEVICE_GUID));
    expect(r.assertionXml).toContain('urn:federation:authentication:windows');
  });

  it('shows the error text for a wrong password, with no token', async () => {
    const res = await postLogin(signIn(), { Password: 'wrong' });
    expect(res.body).toContain('Incorrect user ID or password.');
    expect(res.body).not.toContain('wresult');
  });

  it('refuses an unknown relying party (MSIS7007), a foreign wreply, and a request without wa', async () => {
    const p = party(idpConfig('adfs'));
    const unknown = await call(p, 'GET', `${LS}?wa=wsignin1.0&wtrealm=urn:example:other`);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain(
      'MSIS7007: The requested relying party trust &#39;urn:example:other&#39; is unspecified or unsupported.',
    );
    const foreign = await call(p, 'GET', signIn({ reply: 'https://evil.example/collect' }));
    expect(foreign.status).toBe(400);
    const noWa = await call(p, 'GET', `${LS}?wtrealm=${REALM}`);
    expect(noWa.status).toBe(400);
    expect(noWa.body).toContain('the request has no wa parameter');
  });

  it('signs out', async () => {
    const res = await call(party(idpConfig('pingone')), 'GET', `/wsf/prp/${APP}?wa=wsignout1.0`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('You have successfully signed out.');
  });

  it('serves PingOne sign-in at /wsf/prp/<appId>', async () => {
    const path = `/wsf/prp/${APP}?${buildSignInQuery({ realm: REALM })}`;
    const res = await postLogin(path, {}, idpConfig('pingone'));
    const post = readAutoPostForm(res.body);
    const r = parseRstr(post.fields['wresult']!);
    if (r.kind !== 'token') throw new Error('expected a token');
    expect(r.assertionXml).toContain(`Issuer="https://${PINGONE_HOST}/applications/${APP}"`);
  });
});

describe('FederationMetadata.xml', () => {
  it('is signed by the token-signing key and describes the STS and the SAML-P IdP (AD FS)', async () => {
    const res = await call(
      party(idpConfig('adfs')),
      'GET',
      '/FederationMetadata/2007-06/FederationMetadata.xml',
    );
    expect(res.status).toBe(200);
    expect(verifiesWith(res.body, 'idp-signing.crt', 'ID')).toBe(true);
    expect(verifiesWith(res.body.replace('adfs/ls/', 'adfs/xx/'), 'idp-signing.crt', 'ID')).toBe(
      false,
    );
    const root = parseXml(res.body, 'metadata').documentElement!;
    expect(root.getAttribute('entityID')).toBe('http://contoso.example/adfs/services/trust/');
    // AD FS: the relying-party role (ApplicationServiceType), the STS role, SPSSO, IDPSSO.
    expect(childElements(root).map((e) => e.localName)).toEqual([
      'Signature',
      'RoleDescriptor',
      'RoleDescriptor',
      'SPSSODescriptor',
      'IDPSSODescriptor',
    ]);
    expect(res.body).toContain('xsi:type="fed:ApplicationServiceType"');
    expect(res.body).toContain(`<wsa:Address>https://${ADFS_HOST}/adfs/ls/</wsa:Address>`);
    expect(res.body).toContain(`https://${ADFS_HOST}/adfs/services/trust/mex`);
    expect(res.body).toContain('Uri="http://schemas.microsoft.com/ws/2012/01/accounttype"');
  });

  it('PingOne serves it (modeled path) and SAML-P metadata separately', async () => {
    const p = party(idpConfig('pingone'));
    const wsfed = await call(p, 'GET', `/wsf/metadata/${APP}`);
    expect(verifiesWith(wsfed.body, 'idp-signing.crt', 'ID')).toBe(true);
    const saml = await call(p, 'GET', `/saml20/metadata/${APP}`);
    expect(saml.body).toContain('<IDPSSODescriptor');
    expect(saml.body).toContain(`Location="https://${PINGONE_HOST}/saml20/idp/sso"`);
  });
});

describe('SAML-P', () => {
  const authnRequest = (id = '_9f1e6a3c-0000-4000-8000-000000000001') =>
    '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ' +
    `ID="${id}" Version="2.0" IssueInstant="2025-07-10T17:22:13Z" ` +
    'AssertionConsumerServiceURL="https://login.microsoftonline.com/login.srf">' +
    '<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">urn:federation:MicrosoftOnline</saml:Issuer>' +
    '</samlp:AuthnRequest>';

  it('answers a Redirect-binding AuthnRequest with a signed Response for Entra (NameID = ImmutableID, IDPEmail = UPN)', async () => {
    const q = new URLSearchParams({
      SAMLRequest: encodeRedirectRequest(authnRequest()),
      RelayState: 'state-1',
    });
    const res = await postLogin(`${LS}?${q.toString()}`);
    expect(res.status).toBe(200);
    const post = readAutoPostForm(res.body);
    expect(post.action).toBe('https://login.microsoftonline.com/login.srf');
    expect(post.fields['RelayState']).toBe('state-1');
    const xml = Buffer.from(post.fields['SAMLResponse']!, 'base64').toString('utf8');
    const root = parseXml(xml, 'response').documentElement!;
    expect(root.getAttribute('InResponseTo')).toBe('_9f1e6a3c-0000-4000-8000-000000000001');
    const assertion = childElements(root).find((e) => e.localName === 'Assertion')!;
    const text = (local: string) => {
      const el = assertion.getElementsByTagNameNS(
        'urn:oasis:names:tc:SAML:2.0:assertion',
        local,
      )[0];
      return el ? textOf(el) : undefined;
    };
    expect(text('NameID')).toBe(uuidAsBase64Guid(USER_GUID));
    expect(text('AttributeValue')).toBe(USER.upn);
    expect(text('Audience')).toBe(REALM);
    expect(xml).toContain('Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"');
    // The assertion signature (samlify) verifies under plain xml-crypto.
    expect(verifiesWith(xml, 'idp-signing.crt', 'ID')).toBe(true);
    expect(
      verifiesWith(xml.replace(USER.upn, 'mallory@contoso.example'), 'idp-signing.crt', 'ID'),
    ).toBe(false);
  });

  it('takes the POST binding, and refuses a request that is not an AuthnRequest', async () => {
    const p = party(idpConfig('pingone'));
    const post = form({
      SAMLRequest: Buffer.from(authnRequest()).toString('base64'),
      ...login,
    });
    const ok = await call(p, 'POST', '/saml20/idp/sso', post.body, post.headers);
    expect(readAutoPostForm(ok.body).fields['SAMLResponse']).toBeDefined();
    const bad = await call(
      p,
      'GET',
      `/saml20/idp/sso?SAMLRequest=${encodeURIComponent(encodeRedirectRequest('<x/>'))}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('not a samlp:AuthnRequest');
  });
});
