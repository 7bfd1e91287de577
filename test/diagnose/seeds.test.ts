/**
 * The seeds diagnose to their documented causes: the PingOne page's two real `dsregcmd /join
 * /debug` transcripts and its `/status` (source PING, read at test time from the seeds beside the clone, never copied),
 * its Get-MgDomainFederationConfiguration outputs (import), and the Microsoft legacy page's
 * dialog texts, each under the heading that names its cause.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { diagnoseText } from '../../src/tools/diagnose/diagnose.ts';
import { planImport } from '../../src/tools/diagnose/import/import-federation.ts';
import { parseFederationList } from '../../src/tools/diagnose/import/parse-federation-list.ts';
import { SEED_FILE } from '../support/seed-transcripts.ts';

const LEGACY_SEED = join(PACKAGE_ROOT, '..', 'shared', 'seeds', '000_91f9f745d1a3ebae.txt');
const pingone = readFileSync(SEED_FILE, 'utf8');
const legacy = readFileSync(LEGACY_SEED, 'utf8');

/** The fenced block (with its `> ` quote prefixes, as the page has it) that follows `marker`. */
function block(text: string, marker: string): string {
  const start = text.indexOf(marker);
  expect(start, marker).toBeGreaterThan(-1);
  const end = text.indexOf('```', start);
  return text.slice(start, end);
}

function diagnosed(text: string) {
  const d = diagnoseText(text);
  if (!d.ok) throw new Error(d.message);
  return d.diagnosis;
}

describe('PingOne seed', () => {
  const failed = block(
    pingone.slice(pingone.indexOf('### `dsregcmd /join /debug` failed')),
    'PS C:\\Windows\\System32> dsregcmd /join /debug',
  );
  const succeeded = block(
    pingone.slice(pingone.indexOf('### `dsregcmd /join /debug` succeeded')),
    'PS C:\\Windows\\System32> dsregcmd /join /debug',
  );

  it('the failed transcript: the attribute mappings issue (AADSTS51004) first, and the fallback sync warning', () => {
    const d = diagnosed(failed);
    expect(d.kinds).toContain('dsregcmd /join /debug');
    expect(d.findings[0]?.cause.id).toBe('device-claims-not-recognised');
    const lines = d.findings[0]!.evidence.map((e) => e.text).join('\n');
    expect(lines).toContain('AADSTS51004');
    expect(lines).toContain('GetComputerTokenForADRS failed with error 0xcaa20003');
    expect(d.findings[0]!.cause.fix.pingone).toContain('http://schemas.microsoft.com/ws/2012/01');
    expect(d.warnings).toHaveLength(1);
    expect(d.warnings[0]).toContain('Other applications that use the STS (WS-Trust) flow');
    expect(d.profile).toBe('pingone');
  });

  it('the succeeded transcript and the /status after it: no failure, nothing ranked', () => {
    const ok = diagnosed(succeeded);
    expect(ok.findings).toEqual([]);
    expect(ok.notes.join(' ')).toContain('successful federated join');
    const status = diagnosed(block(pingone, 'PS C:\\Windows\\System32> dsregcmd /status'));
    expect(status.kinds).toContain('dsregcmd /status');
    expect(status.findings).toEqual([]);
  });

  it('the federation settings sample imports as a working PingOne configuration', () => {
    const listing = parseFederationList(block(pingone, 'PowerShell 7.5.2'));
    expect(listing.domainId).toBe('imokatdi.ping-eng.com');
    expect(listing.properties.get('SigningCertificate')).toMatch(/^MIIDATCC[A-Za-z0-9+/]+=$/);
    const r = planImport(listing, { now: new Date('2025-07-10T00:00:00Z') });
    if (!r.ok) throw new Error(r.message);
    expect(r.plan.profile).toBe('pingone');
    expect(r.plan.checks.filter((c) => c.ok === false)).toEqual([]);
    expect(
      r.plan.checks.some((c) => c.ok === 'unknown' && c.what.includes('not checkable offline')),
    ).toBe(true);
  });

  it('the first sample, whose certificate the page cut to "MII...", is refused with the reason', () => {
    const r = planImport(parseFederationList(block(pingone, '> ActiveSignInUri')));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('is not a base64 X.509 certificate (cut short?');
  });
});

describe('Microsoft legacy seed: the down-level dialogs', () => {
  const altTexts = [...legacy.matchAll(/alt-text="([^"]{1,400})"/g)].map((m) => m[1]!);

  it.each([
    ['account authentication', 'downlevel-account-authentication'],
    ['account verification', 'downlevel-account-verification'],
    ['maximum number of joined devices', 'device-quota-reached'],
    ["server didn't respond", 'service-not-responding'],
  ])('"%s" → %s', (words, cause) => {
    const text = altTexts.find((t) => t.includes(words));
    expect(text, words).toBeDefined();
    const d = diagnosed(text!);
    expect(d.kinds).toContain('down-level autoworkplace dialog');
    expect(d.findings.map((f) => f.cause.id)).toEqual([cause]);
  });

  it('the joined dialog names no cause', () => {
    const joined = altTexts.find((t) => t.includes('is joined to a workplace'))!;
    const d = diagnoseText(joined);
    expect(d.ok ? d.diagnosis.findings : []).toEqual([]);
  });
});
