/**
 * Invalid scenario files: each problem names the file, the line, the field path, what was
 * expected, what was there, and a "did you mean" where a key or value is misspelt.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSimError } from '../../src/core/errors.ts';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { loadScenario, loadScenarioObject } from '../../src/scenario/language/load-scenario.ts';

const dir = mkdtempSync(join(tmpdir(), 'hjsim-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BASE = join(PACKAGE_ROOT, 'scenarios/pingone/baseline.yaml');

async function problem(name: string, text: string): Promise<{ code: string; message: string }> {
  const file = join(dir, name);
  writeFileSync(file, text.replace('BASE', BASE));
  try {
    await loadScenario(file);
  } catch (e) {
    if (isSimError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error(`${name} loaded without an error`);
}

describe('invalid scenario files', () => {
  it.each([
    [
      'a misspelt key deep inside a claim',
      'extends: BASE\nname: x\nidp:\n  claims:\n    primarysid: { namespce: urn:x }\n',
      /nested\.yaml:5: idp\.claims\.primarysid\.namespce: unknown field 'namespce' \(did you mean 'namespace'\?\); allowed here: namespace, name, value, omit, encoding, duplicate/,
    ],
    [
      'a misspelt key in a list item',
      'extends: BASE\nname: x\ntenant:\n  domains:\n    - name: imokatdi.ping-eng.com\n      federation: { issuerURI: https://x }\n',
      /listitem\.yaml:6: tenant\.domains\.0\.federation\.issuerURI: unknown field 'issuerURI' \(did you mean 'issuerUri'\?\)/,
    ],
    [
      'a type error',
      'extends: BASE\nname: x\ndevice:\n  fallbackToSyncJoin: no-thanks\n',
      /type\.yaml:4: device\.fallbackToSyncJoin: expected true or false, got 'no-thanks' \(a string\)/,
    ],
    [
      'an enum value misspelt',
      'extends: BASE\nname: x\ntenant:\n  domains:\n    - name: imokatdi.ping-eng.com\n      authentication: federate\n',
      /enum\.yaml:6: tenant\.domains\.0\.authentication: expected one of 'managed', 'federated', got 'federate' \(a string\) \(did you mean 'federated'\?\)/,
    ],
    [
      'a union value misspelt',
      'extends: BASE\nname: x\nidp:\n  claims:\n    accounttype: omitt\n',
      /union\.yaml:5: idp\.claims\.accounttype: expected 'omit' or a mapping \(key: value lines\), got 'omitt' \(a string\) \(did you mean 'omit'\?\)/,
    ],
    [
      'a malformed GUID',
      'extends: BASE\nname: x\ndevice:\n  objectGuid: 3f0817b9\n',
      /guid\.yaml:4: device\.objectGuid: expected a GUID like 3f0817b9-ca17-4714-ab81-f7b5943dec7b, got '3f0817b9' \(a string\)/,
    ],
    [
      'a Windows 10+ build hjsim does not model (its output shapes are per build)',
      'extends: BASE\nname: x\ndevice:\n  osVersion: 10.0.10586.0\n',
      /osbuild\.yaml:4: device\.osVersion: '10\.0\.10586\.0' is not a Windows 10\+ version hjsim models: write 10\.0\.<build>\[\.<revision>\] with a build of 14393/,
    ],
    [
      'a number out of range',
      'extends: BASE\nname: x\nidp:\n  validity: { lifetimeSeconds: 0 }\n',
      /range\.yaml:4: idp\.validity\.lifetimeSeconds: must be more than 0, got 0 \(a number\)/,
    ],
  ])('%s', async (_label, text, pattern) => {
    const file = /(\w+)\\\.yaml/.exec(pattern.source)![1]!;
    const p = await problem(`${file}.yaml`, text);
    expect(p.code).toBe('ERR_SCENARIO_INVALID');
    expect(p.message).toMatch(pattern);
  });

  it('lists every problem, not only the first', async () => {
    const p = await problem(
      'several.yaml',
      'extends: BASE\nname: x\ndevice:\n  fallbackToSynJoin: true\n  os: windows12\n  runAsSystem: 1\n',
    );
    const lines = p.message.split('\n').slice(1);
    expect(lines).toHaveLength(3);
    expect(p.message).toMatch(
      /several\.yaml:5: device\.os: expected one of .*'windows11'.*, got 'windows12'/,
    );
    expect(p.message).toMatch(
      /several\.yaml:6: device\.runAsSystem: expected true or false, got 1 \(a number\)/,
    );
  });

  it('a missing required field in a file without extends', async () => {
    const p = await problem('required.yaml', 'name: lonely\n');
    expect(p.message).toMatch(/required\.yaml: tenant: is required \(expected a mapping/);
    expect(p.message).toMatch(/required\.yaml: device: is required/);
  });

  it.each([
    [
      'a duplicate key',
      'name: a\nname: b\n',
      /dup\.yaml:2:1: not valid YAML: Map keys must be unique\n {4}name: a\n {4}name: b/,
    ],
    ['bad indentation', 'name: a\ntags:\n  - x\n - y\n', /indent\.yaml:4:1: not valid YAML: /],
    [
      'an unterminated string',
      'name: "open\n',
      /quote\.yaml:2:1: not valid YAML: Missing closing "quote/,
    ],
  ])('invalid YAML: %s', async (_label, text, pattern) => {
    const file = /(\w+)\\\.yaml/.exec(pattern.source)![1]!;
    const p = await problem(`${file}.yaml`, text);
    expect(p.code).toBe('ERR_SCENARIO_YAML');
    expect(p.message).toMatch(pattern);
  });

  it('an empty file, a list, a missing base and a cycle', async () => {
    expect((await problem('empty.yaml', '# nothing\n')).message).toContain('not an empty file');
    expect((await problem('list.yaml', '- a\n- b\n')).message).toContain('not a list');
    const missing = await problem('missing.yaml', 'name: x\n\nextends: nowhere.yaml\n');
    expect(missing.code).toBe('ERR_SCENARIO_READ');
    expect(missing.message).toMatch(
      /missing\.yaml:3: extends: cannot read .*nowhere\.yaml \(no such file\)/,
    );
    writeFileSync(join(dir, 'cycle-b.yaml'), 'extends: cycle-a.yaml\nname: b\n');
    const cycle = await problem('cycle-a.yaml', 'extends: cycle-b.yaml\nname: a\n');
    expect(cycle.message).toMatch(
      /extends forms a cycle: .*cycle-a\.yaml → .*cycle-b\.yaml → .*cycle-a\.yaml/,
    );
  });

  it('a field the base file wrote is reported at the base file line', async () => {
    writeFileSync(
      join(dir, 'bad-base.yaml'),
      'extends: BASE\nname: base\ndevice:\n  osVersion: 10\n'.replace('BASE', BASE),
    );
    const p = await problem('child.yaml', 'extends: bad-base.yaml\nname: child\n');
    expect(p.message).toMatch(
      /bad-base\.yaml:4: device\.osVersion: expected a string, got 10 \(a number\)/,
    );
  });

  it('a scenario object gets the same checks', async () => {
    await expect(
      loadScenarioObject(
        { extends: BASE, name: 'o', device: { fallbackToSynJoin: false } },
        { dir },
      ),
    ).rejects.toThrow(
      /scenario object 'o': device\.fallbackToSynJoin: unknown field .*did you mean 'fallbackToSyncJoin'/,
    );
    const ok = await loadScenarioObject(
      { extends: BASE, name: 'o', device: { fallbackToSyncJoin: false } },
      { dir },
    );
    expect(ok.scenario.device.fallbackToSyncJoin).toBe(false);
    expect(ok.scenario.name).toBe('o');
  });
});
