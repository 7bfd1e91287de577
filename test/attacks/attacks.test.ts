/**
 * The attack suite: every attack of test/attacks/ posted to mock Entra's token endpoint must be
 * refused with its AADSTS and HTTP status, by the check the table names, with no claim of the
 * evil part in the answer, the log or a token. The fixtures are checked against the builders.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_MS } from '../../src/protocol/entra-names.ts';
import { entraContext, postToken, samlGrant } from '../support/entra-fixture.ts';
import { ENDPOINT_ATTACK_CASES, SAML_ATTACK_CASES } from './attack-cases.ts';
import { renderAttackFixtures } from './attack-fixtures.ts';
import { renderAttackReadme } from './attack-readme.ts';
import { expectRefused, fixture, runEndpointAttack, runSamlAttack } from './run-attack.ts';

describe('attacks on the SAML assertion, through oauth2/token', () => {
  it.each(SAML_ATTACK_CASES.map((c) => [c.attack.name, c] as const))(
    '%s is refused and leaks nothing',
    async (_name, c) => {
      expectRefused(c.refusal, await runSamlAttack(c));
    },
  );

  it('(control) the assertion every attack starts from is accepted as is', async () => {
    const { ctx } = entraContext();
    const res = await postToken(ctx, samlGrant(fixture('replay-valid-assertion.xml')));
    expect(res.status).toBe(200);
  });

  it('comment injection: the verified value is the whole text the signature covers (DJ<!---->x is DJx)', async () => {
    const xml = fixture('comment-injection-in-accounttype.xml');
    expect(xml).toContain('>DJ<!---->x<');
    const r = await runSamlAttack(
      SAML_ATTACK_CASES.find((c) => c.attack.name === 'comment-injection')!,
    );
    expect(r.log.join('\n')).toContain("accounttype = 'DJx'");
  });
});

describe('attacks on the token request', () => {
  it.each(ENDPOINT_ATTACK_CASES.map((c) => [c.name, c] as const))(
    '%s is refused and leaks nothing',
    async (_name, c) => {
      const r = await runEndpointAttack(c);
      expectRefused(c.refusal, r);
      if (c.name === 'replay') expect(r.first?.status).toBe(200);
      if (c.name === 'oversized-body') expect(r.reachedParty).toBe(0);
    },
  );

  it('replay: the same assertion is refused until NotOnOrAfter + skew, then as expired', async () => {
    const { ctx, log } = entraContext();
    const form = samlGrant(fixture('replay-valid-assertion.xml'));
    expect((await postToken(ctx, form)).status).toBe(200);
    ctx.clock.advance(3600_000 + CLOCK_SKEW_MS - 1000);
    expect((await postToken(ctx, form)).body['error_codes']).toEqual([50013]);
    ctx.clock.advance(1000);
    expect((await postToken(ctx, form)).body['error_codes']).toEqual([70002, 500133]);
    expect(log.filter((l) => l.includes("'replay' failed"))).toHaveLength(1);
  });

  it('replay: a second, freshly issued assertion of the same device is accepted', async () => {
    const { ctx } = entraContext();
    const first = fixture('replay-valid-assertion.xml');
    expect((await postToken(ctx, samlGrant(first))).status).toBe(200);
    const { signedDeviceAssertion } = await import('../support/entra-fixture.ts');
    const second = signedDeviceAssertion({ assertionId: '_3b1a5e2c-0000-4000-8000-000000000002' });
    expect((await postToken(ctx, samlGrant(second))).status).toBe(200);
  });
});

describe('the fixtures', () => {
  it('are what the builders make from the TEST ONLY keys (run `npm run attack-fixtures`)', async () => {
    for (const f of renderAttackFixtures()) {
      expect(fixture(f.file), `${f.file} is stale: run npm run attack-fixtures`).toBe(f.text);
    }
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    expect(readme, 'README.md is stale: run npm run attack-fixtures').toBe(
      await renderAttackReadme(),
    );
  });

  it('every attack of the table has a fixture and a test, and the other way round', () => {
    const files = renderAttackFixtures()
      .map((f) => f.file)
      .sort();
    const named = [
      ...SAML_ATTACK_CASES.map((c) => c.file),
      ...ENDPOINT_ATTACK_CASES.flatMap((c) => (c.file ? [c.file] : [])),
    ].sort();
    expect(named).toEqual(files);
  });
});
