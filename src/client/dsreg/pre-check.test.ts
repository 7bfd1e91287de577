import { describe, expect, it } from 'vitest';
import { TraceRecorder } from '../trace-recorder.ts';
import type { ExistingRegistration } from '../../onprem/machine.ts';
import { runPreCheck } from './pre-check.ts';
import { testMachine } from '../../../test/support/dsreg-machine.ts';

const registration = (keysHealthy: boolean): ExistingRegistration => ({
  deviceId: '3f0817b9-ca17-4714-ab81-f7b5943dec7b',
  tenantId: '07ec9af2-7ce5-4ab7-8638-115736bbf990',
  tenantName: 'imokatdi.ping-eng.com',
  registrationType: 'fed',
  certificatePem: '',
  keyContainerId: 'b5ab080d-b7c1-4875-b6ce-9a3f01ee027a',
  keysHealthy,
});

function check(over: Parameters<typeof testMachine>[0]) {
  const t = new TraceRecorder();
  const decision = runPreCheck(testMachine(over), t);
  const step = t.steps.find((s) => s.k === 'pre-check');
  return { decision, step, hresults: t.hresults, steps: t.steps };
}

describe('dsreg pre-check', () => {
  it('joins a first-time machine with a DC, as SYSTEM (the seed values)', () => {
    const r = check({});
    expect(r.decision).toEqual({ go: true, rejoin: false });
    expect(r.step).toEqual({
      k: 'pre-check',
      result: 'Join',
      resultCode: '0x0',
      isDcAvailable: true,
      isSystem: true,
    });
    expect(r.steps[0]).toMatchObject({ k: 'dc-found', dc: 'IMOK-DC02.imokatdi.ping-eng.com' });
  });

  it('refuses a process that is not SYSTEM (event 333), before anything else', () => {
    const r = check({ runningAsSystem: false, domainController: undefined });
    expect(r.decision).toEqual({ go: false, reason: 'not-system' });
    expect(r.step).toMatchObject({
      result: 'DoNotJoin',
      isSystem: false,
      resultCode: '0x80070005',
    });
    expect(r.hresults).toEqual(['0x80070005']);
  });

  it('refuses without a domain controller (event 334)', () => {
    const r = check({ domainController: undefined });
    expect(r.decision).toEqual({ go: false, reason: 'no-dc' });
    expect(r.step).toMatchObject({ isDcAvailable: false, resultCode: '0x8007054b' });
    expect(r.steps[0]).toMatchObject({ k: 'dc-missing' });
  });

  it('stops on a healthy existing registration (event 335)', () => {
    const r = check({ registration: registration(true) });
    expect(r.decision).toEqual({ go: false, reason: 'already-joined' });
    expect(r.step).toMatchObject({
      result: 'DoNotJoin',
      isJoined: true,
      deviceKeysHealthy: true,
      dsrInstance: 'AzureDrs',
      keyContainer: 'b5ab080d-b7c1-4875-b6ce-9a3f01ee027a',
    });
    expect(r.hresults).toEqual([]);
  });

  it('leaves and joins again when the device key is gone (event 332)', () => {
    const r = check({ registration: registration(false) });
    expect(r.decision).toEqual({ go: true, rejoin: true });
    expect(r.step).toMatchObject({ result: 'UnJoin', deviceKeysHealthy: false });
  });
});
