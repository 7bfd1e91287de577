/**
 * Golden outputs of the Windows join clients: for seeded scenarios, what `dsregcmd /join /debug`,
 * `dsregcmd /status` and the User Device Registration log print (Windows 10+), or what
 * `autoworkplace.exe /i` and the Workplace Join log show (down-level), pinned byte for byte under
 * test/golden/client/<case>/. A change to any renderer or to the flow shows up here as a diff;
 * `npx vitest run test/golden -u` rewrites the files on purpose (review the diff before committing).
 * Each pinned file was checked against the seeds and the real captures docs/fidelity.md lists
 * when it was written (see also docs/windows-clients.md).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { runScenarioFile } from '../../src/scenario/run/run-scenario.ts';
import { closeInProcessTransport } from '../../src/transport/msw-transport.ts';

afterAll(() => closeInProcessTransport());

const DSREG_CASES = [
  ['success', 'scenarios/pingone/baseline.yaml'],
  ['aadsts51004-sync-fallback', 'scenarios/pingone/accounttype-wrong-nameformat.yaml'],
  ['mex-without-windows-auth', 'scenarios/idp/pingone-mex-url-without-13.yaml'],
  ['scp-missing', 'scenarios/onprem/scp-missing.yaml'],
  ['scp-tenant-id-wrong', 'scenarios/onprem/scp-tenant-id-wrong.yaml'],
  ['dc-unreachable', 'scenarios/onprem/dc-unreachable.yaml'],
  ['already-joined', 'scenarios/onprem/already-joined.yaml'],
  ['fallback-sync-join-unsynced', 'scenarios/pingone/accounttype-wrong-nameformat-unsynced.yaml'],
  ['managed-sync-join-unsynced', 'scenarios/onprem/managed-domain-unsynced.yaml'],
  ['managed-sync-join', 'scenarios/onprem/managed-domain-sync-join.yaml'],
  // The older build's shapes (docs/fidelity.md): checked against [WIKI] and [QA687273].
  ['server2019-mex-html-unsynced', 'scenarios/idp/mex-html-server2019-unsynced.yaml'],
] as const;

const DOWNLEVEL_CASES = [
  ['downlevel-federated-success', 'scenarios/downlevel/baseline-federated.yaml'],
  ['downlevel-mfa-without-wiaormultiauthn', 'scenarios/downlevel/mfa-without-wiaormultiauthn.yaml'],
  ['downlevel-device-quota', 'scenarios/downlevel/device-quota-reached.yaml'],
  ['downlevel-local-account', 'scenarios/downlevel/local-account.yaml'],
  ['downlevel-scp-onmicrosoft', 'scenarios/downlevel/scp-onmicrosoft-for-federated-domain.yaml'],
  ['downlevel-two-users', 'scenarios/downlevel/two-users-two-registrations.yaml'],
] as const;

const text = (lines: readonly string[]) => `${lines.join('\n')}\n`;
const golden = (name: string, file: string) =>
  join(PACKAGE_ROOT, 'test', 'golden', 'client', name, file);

async function run(file: string) {
  const r = await runScenarioFile(join(PACKAGE_ROOT, file));
  expect(r.status, [...r.failures, r.error?.message ?? ''].join('\n')).toBe('passed');
  return r;
}

describe('golden: dsregcmd (Windows 10+)', () => {
  it.each(DSREG_CASES)('%s (%s)', async (name, file) => {
    const r = await run(file);
    expect(r.client).toBe('dsreg');
    await expect(text(r.transcript)).toMatchFileSnapshot(golden(name, 'join-debug.txt'));
    await expect(text(r.statusOutput)).toMatchFileSnapshot(golden(name, 'status.txt'));
    await expect(text(r.eventLog)).toMatchFileSnapshot(golden(name, 'events.txt'));
  });
});

describe('golden: autoworkplace (Windows 7 / 8.1, Server 2008 R2 – 2012 R2)', () => {
  it.each(DOWNLEVEL_CASES)('%s (%s)', async (name, file) => {
    const r = await run(file);
    expect(r.client).toBe('autoworkplace');
    await expect(text(r.transcript)).toMatchFileSnapshot(golden(name, 'autoworkplace.txt'));
    await expect(text(r.statusOutput)).toMatchFileSnapshot(golden(name, 'status.txt'));
    await expect(text(r.eventLog)).toMatchFileSnapshot(golden(name, 'events.txt'));
  });
});

describe('golden outputs are reproducible', () => {
  it('two runs of a seeded scenario print the same bytes', async () => {
    const a = await run('scenarios/pingone/accounttype-wrong-nameformat.yaml');
    const b = await run('scenarios/pingone/accounttype-wrong-nameformat.yaml');
    expect(text(b.transcript)).toBe(text(a.transcript));
    expect(text(b.eventLog)).toBe(text(a.eventLog));
    expect(text(b.statusOutput)).toBe(text(a.statusOutput));
  });
});
