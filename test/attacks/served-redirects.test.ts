/**
 * Open redirects and open posts, against the servers `hjsim serve` starts (their own processes):
 * mock Entra's down-level `oauth2/authorize` answers only the registered Workplace Join client at
 * its registered redirect URI (AADSTS700016 / AADSTS50011 on an error page otherwise, never a
 * redirect, CR/LF included), and the mock IdP posts sign-in responses only to a relying party's
 * configured endpoint (for urn:federation:MicrosoftOnline: https://login.microsoftonline.com/login.srf).
 * @see [ERR] UNO180 TEAMSCC267
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRS_RESOURCE } from '../../src/protocol/entra-names.ts';
import {
  WORKPLACE_JOIN_CLIENT_ID,
  WORKPLACE_JOIN_REDIRECT_URI,
} from '../../src/protocol/downlevel/authorize-request.ts';
import { encodeRedirectRequest } from '../../src/idp/samlp/authn-request.ts';
import { serveProcess, type ServeProcess } from '../support/serve-process.ts';

const TENANT = '4a1e8f0c-5b9d-4c37-a2e6-0d8b7c5f3e19';
let entra: ServeProcess;
let idp: ServeProcess;

beforeAll(async () => {
  [entra, idp] = await Promise.all([
    serveProcess(['--port', '0', '--scenario', 'scenarios/downlevel/baseline-federated.yaml']),
    serveProcess(['--port', '0', '--scenario', 'scenarios/idp/unknown-relying-party.yaml']),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([entra?.stop(), idp?.stop()]);
});

function authorize(params: Record<string, string>): Promise<Response> {
  const q = new URLSearchParams({
    response_type: 'token',
    client_id: WORKPLACE_JOIN_CLIENT_ID,
    resource: DRS_RESOURCE,
    redirect_uri: WORKPLACE_JOIN_REDIRECT_URI,
    login_hint: 'jdoe@contoso.com',
    domain_hint: 'contoso.com',
    prompt: 'none',
    ...params,
  });
  return fetch(`${entra.base}/${TENANT}/oauth2/authorize?${q.toString()}`, {
    redirect: 'manual',
  });
}

describe('down-level oauth2/authorize: registered clients only', { timeout: 30_000 }, () => {
  it('(control) the Workplace Join client at its redirect URI is sent on to the IdP', async () => {
    const res = await authorize({});
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/\/adfs\/ls\/\?wa=wsignin1\.0&/);
  });

  it.each([
    ['an attacker URL', 'https://attacker.example/steal'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a URL with CR/LF', 'urn:ietf:wg:oauth:2.0:oob\r\nSet-Cookie: x=1'],
  ])('redirect_uri = %s: AADSTS50011 on an error page, no redirect', async (_label, uri) => {
    const res = await authorize({ redirect_uri: uri });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('set-cookie')).toBeNull();
    const page = await res.text();
    expect(page).toContain("Sorry, but we're having trouble signing you in.");
    expect(page).toContain('AADSTS50011: The redirect URI');
    expect(page).toContain(
      `does not match the redirect URIs configured for the application &#39;${WORKPLACE_JOIN_CLIENT_ID}&#39;`,
    );
    expect(page).not.toMatch(/[\r\n]Set-Cookie/);
  });

  it('an unknown client_id: AADSTS700016 on an error page, no redirect', async () => {
    const res = await authorize({
      client_id: '11111111-2222-3333-4444-555555555555',
      redirect_uri: 'https://attacker.example/steal',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain(
      `AADSTS700016: Application with identifier &#39;11111111-2222-3333-4444-555555555555&#39; was not found in the directory &#39;${TENANT}&#39;.`,
    );
  });

  it('the server logs what it answered (400, never a 302 it did not send)', async () => {
    await authorize({ redirect_uri: 'https://attacker.example/log' });
    expect(entra.output()).toMatch(/mock-entra-login\S* +GET \S+oauth2\/authorize\S+ → 400/);
    expect(entra.output()).not.toMatch(/→ 500/);
  });
});

describe('mock IdP: sign-in responses go to configured endpoints only', { timeout: 30_000 }, () => {
  const ls = (q: Record<string, string>) =>
    fetch(`${idp.base}/adfs/ls/?${new URLSearchParams(q).toString()}`, { redirect: 'manual' });

  it('a realm with no passive endpoint (a WS-Trust relying party): refused, whatever the wreply', async () => {
    const res = await ls({
      wa: 'wsignin1.0',
      wtrealm: 'urn:federation:MicrosoftOnline:usgov',
      wreply: 'https://attacker.example/collect',
    });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('has no passive (WS-Federation or SAML) endpoint configured');
    expect(page).not.toContain('action="https://attacker.example');
  });

  it('a SAML AuthnRequest from that realm with an attacker ACS: refused', async () => {
    const request =
      '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_a1" Version="2.0" ' +
      'IssueInstant="2025-07-10T17:22:13Z" AssertionConsumerServiceURL="https://attacker.example/acs">' +
      '<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">urn:federation:MicrosoftOnline:usgov</saml:Issuer>' +
      '</samlp:AuthnRequest>';
    const res = await ls({ SAMLRequest: encodeRedirectRequest(request) });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('SAMLResponse');
  });

  it('urn:federation:MicrosoftOnline: only https://login.microsoftonline.com/login.srf', async () => {
    const at = (wreply: string) =>
      fetch(
        `${entra.base}/adfs/ls/?${new URLSearchParams({ wa: 'wsignin1.0', wtrealm: 'urn:federation:MicrosoftOnline', wreply }).toString()}`,
        { redirect: 'manual' },
      );
    for (const other of [
      'https://login.microsoftonline.com/evil',
      'https://login.microsoftonline.com/login.srf/../evil',
      'http://login.microsoftonline.com/login.srf',
    ]) {
      const res = await at(other);
      expect(res.status, other).toBe(400);
      expect(await res.text()).toMatch(
        /is not an endpoint of the relying party trust|is not https/,
      );
    }
    expect((await at('https://login.microsoftonline.com/login.srf')).status).not.toBe(400);
  });
});
