/**
 * An example of hjsim as a container in your own vitest suite, through the public
 * `hjsim/testcontainers` API only (testcontainers 11.14.0 installed beside hjsim). Where no
 * container runtime answers, the suite is reported skipped with the reason in its name.
 */
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerRuntime, startHjsim, type StartedHjsim } from 'hjsim/testcontainers';

const runtime = await containerRuntime();

describe.skipIf(!runtime.available)(
  `mock Entra and the mock IdP in a container${runtime.available ? '' : ` — skipped: ${runtime.reason}`}`,
  () => {
    let hjsim: StartedHjsim;
    let trustTestCa: Agent;

    beforeAll(async () => {
      hjsim = await startHjsim({ scenario: 'scenarios/pingone/baseline.yaml' });
      // The server's certificate is TEST ONLY: trust its CA for these requests only.
      trustTestCa = new Agent({ connect: { ca: hjsim.caCertificate } });
    }, 600_000);

    afterAll(async () => {
      await trustTestCa?.close();
      await hjsim?.stop();
    });

    it('user realm says federated and points at the mock IdP MEX', async () => {
      const realm = (await (
        await fetch(hjsim.urls.userRealm!, { dispatcher: trustTestCa })
      ).json()) as Record<string, string>;
      expect(realm['account_type']).toBe('Federated');
      expect(realm['federation_metadata_url']).toBe(hjsim.urls.mex);
      const mex = await fetch(hjsim.urls.mex!, { dispatcher: trustTestCa });
      expect(await mex.text()).toContain(hjsim.urls.sts);
    });
  },
);
