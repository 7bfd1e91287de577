/**
 * Mock Entra's new endpoints over real HTTP (msw in-process, `onUnhandledRequest: 'error'`), as a
 * client other than Windows uses them: OpenID discovery, then a v2.0 SAML bearer grant with a
 * base64url assertion (MSAL's way), then an admin rollover through Graph followed by a token the
 * new key signed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createEntraParties } from '../../src/entra/create-entra.ts';
import { federationIdOf } from '../../src/entra/tenant.ts';
import { issueAccessToken } from '../../src/entra/access-token.ts';
import {
  closeInProcessTransport,
  withInProcessParties,
} from '../../src/transport/msw-transport.ts';
import {
  DOMAIN,
  entraContext,
  pem,
  signedDeviceAssertion,
  TENANT_ID,
} from '../support/entra-fixture.ts';

afterAll(() => closeInProcessTransport());

const form = (o: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(o).toString(),
});

describe('mock Entra over HTTP', () => {
  it('discovery → v2.0 token with base64url → Graph rollover → token signed by the new key', async () => {
    const { ctx } = entraContext();
    const { result, exchanges } = await withInProcessParties(createEntraParties(ctx), async () => {
      const config = (await (
        await fetch(
          `https://login.microsoftonline.com/${DOMAIN}/v2.0/.well-known/openid-configuration`,
        )
      ).json()) as { token_endpoint: string };
      // Each request carries a fresh AssertionID: mock Entra refuses replays (check-replay.ts).
      let n = 0;
      const grant = (signer: string) =>
        form({
          grant_type: 'urn:ietf:params:oauth:grant-type:saml1_1-bearer',
          assertion: Buffer.from(
            signedDeviceAssertion({ assertionId: `_over-http-${n++}` }, signer),
          ).toString('base64url'),
          client_id: 'dd762716-544d-4aeb-a526-687b73838a22',
          scope: 'urn:ms-drs:enterpriseregistration.windows.net/.default openid',
        });
      const first = await fetch(config.token_endpoint, grant('idp-signing'));
      const beforeRollover = await fetch(config.token_endpoint, grant('idp-signing-next'));
      const patched = await fetch(
        `https://graph.microsoft.com/v1.0/domains/${DOMAIN}/federationConfiguration/${federationIdOf(ctx.tenant.domains[0]!)}`,
        {
          method: 'PATCH',
          headers: {
            // A token mock Entra issued for Microsoft Graph: the admin's.
            authorization: `Bearer ${issueAccessToken(ctx, { appid: 'admin', idp: 'test', aud: 'https://graph.microsoft.com' }).token}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            nextSigningCertificate: pem('idp-signing-next.crt').replace(
              /-----(BEGIN|END) CERTIFICATE-----|\s/g,
              '',
            ),
          }),
        },
      );
      const afterRollover = await fetch(config.token_endpoint, grant('idp-signing-next'));
      return {
        endpoint: config.token_endpoint,
        statuses: [first.status, beforeRollover.status, patched.status, afterRollover.status],
        body: (await afterRollover.json()) as Record<string, unknown>,
      };
    });
    expect(result.endpoint).toBe(
      `https://login.microsoftonline.com/${TENANT_ID}/oauth2/v2.0/token`,
    );
    expect(result.statuses).toEqual([200, 400, 200, 200]);
    expect(typeof result.body['access_token']).toBe('string');
    expect(result.body['expires_in']).toBe(3600);
    expect(exchanges.map((e) => `${e.party} ${e.status}`)).toEqual([
      'mock-entra-login 200',
      'mock-entra-login 200',
      'mock-entra-login 400',
      'mock-graph 200',
      'mock-entra-login 200',
    ]);
  });
});
