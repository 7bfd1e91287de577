/**
 * An example of hjsim in your own vitest suite, through the public `hjsim/testing` API only.
 * It runs with the rest of the suite (`vitest.config.ts` includes `examples/**`).
 */
import { describe, expect, it } from 'vitest';
import { hjsimMatchers, runScenario, withSimulator } from 'hjsim/testing';

expect.extend(hjsimMatchers);

const baseline = new URL('../scenarios/pingone/baseline.yaml', import.meta.url);

describe('PingOne as the federated IdP', () => {
  it('the baseline joins with a federated token', async () => {
    const result = await runScenario(baseline);
    expect(result).toJoin('federated');
    expect(result).not.toFallBackToSyncJoin();
  });

  it('accounttype with the wrong NameFormat: AADSTS51004, then a sync join', async () => {
    const result = await runScenario({
      extends: 'scenarios/pingone/baseline.yaml',
      name: 'accounttype sent with the wrong NameFormat',
      idp: {
        claims: {
          accounttype: { namespace: 'http://schemas.microsoft.com/ws/2008/06/identity/claims' },
        },
      },
    });
    expect(result).toFailWithAadsts(51004);
    expect(result).toFailWithHresult('0xcaa1000e');
    expect(result).toFallBackToSyncJoin();
    expect(result).toJoin('sync');
    expect(result.transcript).toContain(
      'DsrCmdJoinHelper::Join: Federated ADRS join failed with error 0xcaa1000e. Try synchronized join.',
    );
  });

  it('with FallbackToSyncJoin = 0 the same mistake leaves the device unjoined', async () => {
    const result = await runScenario({
      extends: 'scenarios/pingone/baseline.yaml',
      name: 'primarysid not mapped, no fallback',
      idp: { claims: { primarysid: 'omit' } },
      device: { fallbackToSyncJoin: false },
    });
    expect(result).not.toJoin();
    expect(result.outcome?.errorPhase).toBe('auth');
  });

  it.each(['inprocess', 'http'] as const)(
    'my own client code against the mock parties (%s)',
    async (transport) => {
      await withSimulator({ scenario: baseline, transport }, async (sim) => {
        // The user realm lookup your code would make, at Entra's real URL.
        const res = await fetch(
          `${sim.urls.login}/common/userrealm/imokatdi.ping-eng.com?api-version=1.0`,
        );
        const realm = (await res.json()) as {
          account_type: string;
          federation_metadata_url: string;
        };
        expect(realm.account_type).toBe('Federated');
        expect(realm.federation_metadata_url).toBe(sim.urls.mex);

        const seen = sim.takeRequest();
        expect(seen?.method).toBe('GET');
        expect(seen?.url).toContain('/common/userrealm/imokatdi.ping-eng.com');
        expect(sim.takeRequest()).toBeUndefined();

        // Then the Windows client against the same parties.
        const result = await sim.join();
        expect(result).toJoin('federated');
        expect(sim.transcript).toContain(
          'DsrCmdJoinHelper::Join: AutoEnrollAsComputer completed successfully',
        );
        expect(sim.takeRequest()?.url).toMatch(/\/discover\?api-version=1\.7$/);
        if (transport === 'http')
          expect(sim.local?.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      });
    },
  );
});
