/**
 * Mock Entra's and the IdP's down-level endpoints, driven over HTTP (in-process) the way the
 * autoworkplace client drives them: authorize (home realm discovery), the IdP's WS-Fed passive
 * endpoint, Seamless SSO's autologon, login.srf and DRS's enrollment service — one test per
 * refusal reason, and the accepted path.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import {
  buildAuthorizeUrl,
  readAuthorizeRedirect,
} from '../../src/protocol/downlevel/authorize-request.ts';
import { readSelfPostingForm as readAutoPostForm } from '../../src/protocol/downlevel/self-posting-form.ts';
import {
  buildEnrollmentRequest,
  readEnrollmentCertificate,
} from '../../src/protocol/downlevel/enrollment-message.ts';
import { parseSoapFault } from '../../src/protocol/wstrust/soap-fault.ts';
import { buildCsr } from '../../src/protocol/x509/build-certificate.ts';
import { deviceKey } from '../../src/core/keys.ts';
import { buildWorld, type World } from '../../src/scenario/world/build-world.ts';
import { loadScenario } from '../../src/scenario/language/load-scenario.ts';
import type { Scenario } from '../../src/scenario/language/schema.ts';
import {
  closeInProcessTransport,
  withInProcessParties,
} from '../../src/transport/msw-transport.ts';

afterAll(() => closeInProcessTransport());

const ENROLL =
  'https://enterpriseregistration.windows.net/EnrollmentServer/DeviceEnrollmentWebService.svc';

async function worldOf(file: string, patch: (s: Scenario) => void = () => {}): Promise<World> {
  const loaded = await loadScenario(join(PACKAGE_ROOT, file));
  const s = structuredClone(loaded.scenario);
  patch(s);
  return buildWorld(s, loaded.dir);
}

const FEDERATED = 'scenarios/downlevel/baseline-federated.yaml';
const MANAGED = 'scenarios/downlevel/baseline-managed-seamless-sso.yaml';

function authorize(tenant: string, loginHint: string, acr?: string): string {
  return buildAuthorizeUrl({
    loginHost: 'login.microsoftonline.com',
    tenant,
    loginHint,
    domainHint: tenant,
    clientRequestId: '11111111-2222-4333-8444-555555555555',
    ...(acr ? { acr } : {}),
  });
}

/** What the world's negotiate gives jdoe for a host. */
function ticketFor(w: World, host: string): string {
  const user = w.downlevel!.users[0]!;
  const token = w.downlevel!.negotiate(user, `HTTP/${host}`);
  if (!token) throw new Error(`no ticket for ${host}`);
  return `Negotiate ${token}`;
}

async function get(url: string, headers: Record<string, string> = {}) {
  const r = await fetch(url, { headers, redirect: 'manual' });
  return {
    status: r.status,
    location: r.headers.get('location') ?? '',
    body: await r.text(),
    www: r.headers.get('www-authenticate'),
  };
}

async function post(url: string, body: string, contentType = 'application/x-www-form-urlencoded') {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
    redirect: 'manual',
  });
  return { status: r.status, location: r.headers.get('location') ?? '', body: await r.text() };
}

/** authorize → IdP (with a ticket) → login.srf; returns login.srf's answer. */
async function federatedSignIn(w: World, acr?: string) {
  const a = await get(authorize('contoso.com', 'jdoe@contoso.com', acr));
  const idp = await get(a.location, { authorization: ticketFor(w, 'sts.contoso.com') });
  const form = readAutoPostForm(idp.body)!;
  return post(form.action, new URLSearchParams(form.fields).toString());
}

describe('oauth2/authorize (home realm discovery)', () => {
  it('sends a federated domain to its passive endpoint, with wauth when the client asks for wiaormultiauthn', async () => {
    const w = await worldOf(FEDERATED);
    await withInProcessParties(w.parties, async () => {
      const r = await get(authorize('contoso.com', 'jdoe@contoso.com', 'wiaormultiauthn'));
      expect(r.status).toBe(302);
      const to = new URL(r.location);
      expect(`${to.origin}${to.pathname}`).toBe('https://sts.contoso.com/adfs/ls/');
      expect(to.searchParams.get('wa')).toBe('wsignin1.0');
      expect(to.searchParams.get('wtrealm')).toBe('urn:federation:MicrosoftOnline');
      expect(to.searchParams.get('wauth')).toBe(
        'http://schemas.microsoft.com/claims/wiaormultiauthn',
      );
      const plain = new URL((await get(authorize('contoso.com', 'jdoe@contoso.com'))).location);
      expect(plain.searchParams.has('wauth')).toBe(false);
    });
  });

  it('sends a managed domain to autologon when Seamless SSO is on, to the sign-in page when off', async () => {
    const on = await worldOf(MANAGED);
    await withInProcessParties(on.parties, async () => {
      const r = await get(authorize('contoso.com', 'jdoe@contoso.com'));
      expect(new URL(r.location).host).toBe('autologon.microsoftazuread-sso.com');
    });
    const off = await worldOf(MANAGED, (s) => {
      s.tenant.downlevel!.seamlessSso = false;
    });
    await withInProcessParties(off.parties, async () => {
      const r = await get(authorize('contoso.com', 'jdoe@contoso.com'));
      expect(r.status).toBe(200);
      expect(r.body).toContain('type="password"');
      expect(readAutoPostForm(r.body)).toBeUndefined();
    });
  });

  it('follows domain_hint: the onmicrosoft.com domain of a federated tenant is managed', async () => {
    const w = await worldOf(FEDERATED);
    await withInProcessParties(w.parties, async () => {
      const r = await get(authorize('contoso.onmicrosoft.com', 'jdoe@contoso.com'));
      expect(r.status).toBe(200);
      expect(r.body).toContain('Sign in to your account');
    });
  });

  it.each([
    ['an unknown user (AADSTS50034)', 'contoso.com', 'john.doe@contoso.com', 50034],
    ['an unknown tenant (AADSTS90002)', 'fabrikam.com', 'jdoe@contoso.com', 90002],
  ])('answers %s in the redirect fragment', async (_n, tenant, user, code) => {
    const w = await worldOf(FEDERATED);
    await withInProcessParties(w.parties, async () => {
      const r = await get(authorize(tenant, user));
      const answer = readAuthorizeRedirect(r.location);
      expect(answer?.ok).toBe(false);
      expect(answer && !answer.ok && answer.description).toMatch(new RegExp(`^AADSTS${code}: `));
    });
  });
});

describe("the IdP's WS-Fed passive endpoint", () => {
  it('challenges with Negotiate, then posts a signed user assertion to login.srf', async () => {
    const w = await worldOf(FEDERATED);
    await withInProcessParties(w.parties, async () => {
      const a = await get(authorize('contoso.com', 'jdoe@contoso.com', 'wiaormultiauthn'));
      const challenge = await get(a.location);
      expect(challenge.status).toBe(401);
      expect(challenge.www).toBe('Negotiate');
      const ok = await get(a.location, { authorization: ticketFor(w, 'sts.contoso.com') });
      const form = readAutoPostForm(ok.body)!;
      expect(form.action).toBe('https://login.microsoftonline.com/login.srf');
      expect(form.fields['wa']).toBe('wsignin1.0');
      expect(form.fields['wresult']).toContain(
        'AttributeName="UPN" AttributeNamespace="http://schemas.xmlsoap.org/claims"><saml:AttributeValue>jdoe@contoso.com<',
      );
      expect(form.fields['wresult']).toContain(
        'http://schemas.microsoft.com/claims/wiaormultiauthn',
      );
    });
  });

  it('does not let an AD user without a password sign in with the form (Windows auth only)', async () => {
    const w = await worldOf(FEDERATED);
    await withInProcessParties(w.parties, async () => {
      const a = await get(authorize('contoso.com', 'jdoe@contoso.com'));
      const r = await post(
        a.location,
        new URLSearchParams({ UserName: 'jdoe@contoso.com', Password: '' }).toString(),
      );
      expect(r.status).toBe(200);
      expect(r.body).toContain('Incorrect user ID or password.');
      expect(readAutoPostForm(r.body)).toBeUndefined();
    });
  });

  it('issues only the Windows method when the trust does not allow wiaormultiauthn', async () => {
    const w = await worldOf(FEDERATED, (s) => {
      s.idp.wiaormultiauthn = false;
    });
    await withInProcessParties(w.parties, async () => {
      const a = await get(authorize('contoso.com', 'jdoe@contoso.com', 'wiaormultiauthn'));
      const ok = await get(a.location, { authorization: ticketFor(w, 'sts.contoso.com') });
      const wresult = readAutoPostForm(ok.body)!.fields['wresult']!;
      expect(wresult).toContain(
        'http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/windows',
      );
      expect(wresult).not.toContain('claims/wiaormultiauthn');
    });
  });

  it.each([
    [
      'a ticket for another service',
      (w: World) => ticketFor(w, 'autologon.microsoftazuread-sso.com'),
    ],
    ['garbage', () => 'Negotiate AAAA'],
  ])('refuses %s with 401', async (_n, header) => {
    const w = await worldOf(MANAGED, (s) => {
      s.tenant.domains = s.tenant.domains.map((d) => ({
        ...d,
        authentication: 'federated' as const,
      }));
    });
    await withInProcessParties(w.parties, async () => {
      const r = await get(
        'https://sts.contoso.com/adfs/ls/?wa=wsignin1.0&wtrealm=urn%3Afederation%3AMicrosoftOnline&wctx=x',
        { authorization: header(w) },
      );
      expect(r.status).toBe(401);
    });
  });

  it('refuses a sign-in for a realm it has no trust for, and a request without wa', async () => {
    const w = await worldOf(FEDERATED);
    await withInProcessParties(w.parties, async () => {
      expect(
        (await get('https://sts.contoso.com/adfs/ls/?wa=wsignin1.0&wtrealm=urn:other')).status,
      ).toBe(400);
      expect(
        (await get('https://sts.contoso.com/adfs/ls/?wtrealm=urn:federation:MicrosoftOnline'))
          .status,
      ).toBe(400);
    });
  });
});

describe('login.srf', () => {
  it('answers a good federated sign-in with a DRS token for the user', async () => {
    const w = await worldOf(FEDERATED);
    await withInProcessParties(w.parties, async () => {
      const r = await federatedSignIn(w, 'wiaormultiauthn');
      expect(r.status).toBe(302);
      const answer = readAuthorizeRedirect(r.location);
      expect(answer?.ok).toBe(true);
      const claims = JSON.parse(
        Buffer.from(
          (answer as { accessToken: string }).accessToken.split('.')[1]!,
          'base64url',
        ).toString(),
      ) as Record<string, unknown>;
      expect(claims['unique_name']).toBe('jdoe@contoso.com');
      expect(claims['aud']).toBe('urn:ms-drs:enterpriseregistration.windows.net');
    });
  });

  it('asks an MFA user for MFA (AADSTS50076) unless the IdP sent wiaormultiauthn', async () => {
    const mfa = (s: Scenario) => {
      s.tenant.users[0]!.mfaRequired = true;
    };
    const without = await worldOf(FEDERATED, (s) => {
      mfa(s);
      s.idp.wiaormultiauthn = false;
    });
    await withInProcessParties(without.parties, async () => {
      const answer = readAuthorizeRedirect(
        (await federatedSignIn(without, 'wiaormultiauthn')).location,
      );
      expect(answer && !answer.ok && answer.error).toBe('interaction_required');
      expect(answer && !answer.ok && answer.description).toMatch(/^AADSTS50076: /);
    });
    const withIt = await worldOf(FEDERATED, mfa);
    await withInProcessParties(withIt.parties, async () => {
      expect(
        readAuthorizeRedirect((await federatedSignIn(withIt, 'wiaormultiauthn')).location)?.ok,
      ).toBe(true);
    });
  });

  it('does not take the IdP MFA when the domain rejects it (rejectMfaByFederatedIdp)', async () => {
    const w = await worldOf(FEDERATED, (s) => {
      s.tenant.users[0]!.mfaRequired = true;
      s.tenant.domains[0]!.federation!.federatedIdpMfaBehavior = 'rejectMfaByFederatedIdp';
    });
    await withInProcessParties(w.parties, async () => {
      const answer = readAuthorizeRedirect((await federatedSignIn(w, 'wiaormultiauthn')).location);
      expect(answer?.ok).toBe(false);
    });
  });

  it('checks the assertion as the token endpoint does: a key the tenant does not know is AADSTS5000811', async () => {
    const w = await worldOf(FEDERATED, (s) => {
      s.idp.signingKey = 'certs/attacker-signing.key';
      s.idp.signingCertificate = 'certs/attacker-signing.crt';
    });
    await withInProcessParties(w.parties, async () => {
      const answer = readAuthorizeRedirect((await federatedSignIn(w)).location);
      expect(answer && !answer.ok && answer.description).toMatch(/^AADSTS5000811: /);
    });
  });

  it('refuses a post for no pending sign-in, and a tampered wresult', async () => {
    const w = await worldOf(FEDERATED);
    await withInProcessParties(w.parties, async () => {
      expect(
        (
          await post(
            'https://login.microsoftonline.com/login.srf',
            'wa=wsignin1.0&wctx=nope&wresult=x',
          )
        ).status,
      ).toBe(400);
      const a = await get(authorize('contoso.com', 'jdoe@contoso.com'));
      const idp = await get(a.location, { authorization: ticketFor(w, 'sts.contoso.com') });
      const form = readAutoPostForm(idp.body)!;
      const tampered = {
        ...form.fields,
        wresult: form.fields['wresult']!.replace('jdoe@contoso.com', 'admin@contoso.com'),
      };
      const r = await post(form.action, new URLSearchParams(tampered).toString());
      const answer = readAuthorizeRedirect(r.location);
      expect(answer && !answer.ok && answer.description).toMatch(/^AADSTS50008: /);
    });
  });
});

describe('Seamless SSO (autologon)', () => {
  it('challenges, then posts a Desktop SSO token that login.srf redeems', async () => {
    const w = await worldOf(MANAGED);
    await withInProcessParties(w.parties, async () => {
      const a = await get(authorize('contoso.com', 'jdoe@contoso.com'));
      expect((await get(a.location)).status).toBe(401);
      const sso = await get(a.location, {
        authorization: ticketFor(w, 'autologon.microsoftazuread-sso.com'),
      });
      const form = readAutoPostForm(sso.body)!;
      expect(Object.keys(form.fields)).toEqual(['dssoToken', 'ctx']);
      const r = await post(form.action, new URLSearchParams(form.fields).toString());
      expect(readAuthorizeRedirect(r.location)?.ok).toBe(true);
    });
  });

  it('gives the KDC no ticket for autologon when Seamless SSO is off', async () => {
    const w = await worldOf(MANAGED, (s) => {
      s.tenant.downlevel!.seamlessSso = false;
    });
    expect(
      w.downlevel!.negotiate(w.downlevel!.users[0]!, 'HTTP/autologon.microsoftazuread-sso.com'),
    ).toBeUndefined();
  });

  it('does not sign in a user of a federated domain (sign-in page)', async () => {
    const w = await worldOf(FEDERATED, (s) => {
      s.tenant.downlevel = { seamlessSso: true, registrationService: 'up' };
    });
    await withInProcessParties(w.parties, async () => {
      const a = await get(authorize('contoso.onmicrosoft.com', 'jdoe@contoso.com'));
      const sso = await get(a.location, {
        authorization: ticketFor(w, 'autologon.microsoftazuread-sso.com'),
      });
      expect(sso.status).toBe(200);
      expect(readAutoPostForm(sso.body)).toBeUndefined();
      expect(w.entraLog.join('\n')).toMatch(/Seamless SSO signs in managed users only/);
    });
  });
});

describe("DRS's enrollment service", () => {
  async function token(w: World): Promise<string> {
    const answer = readAuthorizeRedirect((await federatedSignIn(w)).location);
    return (answer as { accessToken: string }).accessToken;
  }
  const enroll = (accessToken: string, keyIndex = 3) =>
    post(
      ENROLL,
      buildEnrollmentRequest({
        to: ENROLL,
        messageId: 'urn:uuid:1',
        accessToken,
        csrDer: buildCsr({
          subject: [{ name: 'commonName', value: 'x' }],
          publicKey: deviceKey(keyIndex),
          privateKey: deviceKey(keyIndex),
        }),
        context: { DeviceDisplayName: 'WIN7-01' },
      }),
      'application/soap+xml; charset=utf-8',
    );

  it('registers a new device per request, each with its own device id', async () => {
    const w = await worldOf(FEDERATED);
    await withInProcessParties(w.parties, async () => {
      const t = await token(w);
      const a = readEnrollmentCertificate((await enroll(t)).body);
      const b = readEnrollmentCertificate((await enroll(t, 4)).body);
      expect(a).toBeDefined();
      expect(b).toBeDefined();
      expect(a!.equals(b!)).toBe(false);
    });
  });

  it('refuses a user at the device quota (DeviceCapReached), counting this run', async () => {
    const w = await worldOf(FEDERATED, (s) => {
      s.tenant.userDeviceQuota = 2;
      s.tenant.users[0]!.registeredDevices = 1;
    });
    await withInProcessParties(w.parties, async () => {
      const t = await token(w);
      expect((await enroll(t)).status).toBe(200);
      const refused = await enroll(t);
      expect(refused.status).toBe(500);
      expect(parseSoapFault(refused.body)?.subcode).toMatch(/DeviceCapReached$/);
    });
  });

  it.each([
    ['no token', ''],
    ['a forged token', 'eyJhbGciOiJSUzI1NiJ9.eyJ1bmlxdWVfbmFtZSI6ImEifQ.c2ln'],
  ])('refuses %s (AuthenticationFailed)', async (_n, t) => {
    const w = await worldOf(FEDERATED);
    await withInProcessParties(w.parties, async () => {
      const r = await enroll(t);
      expect(parseSoapFault(r.body)?.subcode).toMatch(/AuthenticationFailed$/);
    });
  });

  it('refuses a body that is not an enrollment request (InvalidRequest)', async () => {
    const w = await worldOf(FEDERATED);
    await withInProcessParties(w.parties, async () => {
      const r = await post(ENROLL, '<x/>', 'application/soap+xml');
      expect(parseSoapFault(r.body)?.subcode).toMatch(/InvalidRequest$/);
    });
  });

  it('answers 503 when the scenario says the service does not answer', async () => {
    const w = await worldOf(FEDERATED, (s) => {
      s.tenant.downlevel = { seamlessSso: false, registrationService: 'unavailable' };
    });
    await withInProcessParties(w.parties, async () => {
      expect((await enroll('x')).status).toBe(503);
    });
  });
});
