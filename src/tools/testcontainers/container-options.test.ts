/**
 * `hjsim/testcontainers` without a container runtime: option handling (defaults, and a clear
 * error for each bad option), the files copied into the container for a scenario and its
 * `extends` chain and keys, the command line (parsed by the CLI's own parser, so it cannot drift),
 * the URLs, and the refusal of a runtime that publishes ports away from this machine.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isSimError, type SimError } from '../../core/errors.ts';
import { PACKAGE_ROOT } from '../../core/keys.ts';
import { loadScenario } from '../../scenario/language/load-scenario.ts';
import { parseServeArgs } from '../../../test/support/serve-args.ts';
import {
  checkContainerHost,
  containerUrls,
  planScenarioCopy,
  resolveOptions,
  serveArguments,
  type ResolvedOptions,
} from './container-options.ts';

const BASELINE = join(PACKAGE_ROOT, 'scenarios', 'pingone', 'baseline.yaml');

function refusal(options: unknown): SimError {
  try {
    resolveOptions(options, PACKAGE_ROOT);
  } catch (e) {
    if (isSimError(e, 'ERR_USAGE')) return e;
    throw e;
  }
  throw new Error(`resolveOptions accepted ${JSON.stringify(options)}`);
}

const temp = mkdtempSync(join(tmpdir(), 'hjsim-tc-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('resolveOptions', () => {
  it('fills the defaults and finds a shipped scenario from any working directory', () => {
    expect(resolveOptions({ scenario: 'scenarios/pingone/baseline.yaml' }, temp)).toEqual({
      scenarioFile: BASELINE,
      tls: true,
      image: undefined,
      port: undefined,
      party: 'all',
      idpUrl: undefined,
      startupTimeoutMs: 120_000,
    });
    expect(resolveOptions({ scenario: pathToFileURL(BASELINE), port: 0 }).scenarioFile).toBe(
      BASELINE,
    );
    expect(
      resolveOptions({
        scenario: BASELINE,
        party: 'entra',
        idpUrl: 'https://127.0.0.1:4444/',
        port: 4443,
        tls: false,
        image: 'hjsim:local',
      }),
    ).toMatchObject({
      party: 'entra',
      idpUrl: 'https://127.0.0.1:4444',
      port: 4443,
      tls: false,
      image: 'hjsim:local',
    });
  });

  it.each<[string, unknown, string, string]>([
    ['no options', undefined, 'startHjsim: takes an options object', ''],
    [
      'an unknown option',
      { scenario: BASELINE, scenaro: 'x' },
      'startHjsim: unknown option scenaro',
      'scenaro',
    ],
    [
      'no scenario',
      {},
      'startHjsim: scenario must be a scenario file path or a file: URL (got undefined)',
      'scenario',
    ],
    [
      'an http URL as scenario',
      { scenario: new URL('https://example.com/x.yaml') },
      '(got https://example.com/x.yaml)',
      'scenario',
    ],
    [
      'a missing scenario',
      { scenario: 'no/such.yaml' },
      `startHjsim: no scenario file at ${join(PACKAGE_ROOT, 'no/such.yaml')}`,
      'scenario',
    ],
    [
      'a folder as scenario',
      { scenario: 'scenarios' },
      'startHjsim: no scenario file at',
      'scenario',
    ],
    [
      'tls as text',
      { scenario: BASELINE, tls: 'yes' },
      'startHjsim: tls must be true or false (got "yes")',
      'tls',
    ],
    [
      'a port out of range',
      { scenario: BASELINE, port: 70000 },
      'port must be a whole number from 1 to 65535, or 0 for a free one (got 70000)',
      'port',
    ],
    ['a port as text', { scenario: BASELINE, port: '4443' }, '(got "4443")', 'port'],
    ['a fractional port', { scenario: BASELINE, port: 44.3 }, '(got 44.3)', 'port'],
    [
      'an unknown party',
      { scenario: BASELINE, party: 'graph' },
      'party must be one of all, idp, entra (got "graph")',
      'party',
    ],
    [
      'idpUrl without party entra',
      { scenario: BASELINE, idpUrl: 'https://127.0.0.1:4444' },
      "idpUrl is for party: 'entra' (got party: 'all')",
      'idpUrl',
    ],
    [
      'idpUrl with a path',
      { scenario: BASELINE, party: 'entra', idpUrl: 'https://127.0.0.1:4444/wsf' },
      'idpUrl must be an http(s) origin such as https://127.0.0.1:4444 (got "https://127.0.0.1:4444/wsf")',
      'idpUrl',
    ],
    [
      'idpUrl that is no URL',
      { scenario: BASELINE, party: 'entra', idpUrl: '127.0.0.1:4444' },
      'idpUrl must be an http(s) origin',
      'idpUrl',
    ],
    [
      'an image with spaces',
      { scenario: BASELINE, image: 'hjsim local' },
      'image must be an image reference such as hjsim:local (got "hjsim local")',
      'image',
    ],
    [
      'a tiny startup timeout',
      { scenario: BASELINE, startupTimeoutMs: 10 },
      'startupTimeoutMs must be a whole number of milliseconds, at least 1000 (got 10)',
      'startupTimeoutMs',
    ],
  ])('refuses %s, naming the option and the fix', (_what, options, message, field) => {
    const e = refusal(options);
    expect(e.message).toContain(message);
    expect(e.where).toBe(`startHjsim options.${field}`);
    expect(e.hint).toBeTruthy();
  });
});

describe('planScenarioCopy', () => {
  it('copies a shipped scenario with its extends chain in their layout; certs/ falls back to the image', async () => {
    const loaded = await loadScenario(
      join(PACKAGE_ROOT, 'scenarios', 'idp', 'pingone-mex-url-without-13.yaml'),
    );
    const plan = planScenarioCopy(loaded);
    expect(plan.scenarioArg).toBe('/scenarios/idp/pingone-mex-url-without-13.yaml');
    expect(plan.files).toEqual([
      {
        source: join(PACKAGE_ROOT, 'scenarios', 'idp', 'pingone-mex-url-without-13.yaml'),
        target: '/scenarios/idp/pingone-mex-url-without-13.yaml',
      },
      { source: BASELINE, target: '/scenarios/pingone/baseline.yaml' },
    ]);
  });

  it('copies key files the scenario names beside it, and absolute ones to the same path', async () => {
    const dir = join(temp, 'suite', 'cases');
    mkdirSync(join(dir, 'keys'), { recursive: true });
    const abs = join(temp, 'elsewhere.crt');
    writeFileSync(abs, readPemOf('idp-signing.crt'));
    writeFileSync(join(dir, 'keys', 'idp.key'), readPemOf('idp-signing.key'));
    writeFileSync(join(temp, 'suite', 'base.yaml'), `extends: ${BASELINE}\nname: base\n`);
    writeFileSync(
      join(dir, 'case.yaml'),
      `extends: ../base.yaml\nname: case\nidp:\n  signingKey: keys/idp.key\ntenant:\n  domains:\n    - name: imokatdi.ping-eng.com\n      authentication: federated\n      federation:\n        issuerUri: https://sso.example.com/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e\n        metadataExchangeUri: https://sso.example.com/wsf/mex13/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e\n        activeSignInUri: https://sso.example.com/wsf/sts/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e\n        signingCertificate: ${abs}\n`,
    );
    const loaded = await loadScenario(join(dir, 'case.yaml'));
    const plan = planScenarioCopy(loaded);
    // The files' common folder is the deepest folder that holds both the temp folder and the
    // package (the chain reaches the package's baseline): `/` on most machines, the temp folder's
    // parent when the checkout itself lives under the temp folder.
    let root = dirname(BASELINE);
    while (!`${temp}${sep}`.startsWith(root.endsWith(sep) ? root : `${root}${sep}`))
      root = dirname(root);
    const rel = (p: string) => posix.join('/scenarios', ...relative(root, p).split(sep));
    expect(plan.scenarioArg).toBe(rel(join(dir, 'case.yaml')));
    expect(plan.files).toEqual(
      expect.arrayContaining([
        { source: join(dir, 'case.yaml'), target: rel(join(dir, 'case.yaml')) },
        { source: join(temp, 'suite', 'base.yaml'), target: rel(join(temp, 'suite', 'base.yaml')) },
        { source: BASELINE, target: rel(BASELINE) },
        { source: join(dir, 'keys', 'idp.key'), target: rel(join(dir, 'keys', 'idp.key')) },
        { source: abs, target: abs },
      ]),
    );
    expect(plan.files).toHaveLength(5);
  });
});

function readPemOf(name: string): string {
  return `-----BEGIN TEST-----\n${name}\n-----END TEST-----\n`;
}

describe('serveArguments', () => {
  const base: ResolvedOptions = {
    scenarioFile: BASELINE,
    tls: true,
    image: undefined,
    port: undefined,
    party: 'all',
    idpUrl: undefined,
    startupTimeoutMs: 120_000,
  };

  it.each<[string, Partial<ResolvedOptions>]>([
    ['the defaults', {}],
    ['plain HTTP', { tls: false }],
    ['the IdP alone', { party: 'idp' }],
    [
      'mock Entra alone with the IdP elsewhere',
      { party: 'entra', idpUrl: 'https://127.0.0.1:4444' },
    ],
  ])(
    '%s: a command line hjsim serve accepts, listening on every interface',
    async (_what, change) => {
      const o = { ...base, ...change };
      const args = serveArguments(o, 4443, '/scenarios/pingone/baseline.yaml');
      expect(await parseServeArgs(args)).toEqual({
        host: '0.0.0.0',
        port: 4443,
        scenario: '/scenarios/pingone/baseline.yaml',
        party: o.party,
        ...(o.tls ? { tls: true } : {}),
        ...(o.idpUrl ? { idpUrl: o.idpUrl } : {}),
      });
    },
  );
});

describe('containerUrls', () => {
  it('names 127.0.0.1:PORT for every party, with the IdP URLs localized as hjsim serve does', async () => {
    const { scenario } = await loadScenario(BASELINE);
    const u = containerUrls(scenario, { tls: true, party: 'all', idpUrl: undefined }, 4443);
    expect(u).toEqual({
      baseUrl: 'https://127.0.0.1:4443',
      health: 'https://127.0.0.1:4443/healthz',
      mex: 'https://127.0.0.1:4443/wsf/mex13/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
      sts: 'https://127.0.0.1:4443/wsf/sts/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
      issuer: 'https://127.0.0.1:4443/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
      userRealm: 'https://127.0.0.1:4443/common/userrealm/imokatdi.ping-eng.com?api-version=1.0',
      token: 'https://127.0.0.1:4443/07ec9af2-7ce5-4ab7-8638-115736bbf990/oauth2/token',
      discovery:
        'https://127.0.0.1:4443/07ec9af2-7ce5-4ab7-8638-115736bbf990/discover?api-version=1.7',
      join: 'https://127.0.0.1:4443/EnrollmentServer/device/?api-version=2.0',
    });
    const idp = containerUrls(scenario, { tls: false, party: 'idp', idpUrl: undefined }, 4444);
    expect(idp.mex).toBe('http://127.0.0.1:4444/wsf/mex13/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e');
    expect([idp.userRealm, idp.token, idp.discovery, idp.join]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const entra = containerUrls(
      scenario,
      { tls: true, party: 'entra', idpUrl: 'https://127.0.0.1:4444' },
      4443,
    );
    expect(entra.mex).toBe('https://127.0.0.1:4444/wsf/mex13/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e');
    expect(entra.token).toBe(
      'https://127.0.0.1:4443/07ec9af2-7ce5-4ab7-8638-115736bbf990/oauth2/token',
    );
    const asWritten = containerUrls(
      scenario,
      { tls: true, party: 'entra', idpUrl: undefined },
      4443,
    );
    expect(asWritten.mex).toBe(
      'https://sso.example.com/wsf/mex13/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
    );
  });
});

describe('checkContainerHost', () => {
  it('accepts a local runtime and refuses one that publishes ports elsewhere', () => {
    for (const host of ['localhost', '127.0.0.1', '::1'])
      expect(() => checkContainerHost(host)).not.toThrow();
    expect(() => checkContainerHost('docker.build.example')).toThrow(
      'startHjsim: the container runtime publishes ports on docker.build.example, not on this machine',
    );
  });
});
