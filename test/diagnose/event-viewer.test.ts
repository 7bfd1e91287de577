/**
 * Event Viewer text of the User Device Registration log, in the shapes customers send (Event
 * Viewer's "Copy details", `wevtutil qe … /f:text` with several events), written here after the
 * templates of [MAN] [LYWK] [WIKI]: each diagnoses to its cause; `hjsim explain` knows the
 * causes by the id diagnose prints.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explain, producingScenarios } from '../../src/tools/cli/explain.ts';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { diagnoseText } from '../../src/tools/diagnose/diagnose.ts';
import { eventFact } from '../../src/protocol/causes/facts.ts';

const fixture = (name: string) =>
  readFileSync(join(PACKAGE_ROOT, 'test', 'fixtures', 'diagnose', name), 'utf8');

function diagnosed(text: string) {
  const d = diagnoseText(text);
  if (!d.ok) throw new Error(d.message);
  return d.diagnosis;
}

describe('Event Viewer text', () => {
  it('event 305 with AdalErrorCode 0xcaa9002c → mex-not-xml', () => {
    const d = diagnosed(fixture('event-305-mex-not-xml.txt'));
    expect(d.kinds).toContain('Event Viewer (User Device Registration)');
    expect(d.facts.has(eventFact(305))).toBe(true);
    expect(d.findings[0]?.cause.id).toBe('mex-not-xml');
  });

  it('wevtutil text with 304 (sync join: device not found) and 305 (AADSTS50107): the federated cause first', () => {
    const d = diagnosed(fixture('events-304-305-wevtutil.txt'));
    expect(d.facts.has(eventFact(304)) && d.facts.has(eventFact(305))).toBe(true);
    expect(d.findings.map((f) => f.cause.id)).toEqual([
      'issuer-not-registered',
      'device-not-synced',
    ]);
  });

  it('event 307 → scp-not-readable', () => {
    expect(diagnosed(fixture('event-307-scp.txt')).findings[0]?.cause.id).toBe('scp-not-readable');
  });
});

describe('hjsim explain <cause>', () => {
  it('explains a cause by its id and names the scenarios that reproduce it', async () => {
    const e = explain('device-claims-not-recognised');
    expect(e?.kind).toBe('cause');
    expect(e?.facts).toContain('identified by: aadsts:51004');
    const { scenarios } = await producingScenarios(e!, join(PACKAGE_ROOT, 'scenarios'));
    expect(scenarios.map((s) => s.file.slice(PACKAGE_ROOT.length + 1))).toContain(
      'scenarios/pingone/accounttype-wrong-nameformat.yaml',
    );
    expect(explain('no-such-cause')).toBeUndefined();
  });
});

describe('event ids without an English message', () => {
  it.each([
    [307, 'scp-not-readable'],
    [334, 'no-domain-controller'],
    [333, 'not-running-as-system'],
    [309, 'drs-discovery-failed'],
    [305, 'federated-auth-failed'],
  ])('Event ID %i → %s', (id, cause) => {
    const text = [
      'Protokollname: Microsoft-Windows-User Device Registration/Admin',
      'Quelle:        Microsoft-Windows-User Device Registration',
      `Event ID:      ${id}`,
      'Beschreibung:',
      'Die automatische Registrierung ist fehlgeschlagen.',
    ].join('\n');
    expect(diagnosed(text).findings[0]?.cause.id).toBe(cause);
  });
});

describe('the shapes real captures print (issue 17)', () => {
  it('the down-level MSI’s success event 201 is no DRS discovery failure [AZD80678]', () => {
    const d = diagnoseText(
      [
        'Log Name:      Microsoft-Workplace Join',
        'Source:        Microsoft-Workplace Join',
        'Event ID:      201',
        'Description:',
        'Hybrid Azure AD Join operation succeeded. Activity Id: 00000000-0000-0000-0000-000000000000',
        'Registration Service URI: https://enterpriseregistration.windows.net/EnrollmentServer/DeviceEnrollmentWebService.svc',
      ].join('\n'),
    );
    const ids = d.ok ? d.diagnosis.findings.map((f) => f.cause.id) : [];
    expect(ids).not.toContain('drs-discovery-failed');
  });

  it('`DRS Discovery Test : FAIL [0x801c0021/0x80072ee2]` names the discovery, not the STS [TSC]', () => {
    const d = diagnosed(
      [
        '      AD Connectivity Test : PASS',
        '     AD Configuration Test : PASS',
        '        DRS Discovery Test : FAIL [0x801c0021/0x80072ee2]',
        '     DRS Connectivity Test : SKIPPED',
        '    Token acquisition Test : SKIPPED',
        '     Fallback to Sync-Join : ENABLED',
        '',
        '     Previous Registration : 2019-01-31 09:16:43.000 UTC',
        '               Error Phase : discover',
        '          Client ErrorCode : 0x801c0021',
      ].join('\n'),
    );
    expect(d.findings[0]?.cause.id).toBe('drs-discovery-failed');
    expect(d.findings.map((f) => f.cause.id)).not.toContain('sts-unreachable');
  });

  it('an SCP read failure is a discover-phase cause [RCMLAB; DSR]', () => {
    const d = diagnosed(
      [
        '     AD Configuration Test : FAIL [0x80070002]',
        '               Error Phase : discover',
        '          Client ErrorCode : 0x801c001d',
      ].join('\n'),
    );
    expect(d.findings[0]?.cause.id).toBe('scp-not-readable');
    expect(d.findings[0]?.cause.phase).toBe('discover');
  });

  it('the older LogFatalAuthError transcript of a MEX answer that is not XML → mex-not-xml [WIKI]', () => {
    const d = diagnosed(
      [
        'dsregcmd::wmain logging initialized.',
        'AdalLog:  HRESULT: 0xcaa9002c',
        'LogFatalAuthError: AdalMessage: ADALUseWindowsAuthenticationTenant failed,  unable to preform integrated auth',
        'AdalErrorCode: 0xcaa9002c',
        'AdalCorrelationId: {7C732D89-A151-4E7B-9406-8878EC8AE00B}',
        'AdalLog:  HRESULT: 0xcaa1000e',
        'AutoEnrollAsComputer: Unable to retrieve access token. GetComputerTokenForADRS failed with error 0xcaa9002c.',
        'DsrCmdJoinHelper::Join: Federated ADRS join failed with error 0xcaa1000e. Try synchronized join.',
      ].join('\n'),
    );
    expect(d.findings[0]?.cause.id).toBe('mex-not-xml');
  });
});
