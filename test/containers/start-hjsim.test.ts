/**
 * `hjsim/testcontainers` end to end. Without a runtime: the command line and URLs the helper
 * computes, served by a local `hjsim serve` process, answer as the helper says. With a container
 * runtime: `startHjsim` builds the image, starts it, and the Windows join client joins through
 * the published port; where no runtime answers (as on our machines) that part is reported
 * skipped, with the reason in its name.
 */
import { join } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDsregJoin } from '../../src/client/dsreg/dsreg-join.ts';
import { PACKAGE_ROOT, readPem, CERTS_DIR } from '../../src/core/keys.ts';
import { buildWorld } from '../../src/scenario/world/build-world.ts';
import { loadScenario } from '../../src/scenario/language/load-scenario.ts';
import { localizeScenario } from '../../src/scenario/language/localize-scenario.ts';
import { withFetchRoutedTo } from '../../src/transport/route-fetch.ts';
import {
  containerRuntime,
  containerUrls,
  resolveOptions,
  serveArguments,
  startHjsim,
  type StartedHjsim,
} from '../../src/tools/testcontainers/index.ts';
import { serveProcess, type ServeProcess } from '../support/serve-process.ts';

const SCENARIO = 'scenarios/pingone/baseline.yaml';
const REALM_MEX = 'https://127.0.0.1:PORT/wsf/mex13/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e';

function trusting(ca: string): Agent {
  return new Agent({ connect: { ca } });
}

async function getJson(url: string, agent: Agent): Promise<Record<string, string>> {
  const r = await undiciFetch(url, { dispatcher: agent });
  expect(r.status).toBe(200);
  return (await r.json()) as Record<string, string>;
}

describe('hjsim/testcontainers without a runtime: its command line, served by a local process', () => {
  let s: ServeProcess | undefined;
  afterAll(async () => {
    await s?.stop();
  });

  it('answers at the URLs startHjsim returns', { timeout: 60_000 }, async () => {
    const o = resolveOptions({ scenario: SCENARIO });
    const args = serveArguments(o, 0, join(PACKAGE_ROOT, SCENARIO));
    args[args.indexOf('--host') + 1] = '127.0.0.1'; // this machine only: it is not in a container
    s = await serveProcess(args);
    const { scenario } = await loadScenario(o.scenarioFile);
    const urls = containerUrls(scenario, o, s.port);
    expect(urls.baseUrl).toBe(s.base);
    const agent = trusting(readPem(`${CERTS_DIR}/tls-ca.crt`));
    try {
      expect(await getJson(urls.health, agent)).toMatchObject({ status: 'ok' });
      const realm = await getJson(urls.userRealm!, agent);
      expect(realm['federation_metadata_url']).toBe(urls.mex);
      expect(realm['federation_active_auth_url']).toBe(urls.sts);
      expect(urls.mex).toBe(REALM_MEX.replace('PORT', String(s.port)));
      const mex = await undiciFetch(urls.mex!, { dispatcher: agent });
      expect(mex.status).toBe(200);
      expect(await mex.text()).toContain(urls.sts);
    } finally {
      await agent.close();
    }
  });
});

const runtime = await containerRuntime();
if (!runtime.available)
  process.stderr.write(
    `hjsim/testcontainers: the container tests are skipped: ${runtime.reason}\n`,
  );

describe.skipIf(!runtime.available)(
  `hjsim/testcontainers in a container${runtime.available ? '' : ` — skipped: ${runtime.reason}`}`,
  { timeout: 600_000 },
  () => {
    let hjsim: StartedHjsim | undefined;
    beforeAll(async () => {
      hjsim = await startHjsim({ scenario: SCENARIO, startupTimeoutMs: 540_000 });
    }, 600_000);
    afterAll(async () => {
      await hjsim?.stop();
    });

    it('is healthy, on 127.0.0.1, and trusts the TEST ONLY CA it returns', async () => {
      const h = hjsim!;
      expect(h.baseUrl).toBe(`https://127.0.0.1:${h.port}`);
      expect(h.caCertificate).toContain('-----BEGIN CERTIFICATE-----');
      expect(h.caCertificate.trim()).toBe(readPem(`${CERTS_DIR}/tls-ca.crt`).trim());
      const agent = trusting(h.caCertificate);
      try {
        expect(await getJson(h.urls.health, agent)).toMatchObject({ status: 'ok' });
        const realm = await getJson(h.urls.userRealm!, agent);
        expect(realm['account_type']).toBe('Federated');
        expect(realm['federation_metadata_url']).toBe(h.urls.mex);
        const mex = await undiciFetch(h.urls.mex!, { dispatcher: agent });
        expect(mex.status).toBe(200);
        expect(await mex.text()).toContain(h.urls.sts);
      } finally {
        await agent.close();
      }
    });

    it('the Windows join client joins federated through the published port', async () => {
      const h = hjsim!;
      const loaded = await loadScenario(join(PACKAGE_ROOT, SCENARIO));
      const world = buildWorld(localizeScenario(loaded.scenario, h.baseUrl), loaded.dir);
      const trace = await withFetchRoutedTo({ port: h.port, tls: true }, () =>
        runDsregJoin(world.machine),
      );
      expect(trace.outcome).toMatchObject({ joined: true, joinType: 'federated' });
      expect(await h.logs()).toMatch(
        /mock-idp +POST https:\/\/127\.0\.0\.1:\d+\/wsf\/sts\/\S+ → 200/,
      );
    });
  },
);
