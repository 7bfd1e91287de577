/**
 * No secrets in what hjsim prints: for every shipped scenario, the pretty report with every
 * `--show` (transcript, status, exchanges, entra-log) and the JSON report hold none of the
 * secrets the run exchanged: access tokens, Authorization header values (Kerberos tickets,
 * bearer tokens), the SAML assertions sent to oauth2/token and their signature values, and no
 * private key. (`--show exchanges` prints method, URL and status only; mock Entra's log says
 * which check failed and why, never a credential.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { findScenarioFiles } from '../../src/scenario/language/find-scenarios.ts';
import { jsonReport } from '../../src/scenario/run/reporters/json-reporter.ts';
import { prettyReport } from '../../src/scenario/run/reporters/pretty-reporter.ts';
import { runScenarioFile, type ScenarioResult } from '../../src/scenario/run/run-scenario.ts';
import { closeInProcessTransport } from '../../src/transport/msw-transport.ts';

afterAll(() => closeInProcessTransport());

/** The credentials one run put on the wire. */
function secretsOf(r: ScenarioResult): string[] {
  const out = new Set<string>();
  for (const e of r.exchanges) {
    const auth = e.requestHeaders['authorization'];
    if (auth) out.add(auth.replace(/^\S+\s+/, ''));
    for (const m of e.responseBody.matchAll(/"access_token":"([^"]+)"/g)) out.add(m[1]!);
    for (const m of e.responseBody.matchAll(/SignatureValue>([^<]+)</g)) out.add(m[1]!);
    const assertion = new URLSearchParams(e.requestBody).get('assertion');
    if (e.method === 'POST' && assertion) out.add(assertion);
  }
  return [...out].filter((s) => s.length >= 40);
}

describe('no secrets in what hjsim prints', () => {
  it('holds for every shipped scenario, with every --show, in both reporters', async () => {
    const files = await findScenarioFiles([`${PACKAGE_ROOT}/scenarios`]);
    expect(files.length).toBeGreaterThanOrEqual(30);
    const results = [];
    for (const f of files) results.push(await runScenarioFile(f));
    const secrets = results.flatMap(secretsOf);
    // The runs did exchange credentials (so the check below checks something).
    // (pre-check and discovery failures exchange none, hence an average, not a per-run count)
    expect(secrets.length).toBeGreaterThan(results.length);
    const printed = [
      prettyReport(results, 0, {
        color: false,
        show: ['transcript', 'status', 'exchanges', 'entra-log'],
        cwd: PACKAGE_ROOT,
      }),
      jsonReport(results, 0, { transcripts: true }),
    ].join('\n');
    expect(printed).not.toMatch(/PRIVATE KEY/);
    for (const secret of secrets) {
      // Long enough to be unique: any 40 characters of a secret give it away.
      expect(printed.includes(secret.slice(0, 40)), `printed: ${secret.slice(0, 40)}…`).toBe(false);
    }
  });
});
