/**
 * docker-compose.yml, checked without an engine (`docker compose config` needs one): parsed with
 * yaml, validated against a schema of our own for the compose subset it uses, then the checks of
 * test/support/compose-checks.ts — each of which fails on the real file broken the way it guards
 * against. With HJSIM_IDP_SCENARIO / HJSIM_ENTRA_SCENARIO set, the interpolated file still holds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { composeProblems, interpolate, type ComposeFile } from '../support/compose-checks.ts';

const TEXT = readFileSync(join(PACKAGE_ROOT, 'docker-compose.yml'), 'utf8');
const ctx = { root: PACKAGE_ROOT };

type Mutable = {
  -readonly [K in keyof ComposeFile]: Record<string, Record<string, unknown>>;
};
const fresh = (): Mutable => parse(TEXT, { uniqueKeys: true }) as Mutable;
const command = (doc: Mutable, service: string) => doc.services[service]!['command'] as string[];
const setArg = (doc: Mutable, service: string, option: string, value: string) => {
  const c = command(doc, service);
  c[c.indexOf(option) + 1] = value;
};

describe('docker-compose.yml', () => {
  it('parses, fits the compose subset schema and passes every check', async () => {
    expect(await composeProblems(fresh(), ctx)).toEqual([]);
  });

  it('holds with the scenario variables set to other shipped scenarios', async () => {
    const env = {
      HJSIM_IDP_SCENARIO: 'pingone/accounttype-wrong-nameformat.yaml',
      HJSIM_ENTRA_SCENARIO: 'adfs/baseline.yaml',
    };
    expect(await composeProblems(fresh(), { ...ctx, env })).toEqual([]);
    expect(
      await composeProblems(fresh(), { ...ctx, env: { HJSIM_IDP_SCENARIO: 'pingone/nope.yaml' } }),
    ).toEqual([
      `idp: --scenario /scenarios/pingone/nope.yaml is ${join(PACKAGE_ROOT, 'scenarios', 'pingone', 'nope.yaml')}, which does not exist`,
    ]);
  });

  it('interpolates as compose does', () => {
    expect(interpolate('/s/${A:-d.yaml}', {})).toBe('/s/d.yaml');
    expect(interpolate('/s/${A:-d.yaml}', { A: '' })).toBe('/s/d.yaml');
    expect(interpolate('/s/${A:-d.yaml}', { A: 'x.yaml' })).toBe('/s/x.yaml');
    expect(interpolate('${A}-$A-$$A', { A: '1' })).toBe('1-1-$A');
  });

  // Each check, on the real file broken the way it guards against.
  it.each<[string, (d: Mutable) => void, string]>([
    [
      'a typo in a key',
      (d) => {
        d.services['idp']!['healtcheck'] = {};
      },
      'schema: /services/idp must NOT have additional properties (healtcheck)',
    ],
    [
      'a service without a healthcheck',
      (d) => {
        delete d.services['entra']!['healthcheck'];
      },
      "schema: /services/entra must have required property 'healthcheck'",
    ],
    [
      'a third service',
      (d) => {
        d.services['graph'] = structuredClone(d.services['idp']!);
      },
      'services are entra, graph, idp; expected entra and idp',
    ],
    [
      'two images',
      (d) => {
        d.services['idp']!['image'] = 'hjsim:other';
      },
      'services run different images: hjsim:local, hjsim:other',
    ],
    [
      'a build from elsewhere',
      (d) => {
        d.services['idp']!['build'] = './docker';
      },
      'idp: build ./docker; expected build: .',
    ],
    [
      'a port on every interface',
      (d) => {
        d.services['entra']!['ports'] = ['4443:4443'];
      },
      'entra: port 4443:4443 is published on every interface; publish on 127.0.0.1',
    ],
    [
      'a port on 0.0.0.0',
      (d) => {
        d.services['entra']!['ports'] = ['0.0.0.0:4443:4443'];
      },
      'is published on 0.0.0.0; publish on 127.0.0.1',
    ],
    [
      'a remapped port',
      (d) => {
        d.services['idp']!['ports'] = ['127.0.0.1:8444:4444'];
      },
      'idp: port 127.0.0.1:8444:4444: host and container port differ',
    ],
    [
      'a port that misses the server',
      (d) => {
        d.services['idp']!['ports'] = ['127.0.0.1:4445:4445'];
      },
      'idp: port 127.0.0.1:4445:4445 does not reach --port 4444',
    ],
    [
      'a command serve refuses',
      (d) => {
        command(d, 'idp').push('--verbose');
      },
      "idp: hjsim serve --host 0.0.0.0 --port 4444 --tls --party idp --scenario /scenarios/pingone/baseline.yaml --verbose: error: unknown option '--verbose'",
    ],
    [
      'a bad --host',
      (d) => {
        setArg(d, 'idp', '--host', '10.1.2.3');
      },
      "argument '10.1.2.3' is invalid",
    ],
    [
      'a loopback --host',
      (d) => {
        setArg(d, 'idp', '--host', '127.0.0.1');
      },
      'idp: --host 127.0.0.1; in a container the server listens on 0.0.0.0',
    ],
    [
      'the wrong --party',
      (d) => {
        setArg(d, 'idp', '--party', 'entra');
      },
      'idp: --party entra; the idp service serves --party idp',
    ],
    [
      '--port 0',
      (d) => {
        setArg(d, 'idp', '--port', '0');
      },
      'idp: --port 0 would be a random port',
    ],
    [
      'a health URL on another port',
      (d) => {
        (d.services['idp']!['environment'] as Record<string, string>)['HJSIM_HEALTH_URL'] =
          'https://127.0.0.1:4443/healthz';
      },
      "idp: health URL https://127.0.0.1:4443/healthz: port 4443 is not the server's --port 4444",
    ],
    [
      'a health URL over http',
      (d) => {
        (d.services['entra']!['environment'] as Record<string, string>)['HJSIM_HEALTH_URL'] =
          'http://127.0.0.1:4443/healthz';
      },
      'entra: health URL http://127.0.0.1:4443/healthz: http: but the server runs with --tls',
    ],
    [
      'no health URL',
      (d) => {
        d.services['entra']!['environment'] = {};
      },
      'entra: no environment HJSIM_HEALTH_URL',
    ],
    [
      'a healthcheck that asks something else',
      (d) => {
        d.services['idp']!['healthcheck'] = { test: ['CMD', 'true'] };
      },
      'idp: healthcheck ["CMD","true"] is not',
    ],
    [
      'no scenarios volume',
      (d) => {
        d.services['idp']!['volumes'] = ['./certs:/app/certs:ro'];
      },
      'idp: nothing is mounted at /scenarios',
    ],
    [
      'a read-write certs volume',
      (d) => {
        d.services['entra']!['volumes'] = ['./scenarios:/scenarios:ro', './certs:/app/certs'];
      },
      'entra: /app/certs is mounted read-write',
    ],
    [
      'a volume from a missing folder',
      (d) => {
        d.services['entra']!['volumes'] = [
          './scenarios:/scenarios:ro',
          './certs:/app/certs:ro',
          './keys:/keys:ro',
        ];
      },
      'entra: volume source ./keys does not exist',
    ],
    [
      'a scenario that is not there',
      (d) => {
        setArg(d, 'entra', '--scenario', '/scenarios/pingone/baseline.yml');
      },
      'entra: --scenario /scenarios/pingone/baseline.yml is',
    ],
    [
      'a scenario that does not load',
      (d) => {
        setArg(d, 'entra', '--scenario', '/scenarios/pingone/baseline.golden.txt');
      },
      'does not load',
    ],
    [
      'entra pointing at the wrong IdP port',
      (d) => {
        setArg(d, 'entra', '--idp-url', 'https://127.0.0.1:4443');
      },
      'entra: --idp-url https://127.0.0.1:4443; the idp service is published at https://127.0.0.1:4444',
    ],
    [
      'entra pointing at the IdP over http',
      (d) => {
        setArg(d, 'entra', '--idp-url', 'http://127.0.0.1:4444');
      },
      'the idp service is published at https://127.0.0.1:4444',
    ],
  ])('a check fails on %s', async (_what, breakIt, problem) => {
    const doc = fresh();
    breakIt(doc);
    expect((await composeProblems(doc, ctx)).join('\n')).toContain(problem);
  });
});
