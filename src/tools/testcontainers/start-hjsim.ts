/**
 * `startHjsim`: `hjsim serve` in a container, on testcontainers 11.14.0 (an optional peer
 * dependency: only this module loads it, on first use). The image is hjsim's own Dockerfile
 * (or `image`), the scenario and its files are copied in, the port is published on 127.0.0.1
 * with the same number inside (the URLs the server hands out name it), and the container counts
 * as started when its HEALTHCHECK (`GET /healthz`) says healthy.
 * @see docs/decisions/0010-containers.md
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as TestcontainersModule from 'testcontainers';
import type { GenericContainer, StartedTestContainer } from 'testcontainers';
import { SimError } from '../../core/errors.ts';
import { PACKAGE_ROOT } from '../../core/keys.ts';
import { loadScenario } from '../../scenario/language/load-scenario.ts';
import type { Scenario } from '../../scenario/language/schema.ts';
import {
  checkContainerHost,
  containerUrls,
  planScenarioCopy,
  resolveOptions,
  serveArguments,
  type HjsimUrls,
  type StartHjsimOptions,
} from './container-options.ts';

/** The image `startHjsim` builds from hjsim's Dockerfile when no `image` is given. */
export const DEFAULT_IMAGE_TAG = 'hjsim:testcontainers';
/** Where the image keeps the TEST ONLY CA the server's certificate chains to. */
export const CONTAINER_CA_PATH = '/app/certs/tls-ca.crt';

export interface StartedHjsim {
  /** `https://127.0.0.1:PORT` and the endpoints under it (see HjsimUrls). */
  readonly urls: HjsimUrls;
  readonly baseUrl: string;
  readonly port: number;
  /** The scenario as loaded here (before its IdP URLs were pointed at the container). */
  readonly scenario: Scenario;
  /** PEM of the TEST ONLY CA the server's certificate chains to, read from the container. */
  readonly caCertificate: string;
  /** The same PEM in a temporary file on this machine (for NODE_EXTRA_CA_CERTS, curl --cacert); removed by stop(). */
  readonly caPath: string;
  /** The testcontainers handle (logs, exec, …). */
  readonly container: StartedTestContainer;
  /** What the server printed so far (its URLs, then one line per exchange). */
  logs(): Promise<string>;
  stop(): Promise<void>;
}

type Testcontainers = typeof TestcontainersModule;

async function loadTestcontainers(): Promise<Testcontainers> {
  try {
    return await import('testcontainers');
  } catch (cause) {
    throw new SimError('ERR_USAGE', 'hjsim/testcontainers needs the testcontainers package', {
      cause,
      hint: 'npm install --save-dev --save-exact testcontainers@11.14.0 (12.x needs Node 22)',
    });
  }
}

/**
 * Whether a container runtime answers here: `{ available: true }`, or `{ available: false,
 * reason }` to skip a test with the reason shown.
 */
export async function containerRuntime(): Promise<
  { readonly available: true } | { readonly available: false; readonly reason: string }
> {
  let tc: Testcontainers;
  try {
    tc = await loadTestcontainers();
  } catch (e) {
    return { available: false, reason: `${(e as Error).message} (${(e as SimError).hint ?? ''})` };
  }
  try {
    await tc.getContainerRuntimeClient();
    return { available: true };
  } catch (e) {
    return {
      available: false,
      reason: `no container runtime answers (testcontainers: ${e instanceof Error ? e.message : String(e)}; it tried DOCKER_HOST, ~/.testcontainers.properties and the Docker sockets)`,
    };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Publishes the one port on 127.0.0.1 only (testcontainers alone would bind every interface). */
function onLoopbackOnly(tc: Testcontainers, image: string, port: number): GenericContainer {
  class HjsimContainer extends tc.GenericContainer {
    protected override async beforeContainerCreated(): Promise<void> {
      this.hostConfig.PortBindings = {
        [`${port}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: String(port) }],
      };
    }
  }
  return new HjsimContainer(image).withExposedPorts({ container: port, host: port });
}

/**
 * Starts `hjsim serve` for a scenario in a container and resolves once it is healthy.
 *
 * @example
 * ```ts
 * import { afterAll, beforeAll, expect, it } from 'vitest';
 * import { startHjsim, type StartedHjsim } from 'hjsim/testcontainers';
 *
 * let hjsim: StartedHjsim;
 * beforeAll(async () => {
 *   hjsim = await startHjsim({ scenario: 'scenarios/pingone/baseline.yaml' });
 * }, 300_000);
 * afterAll(() => hjsim?.stop());
 *
 * it('mock Entra says the domain is federated', async () => {
 *   // trust hjsim.caCertificate (e.g. NODE_EXTRA_CA_CERTS=hjsim.caPath, or an undici Agent)
 *   const realm = await (await fetch(hjsim.urls.userRealm!)).json();
 *   expect(realm.account_type).toBe('Federated');
 * });
 * ```
 */
export async function startHjsim(options: StartHjsimOptions): Promise<StartedHjsim> {
  const o = resolveOptions(options);
  const loaded = await loadScenario(o.scenarioFile);
  const copy = planScenarioCopy(loaded);
  const tc = await loadTestcontainers();
  const image =
    o.image ??
    (await (async () => {
      if (!existsSync(join(PACKAGE_ROOT, 'Dockerfile')) || !existsSync(join(PACKAGE_ROOT, 'src')))
        throw new SimError(
          'ERR_USAGE',
          `hjsim/testcontainers: no image given, and the installed hjsim package at ${PACKAGE_ROOT} has no Dockerfile to build one from (npm packages ship compiled code only)`,
          {
            hint: "build the image from a clone of hjsim (docker build -t hjsim:local .) and pass startHjsim({ image: 'hjsim:local', scenario })",
          },
        );
      await tc.GenericContainer.fromDockerfile(PACKAGE_ROOT).build(DEFAULT_IMAGE_TAG, {
        deleteOnExit: false,
      });
      return DEFAULT_IMAGE_TAG;
    })());
  const port = o.port ?? (await freePort());
  const urls = containerUrls(loaded.scenario, o, port);
  const container = await onLoopbackOnly(tc, image, port)
    .withCommand(serveArguments(o, port, copy.scenarioArg))
    .withEnvironment({ HJSIM_HEALTH_URL: urls.health })
    .withCopyFilesToContainer(copy.files.map((f) => ({ ...f, mode: 0o644 })))
    .withWaitStrategy(tc.Wait.forHealthCheck())
    .withStartupTimeout(o.startupTimeoutMs)
    .start();
  try {
    checkContainerHost(container.getHost());
    const ca = await container.exec(['cat', CONTAINER_CA_PATH]);
    if (ca.exitCode !== 0)
      throw new SimError(
        'ERR_HTTP',
        `cannot read ${CONTAINER_CA_PATH} in the container: ${ca.output}`,
      );
    const caDir = mkdtempSync(join(tmpdir(), 'hjsim-ca-'));
    const caPath = join(caDir, 'tls-ca.crt');
    writeFileSync(caPath, ca.stdout);
    return {
      urls,
      baseUrl: urls.baseUrl,
      port,
      scenario: loaded.scenario,
      caCertificate: ca.stdout,
      caPath,
      container,
      logs: async () => {
        const stream = await container.logs();
        return new Promise<string>((resolve) => {
          let out = '';
          stream.on('data', (d: Buffer | string) => (out += d.toString()));
          stream.on('end', () => resolve(out));
          // `logs()` follows the container: take what is there now.
          setTimeout(() => {
            stream.destroy();
            resolve(out);
          }, 500);
        });
      },
      stop: async () => {
        rmSync(caDir, { recursive: true, force: true });
        await container.stop();
      },
    };
  } catch (e) {
    await container.stop();
    throw e;
  }
}
