/**
 * `idp.attack` end to end: each shipped scenarios/attacks/*.yaml runs the whole join (client →
 * mock IdP → mock Entra over in-process HTTP) with the IdP's assertion turned into the attack,
 * meets its expectations, and no claim of the evil computer reaches mock Entra's log, a token
 * response, or the transcript.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { SAML_ATTACK_NAMES } from '../../src/protocol/saml11/attacks/catalog.ts';
import { runScenarioFile } from '../../src/scenario/run/run-scenario.ts';
import { closeInProcessTransport } from '../../src/transport/msw-transport.ts';
import { EVIL_MARKERS } from './attack-fixtures.ts';

const DIR = join(PACKAGE_ROOT, 'scenarios', 'attacks');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

afterAll(() => closeInProcessTransport());

/** The decoded payload of every JWT access token in a response body. */
function accessTokenPayloads(body: string): string[] {
  const token = /"access_token":"([\w-]+)\.([\w-]+)\.[\w-]+"/.exec(body);
  return token ? [Buffer.from(token[2]!, 'base64url').toString('utf8')] : [];
}

describe('scenarios/attacks', () => {
  it('ships one scenario per attack the IdP can make', () => {
    expect(files.map((f) => f.replace(/\.yaml$/, '')).sort()).toEqual(
      [...SAML_ATTACK_NAMES].sort(),
    );
  });

  it.each(files)('%s meets its expectations and leaks nothing evil', async (file) => {
    const r = await runScenarioFile(join(DIR, file));
    expect(r.failures).toEqual([]);
    expect(r.status).toBe('passed');
    const seen = [
      ...r.entraLog,
      ...r.transcript,
      ...r.exchanges
        .filter((e) => e.url.includes('login.microsoftonline.com'))
        .map((e) => e.responseBody),
      ...r.exchanges.flatMap((e) => accessTokenPayloads(e.responseBody)),
    ].join('\n');
    for (const marker of EVIL_MARKERS) expect(seen).not.toContain(marker);
    // The evil part did travel: the IdP's answer carries it (except where the attack has none).
    const rstr = r.exchanges.find((e) => e.url.includes('/wsf/sts/'))?.responseBody ?? '';
    const carriesEvil = !/^(comment-injection|dtd-|algorithm-|transform-)/.test(file);
    expect(rstr.includes('666666666')).toBe(carriesEvil);
  });
});
