/**
 * Interop with a real WS-Trust client no one here wrote: adal-node 0.2.4's
 * acquireTokenWithUsernamePassword runs user realm → MEX → WS-Trust usernamemixed →
 * saml1_1-bearer against the mock IdP and mock Entra, served over HTTPS (certs/tls-server.*)
 * from one 127.0.0.1 port by the express transport. adal-node runs in a child `node` whose
 * NODE_EXTRA_CA_CERTS trusts the test CA (read at process start, so it cannot be set here).
 * @see DESIGN.md "Real peers for interop"; node_modules/adal-node/lib/mex.js, wstrust-request.js
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CERTS_DIR, PACKAGE_ROOT } from '../../src/core/keys.ts';
import { uuidAsBase64Guid } from '../../src/protocol/encoding/guid.ts';
import { buildWorld } from '../../src/scenario/world/build-world.ts';
import { scenarioSchema, type ScenarioInput } from '../../src/scenario/language/schema.ts';
import { createExpressApp } from '../../src/transport/express-app.ts';
import type { Exchange } from '../../src/transport/dispatch.ts';

const TENANT = '2b7a4c1d-8e3f-4a6b-9c0d-1e2f3a4b5c6d';
const APP = '4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e';
const USER_GUID = '9d1b5c1e-2f0a-4c1e-9a4b-6a3c2d1e0f9a';
const USER = { upn: 'alice@contoso.com', password: 'Passw0rd!&<' };

interface Case {
  readonly profile: 'adfs' | 'pingone';
  readonly mex?: 'complete' | '2005-only';
  /** The MEX path and the STS path the client must end up at (proving it used the MEX). */
  readonly mexPath: string;
  readonly stsPath: string;
  /** What user realm offers as federation_active_auth_url (the fallback if MEX failed). */
  readonly activePath: string;
  readonly trustNamespace: string;
}

const TRUST13 = 'http://docs.oasis-open.org/ws-sx/ws-trust/200512';
const TRUST2005 = 'http://schemas.xmlsoap.org/ws/2005/02/trust';

function scenario(host: string, c: Case): ScenarioInput {
  const adfs = c.profile === 'adfs';
  return {
    name: `adal-node ${c.profile}`,
    seed: `adal-${c.profile}-${c.mex ?? 'complete'}`,
    tenant: {
      id: TENANT,
      domains: [
        {
          name: 'contoso.com',
          authentication: 'federated',
          federation: {
            issuerUri: adfs
              ? 'http://contoso.com/adfs/services/trust/'
              : `https://${host}/applications/${APP}`,
            metadataExchangeUri: `https://${host}${c.mexPath}`,
            activeSignInUri: `https://${host}${c.activePath}`,
            signingCertificate: 'certs/idp-signing.crt',
          },
        },
      ],
      users: [{ upn: USER.upn, immutableId: uuidAsBase64Guid(USER_GUID) }],
    },
    idp: {
      profile: c.profile,
      host,
      ...(adfs ? {} : { appId: APP }),
      signingKey: 'certs/idp-signing.key',
      users: [{ ...USER, objectGuid: USER_GUID }],
      ...(c.mex ? { mex: { variant: c.mex } } : {}),
    },
    onprem: { domain: 'contoso.com', scp: { azureADName: 'contoso.com', azureADId: TENANT } },
    device: {
      name: 'CONTOSO-PC01',
      objectGuid: '6c1f0a2e-4b3d-4e5f-8a9b-0c1d2e3f4a5b',
      objectSid: 'S-1-5-21-3623811015-3361044348-30300820-1107',
    },
  };
}

let server: Server | undefined;
afterEach(
  () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
      server = undefined;
    }),
);

/** Serves the scenario's IdP and login parties on one https://127.0.0.1:PORT. */
async function serve(c: Case): Promise<{ host: string; exchanges: Exchange[] }> {
  // The parties need the port, which exists only once the server listens.
  const slot: { handle?: (req: never, res: never) => void } = {};
  server = createServer(
    {
      key: readFileSync(join(CERTS_DIR, 'tls-server.key')),
      cert: readFileSync(join(CERTS_DIR, 'tls-server.crt')),
    },
    (req, res) => slot.handle?.(req as never, res as never),
  );
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const s = scenarioSchema.parse(scenario(host, c));
  const world = buildWorld(s, PACKAGE_ROOT);
  const parties = world.parties
    .filter((p) => p.name === 'mock-idp' || p.name === 'mock-entra-login')
    .map((p) => ({ ...p, host }));
  const { app, router } = createExpressApp(parties, { fallbackHost: () => host });
  slot.handle = app as unknown as (req: never, res: never) => void;
  return { host, exchanges: router.exchanges };
}

const CLIENT = `
const adal = require('adal-node');
const [authority, user, password] = process.argv.slice(1);
const ctx = new adal.AuthenticationContext(authority, false);
ctx.acquireTokenWithUsernamePassword('urn:ms-drs:enterpriseregistration.windows.net', user, password,
  '1b730954-1685-4b74-9bfd-dac224a7b894', (err, res) => {
    process.stdout.write(JSON.stringify(err ? { error: String(err.message || err) } : { token: res }));
  });
`;

function adal(
  authority: string,
  password: string,
): Promise<{ error?: string; token?: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CLIENT, authority, USER.upn, password], {
      cwd: PACKAGE_ROOT,
      env: { PATH: process.env['PATH'] ?? '', NODE_EXTRA_CA_CERTS: join(CERTS_DIR, 'tls-ca.crt') },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(out) as { error?: string; token?: Record<string, unknown> });
      } catch {
        reject(new Error(`adal-node child exited ${code} without a result: ${out}${err}`));
      }
    });
  });
}

const CASES: readonly (readonly [string, Case])[] = [
  [
    'AD FS, WS-Trust 1.3 usernamemixed from the MEX',
    {
      profile: 'adfs',
      mexPath: '/adfs/services/trust/mex',
      stsPath: '/adfs/services/trust/13/usernamemixed',
      activePath: '/adfs/services/trust/2005/usernamemixed',
      trustNamespace: TRUST13,
    },
  ],
  [
    'AD FS, WS-Trust 2005 when the MEX offers only 2005',
    {
      profile: 'adfs',
      mex: '2005-only',
      mexPath: '/adfs/services/trust/mex',
      stsPath: '/adfs/services/trust/2005/usernamemixed',
      activePath: '/adfs/services/trust/13/usernamemixed',
      trustNamespace: TRUST2005,
    },
  ],
  [
    'PingOne, WS-Trust 1.3 from /wsf/mex13',
    {
      profile: 'pingone',
      mexPath: `/wsf/mex13/${APP}`,
      stsPath: `/wsf/sts/${APP}`,
      activePath: `/wsf/sts/${APP}`,
      trustNamespace: TRUST13,
    },
  ],
];

describe('adal-node 0.2.4 against the mocks over HTTPS', () => {
  for (const [title, c] of CASES) {
    it(`${title}: user realm → MEX → usernamemixed → saml1_1-bearer`, async () => {
      const { host, exchanges } = await serve(c);
      const result = await adal(`https://${host}/${TENANT}`, USER.password);
      expect(result.error).toBeUndefined();
      expect(result.token).toMatchObject({
        tokenType: 'Bearer',
        resource: 'urn:ms-drs:enterpriseregistration.windows.net',
      });
      expect(typeof result.token?.['accessToken']).toBe('string');

      const seen = exchanges.map((e) => `${e.method} ${new URL(e.url).pathname} ${e.status}`);
      expect(seen).toEqual([
        `GET /common/UserRealm/${encodeURIComponent(USER.upn)} 200`,
        `GET ${c.mexPath} 200`,
        `POST ${c.stsPath} 200`,
        `POST /${TENANT}/oauth2/token 200`,
      ]);
      const sts = exchanges[2]!;
      expect(sts.requestBody).toContain(`xmlns:wst='${c.trustNamespace}'`);
      expect(sts.requestBody).toContain('<wsse:UsernameToken');
      const grant = new URLSearchParams(exchanges[3]!.requestBody);
      expect(grant.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:saml1_1-bearer');
      // adal-node re-serialises the assertion it read; it still verifies in mock Entra (200 above).
      expect(Buffer.from(grant.get('assertion')!, 'base64').toString('utf8')).toContain(
        uuidAsBase64Guid(USER_GUID),
      );
    }, 30_000);
  }

  it('reports the STS fault for a wrong password (no token request is made)', async () => {
    const { host, exchanges } = await serve(CASES[0]![1]);
    const result = await adal(`https://${host}/${TENANT}`, 'wrong');
    expect(result.error).toContain('FailedAuthentication');
    expect(result.error).toContain('ID3242');
    expect(exchanges.some((e) => e.url.includes('/oauth2/token'))).toBe(false);
  }, 30_000);
});
