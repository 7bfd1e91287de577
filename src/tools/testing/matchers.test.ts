import { describe, expect, it } from 'vitest';
import type { JoinOutcome } from '../../client/trace.ts';
import { hjsimMatchers } from './matchers.ts';

expect.extend(hjsimMatchers);

const synced: { name: string; outcome: JoinOutcome } = {
  name: 'wrong NameFormat',
  outcome: {
    joined: true,
    joinType: 'sync',
    aadsts: [51004],
    hresults: ['0xcaa20003', '0xcaa1000e'],
    fallbackAttempted: true,
    registrations: 1,
  },
};

describe('hjsim matchers', () => {
  it('pass on what happened', () => {
    expect(synced).toJoin();
    expect(synced).toJoin('sync');
    expect(synced).toFailWithAadsts(51004);
    expect(synced).toFailWithHresult('0xCAA1000E');
    expect(synced).toFailWithHresult(0xcaa1000e);
    expect(synced).toFallBackToSyncJoin();
  });

  it('fail with what happened instead', () => {
    expect(() => expect(synced).toJoin('federated')).toThrow(
      "expected scenario 'wrong NameFormat' to join (federated), but joined (sync), AADSTS [51004], HRESULTs [0xcaa20003, 0xcaa1000e], fell back to sync join",
    );
    expect(() => expect(synced).toFailWithAadsts(50107)).toThrow('to get AADSTS50107');
    expect(() => expect(synced).toFailWithHresult('0x801c03f2')).toThrow('to report 0x801c03f2');
    expect(() => expect(synced).not.toFallBackToSyncJoin()).toThrow('not to fall back');
  });

  it('say so when the scenario did not run', () => {
    expect(() =>
      expect({ name: 'x', error: { code: 'ERR_KEY_STORE', message: 'no key' } }).toJoin(),
    ).toThrow('but it did not run (ERR_KEY_STORE: no key)');
  });
});
