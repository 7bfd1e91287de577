import { describe, expect, it } from 'vitest';
import { mergeScenario } from './merge.ts';

const base = {
  name: 'base',
  tags: ['a', 'b'],
  seed: 7,
  tenant: {
    domains: [
      {
        name: 'one.example',
        authentication: 'federated',
        federation: { issuerUri: 'x', mex: 'm' },
      },
      { name: 'two.example', authentication: 'managed' },
    ],
    users: [{ upn: 'u@one.example', immutableId: 'i' }],
  },
  device: { name: 'PC', fallbackToSyncJoin: true },
};

describe('mergeScenario (extends + patch)', () => {
  it('merges objects deeply; the patch wins on scalars', () => {
    const out = mergeScenario(base, { device: { fallbackToSyncJoin: false } }) as typeof base;
    expect(out.device).toEqual({ name: 'PC', fallbackToSyncJoin: false });
    expect(out.tenant).toBe(base.tenant);
  });

  it('merges domains by name (any case; the patch spelling wins), keeping the others in order', () => {
    const out = mergeScenario(base, {
      tenant: { domains: [{ name: 'ONE.example', federation: { issuerUri: 'y' } }] },
    }) as typeof base;
    expect(out.tenant.domains).toEqual([
      {
        name: 'ONE.example',
        authentication: 'federated',
        federation: { issuerUri: 'y', mex: 'm' },
      },
      { name: 'two.example', authentication: 'managed' },
    ]);
  });

  it('appends a list item with a new key, and users merge by upn', () => {
    const out = mergeScenario(base, {
      tenant: {
        domains: [{ name: 'three.example', authentication: 'managed' }],
        users: [{ upn: 'u@one.example', immutableId: 'j' }],
      },
    }) as typeof base;
    expect(out.tenant.domains.map((d) => d.name)).toEqual([
      'one.example',
      'two.example',
      'three.example',
    ]);
    expect(out.tenant.users).toEqual([{ upn: 'u@one.example', immutableId: 'j' }]);
  });

  it('replaces other lists whole', () => {
    expect((mergeScenario(base, { tags: ['c'] }) as typeof base).tags).toEqual(['c']);
  });

  it('removes a key set to null, at any depth, and never keeps a null', () => {
    const out = mergeScenario(base, {
      seed: null,
      tenant: { domains: [{ name: 'one.example', federation: { mex: null } }] },
      extra: { kept: 1, dropped: null },
    }) as Record<string, unknown> & typeof base;
    expect('seed' in out).toBe(false);
    expect(out.tenant.domains[0]!.federation).toEqual({ issuerUri: 'x' });
    expect(out['extra']).toEqual({ kept: 1 });
  });
});
