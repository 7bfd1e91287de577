import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../core/keys.ts';
import { loadScenario, type LoadedScenario } from '../../scenario/language/load-scenario.ts';
import { runLoadedScenario, type ScenarioResult } from '../../scenario/run/run-scenario.ts';
import { closeInProcessTransport } from '../../transport/msw-transport.ts';
import { buildRunView, laneOf } from './run-view.ts';

let loaded: LoadedScenario;
let result: ScenarioResult;

beforeAll(async () => {
  loaded = await loadScenario(
    join(PACKAGE_ROOT, 'scenarios', 'pingone', 'accounttype-wrong-nameformat.yaml'),
  );
  result = await runLoadedScenario(loaded);
});
afterAll(() => closeInProcessTransport());

describe('buildRunView', () => {
  it('marks the AADSTS51004 answer of the token endpoint as the failing step', () => {
    const view = buildRunView({ id: 'x.yaml', scenario: loaded.scenario, result });
    const failing = view.messages.filter((m) => m.failingStep);
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatchObject({
      from: 'entra',
      to: 'client',
      direction: 'response',
      failed: true,
    });
    expect(failing[0]!.label).toBe('400 invalid_grant AADSTS51004');
    const token = view.exchanges[failing[0]!.exchange!]!;
    expect(token.url).toMatch(/\/oauth2\/token$/);
    expect(token.request.assertion?.claims.find((c) => c.name === 'accounttype')?.status).toBe(
      'wrong-namespace',
    );
    // The sync join after the fallback succeeded (the PRT requests to Entra login follow it).
    expect(view.messages.filter((m) => m.from === 'drs').at(-1)).toMatchObject({ failed: false });
  });

  it('draws the on-prem steps (DC locator, SCP, Kerberos) from the transcript and the AD model', () => {
    const view = buildRunView({ id: 'x.yaml', scenario: loaded.scenario, result });
    const ad = view.messages.filter((m) => m.from === 'ad' || m.to === 'ad').map((m) => m.label);
    expect(ad).toEqual([
      'DsGetDcName',
      'DC IMOK-DC01',
      'LDAP read SCP',
      'SCP keywords',
      'Kerberos TGS-REQ',
      'ticket (aes256)',
    ]);
    const lanes = new Set(view.messages.flatMap((m) => [m.from, m.to]));
    expect([...lanes].sort()).toEqual(['ad', 'client', 'drs', 'entra', 'idp']);
  });

  it('marks a failed pre-check on the AD lane', () => {
    const transcript = [
      'DsrCmdJoinHelper::Join: ClientRequestId: 1DsrCmdAccountMgr::IsDomainControllerAvailable: DsGetDcName failed { domain:x isDcAvailable:false }',
      'isDcAvailable: NO',
    ];
    const view = buildRunView({ id: 'x', result: { ...result, transcript, exchanges: [] } });
    expect(view.messages.map((m) => [m.label, m.failingStep])).toEqual([
      ['DsGetDcName', false],
      ['no domain controller', true],
    ]);
  });

  it('passes Event Viewer entries through when the result has them, and leaves the tab out otherwise', () => {
    expect(buildRunView({ id: 'x', result: { ...result, eventLog: [] } }).eventLog).toBeUndefined();
    const withEvents = {
      ...result,
      eventLog: ['Log Name: Microsoft-Windows-User Device Registration/Admin'],
    };
    expect(buildRunView({ id: 'x', result: withEvents }).eventLog).toEqual(withEvents.eventLog);
  });

  it('puts each host on its lane', () => {
    expect(laneOf({ url: 'https://enterpriseregistration.windows.net/x', party: 'p' })).toBe('drs');
    expect(laneOf({ url: 'https://login.microsoftonline.com/common', party: 'p' })).toBe('entra');
    expect(laneOf({ url: 'https://sso.example.com/wsf/mex', party: 'mock-idp' })).toBe('idp');
  });
});
