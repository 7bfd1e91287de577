/**
 * `GET /healthz` is hjsim's own (the container healthcheck's), not an Entra or IdP route: no party
 * of any shipped scenario, on any host it answers for, has a route that matches it, so the health
 * answer never hides a modeled behaviour.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { findRoute } from '../../src/core/http.ts';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { buildWorld } from '../../src/scenario/world/build-world.ts';
import { findScenarioFiles } from '../../src/scenario/language/find-scenarios.ts';
import { loadScenario } from '../../src/scenario/language/load-scenario.ts';
import { localizeScenario } from '../../src/scenario/language/localize-scenario.ts';
import { HEALTH_PATH } from '../../src/transport/loopback-server.ts';

describe('the health path', () => {
  it('is answered by no party of any shipped scenario', async () => {
    const files = await findScenarioFiles([join(PACKAGE_ROOT, 'scenarios')]);
    expect(files.length).toBeGreaterThan(100);
    const claimed: string[] = [];
    for (const file of files) {
      const loaded = await loadScenario(file);
      // As `hjsim serve` builds them (IdP URLs on the server's address) and as msw mounts them.
      for (const s of [
        loaded.scenario,
        localizeScenario(loaded.scenario, 'https://127.0.0.1:4443'),
      ])
        for (const p of buildWorld(s, loaded.dir).parties)
          for (const method of ['GET', 'HEAD', 'POST'])
            if (findRoute(p, method, HEALTH_PATH)) claimed.push(`${file}: ${p.name} ${method}`);
    }
    expect(claimed).toEqual([]);
  });

  it('the check would see a party that claimed it', () => {
    const p = {
      name: 'catch-all',
      host: 'x',
      routes: [
        {
          method: 'GET' as const,
          path: '/:tenant',
          handle: () => ({ status: 200, headers: {}, body: '' }),
        },
      ],
    };
    expect(findRoute(p, 'GET', HEALTH_PATH)).toBeDefined();
  });
});
