/**
 * The join clients as whole flows, through the scenario runner: what they send (and do not
 * send), to whom, in which order, and how the scenario vocabulary reaches them.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSimError } from '../../src/core/errors.ts';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { loadScenario } from '../../src/scenario/language/load-scenario.ts';
import { runLoadedScenario, runScenarioFile } from '../../src/scenario/run/run-scenario.ts';
import type { Scenario } from '../../src/scenario/language/schema.ts';
import { closeInProcessTransport } from '../../src/transport/msw-transport.ts';

afterAll(() => closeInProcessTransport());

const file = (f: string) => join(PACKAGE_ROOT, f);

/**
 * After the join (post-join.ts): `dsregcmd /status`'s device check and the signed-in user's PRT
 * request with its user realm lookup of the user's UPN — not the join's requests.
 */
const isPostJoinCheck = (e: { requestBody: string; url: string }) =>
  /grant_type=srv_challenge|windows_api_version=/.test(e.requestBody) ||
  /\/userrealm\/[^/?]*%40/.test(e.url);
const joinExchanges = <T extends { requestBody: string; url: string }>(xs: readonly T[]) =>
  xs.filter((e) => !isPostJoinCheck(e));

async function runPatched(f: string, patch: (s: Scenario) => void) {
  const loaded = await loadScenario(file(f));
  const scenario = structuredClone(loaded.scenario);
  patch(scenario);
  return runLoadedScenario({ ...loaded, scenario });
}

describe('dsreg', () => {
  it.each([
    ['scenarios/onprem/already-joined.yaml'],
    ['scenarios/onprem/not-system.yaml'],
    ['scenarios/onprem/dc-unreachable.yaml'],
    ['scenarios/onprem/scp-missing.yaml'],
  ])('sends nothing when the pre-check or the SCP stops it (%s)', async (f) => {
    const r = await runScenarioFile(file(f));
    expect(r.status, r.failures.join('\n')).toBe('passed');
    expect(joinExchanges(r.exchanges)).toEqual([]);
  });

  it('never reaches a host the proxy blocks', async () => {
    const r = await runScenarioFile(file('scenarios/onprem/drs-blocked-by-proxy.yaml'));
    expect(r.exchanges.some((e) => e.url.includes('enterpriseregistration'))).toBe(false);
  });

  it('joins a managed domain with one sync-join PUT and no token request', async () => {
    const r = await runScenarioFile(file('scenarios/onprem/managed-domain-sync-join.yaml'));
    const calls = joinExchanges(r.exchanges).map(
      (e) => `${e.method} ${new URL(e.url).host}${new URL(e.url).pathname}`,
    );
    expect(calls).toEqual([
      'GET enterpriseregistration.windows.net/07ec9af2-7ce5-4ab7-8638-115736bbf990/discover',
      'GET login.microsoftonline.com/common/userrealm/imokatdi.ping-eng.com',
      'PUT enterpriseregistration.windows.net/EnrollmentServer/device/3f0817b9-ca17-4714-ab81-f7b5943dec7b',
    ]);
  });

  it('takes the registry override over the SCP: discovery goes to the registry tenant', async () => {
    const r = await runScenarioFile(
      file('scenarios/onprem/scp-registry-override-wrong-tenant.yaml'),
    );
    expect(r.exchanges[0]?.url).toContain('/00000000-1111-2222-3333-444444444444/discover');
  });

  it('a failed expectation on events says which were logged', async () => {
    const r = await runPatched('scenarios/onprem/scp-missing.yaml', (s) => {
      s.expect.events = [306];
    });
    expect(r.status).toBe('failed');
    expect(r.failures).toEqual([
      'expect.events: event 306 was not logged; logged: [331, 307, 304]',
    ]);
  });
});

describe('autoworkplace', () => {
  it('sends Windows credentials only after a 401, and only to a Local intranet site', async () => {
    const r = await runScenarioFile(file('scenarios/downlevel/baseline-federated.yaml'));
    const idp = r.exchanges.filter((e) => e.url.startsWith('https://sts.contoso.com/'));
    expect(idp.map((e) => [e.status, e.requestHeaders['authorization'] === undefined])).toEqual([
      [401, true],
      [200, false],
    ]);
    const outside = await runScenarioFile(
      file('scenarios/downlevel/sts-not-in-intranet-zone.yaml'),
    );
    const tried = outside.exchanges.filter((e) => e.url.startsWith('https://sts.contoso.com/'));
    expect(tried.every((e) => e.requestHeaders['authorization'] === undefined)).toBe(true);
    expect(outside.exchanges.some((e) => e.url.includes('DeviceEnrollmentWebService'))).toBe(false);
  });

  it('sends the old UPN as login_hint after a UPN change', async () => {
    const r = await runScenarioFile(file('scenarios/downlevel/upn-changed.yaml'));
    const authorize = r.exchanges.find((e) => e.url.includes('/oauth2/authorize'))!;
    expect(new URL(authorize.url).searchParams.get('login_hint')).toBe('john.doe@contoso.com');
  });

  it('registers each signed-in user separately: two device ids, two /i status boxes', async () => {
    const r = await runScenarioFile(file('scenarios/downlevel/two-users-two-registrations.yaml'));
    const ids = r.statusOutput.filter((l) => l.includes('Device ID:'));
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(r.exchanges.filter((e) => e.url.includes('DeviceEnrollmentWebService'))).toHaveLength(2);
  });

  it('runs the flow for every down-level OS', async () => {
    for (const os of [
      'windows7',
      'windows8.1',
      'server2008r2',
      'server2012',
      'server2012r2',
    ] as const) {
      const r = await runPatched('scenarios/downlevel/baseline-federated.yaml', (s) => {
        s.device.os = os;
      });
      expect(r.client, os).toBe('autoworkplace');
      expect(r.outcome?.joined, os).toBe(true);
    }
  });

  it.each([
    [
      'downlevel-no-users.yaml',
      /device\.signedInUsers: a windows7 machine joins in a user's session/,
    ],
    [
      'downlevel-unknown-user.yaml',
      /device\.signedInUsers\.0\.upn: 'nobody@contoso\.com' is not an AD user/,
    ],
  ])('refuses %s with where and how to fix', async (fixture, message) => {
    try {
      await loadScenario(file(`test/fixtures/scenarios/${fixture}`));
      expect.unreachable();
    } catch (e) {
      expect(isSimError(e, 'ERR_SCENARIO_INVALID')).toBe(true);
      expect((e as Error).message).toMatch(message);
    }
  });
});

describe('hjsim run --show events', () => {
  function hjsim(...args: string[]) {
    const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'hjsim.js'), ...args], {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('prints the event log in the pretty report and puts the events in the JSON report', () => {
    const pretty = hjsim('run', 'scenarios/onprem/scp-missing.yaml', '--show', 'events');
    expect(pretty.code).toBe(0);
    // Event Viewer's "Copy details" layout and its typed exit code [WIKI; SUPA307].
    expect(pretty.stdout).toContain(
      'Log Name:      Microsoft-Windows-User Device Registration/Admin',
    );
    expect(pretty.stdout).toContain('Exit code: Unknown HResult Error code: 0x801c001d.');
    const json = hjsim(
      'run',
      'scenarios/downlevel/baseline-federated.yaml',
      '--reporter',
      'json',
      '--show',
      'events',
    );
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as {
      scenarios: { events: { id: number; channel: string; message: string }[] }[];
    };
    // The down-level MSI's own log and its success event [TSL; AZD80678].
    expect(report.scenarios[0]!.events).toEqual([
      {
        id: 201,
        channel: 'Microsoft-Workplace Join',
        message:
          'Hybrid Azure AD Join operation succeeded. Activity Id: 00000000-0000-0000-0000-000000000000\nRegistration Service URI: https://enterpriseregistration.windows.net/EnrollmentServer/DeviceEnrollmentWebService.svc',
      },
    ]);
  });

  it('shows a down-level transcript without the dsregcmd prompt', () => {
    const r = hjsim('run', 'scenarios/downlevel/local-account.yaml', '--show', 'transcript');
    expect(r.stdout).toContain('autoworkplace.exe" /i');
    expect(r.stdout).not.toContain('dsregcmd');
  });
});
