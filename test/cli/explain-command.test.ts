/**
 * `hjsim explain` as a user runs it (a real process), and its lookups: every catalogue answers
 * with meaning, public text and provenance, and names the shipped scenarios that produce the code.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explain, explainCommand, producingScenarios } from '../../src/tools/cli/explain.ts';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';

function hjsim(...args: string[]) {
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'hjsim.js'), ...args], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('hjsim explain (process)', () => {
  it('AADSTS51004: meaning, the seed text, provenance and the scenarios that produce it', () => {
    const r = hjsim('explain', 'AADSTS51004');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('AADSTS51004  UserAccountNotInDirectory  (AADSTS)');
    expect(r.stdout).toContain(
      'text        AADSTS51004: The user account {EUII Hidden} does not exist in the {tenant} directory.',
    );
    expect(r.stdout).toMatch(/provenance {2}source: PING \(PingOne hybrid join troubleshooting/);
    expect(r.stdout).toContain('hjsim run scenarios/pingone/accounttype-wrong-nameformat.yaml');
  });

  it('0xcaa1000e: the symbol, the decimal form and provenance', () => {
    const r = hjsim('explain', '0xCAA1000E');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0xcaa1000e  ERROR_ADAL_HANDLE  (HRESULT)');
    expect(r.stdout).toContain('decimal: -895418354');
    expect(r.stdout).toContain('provenance  source:');
  });

  it('304: the event template, its channel, provenance and the scenarios that log it', () => {
    const r = hjsim('explain', '304');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('304  User Device Registration/Admin 304  (event)');
    expect(r.stdout).toContain(
      'text        Automatic registration failed at join phase. Exit code: %1 Server error: %2',
    );
    // Provenance names its source key (docs/sources.md).
    expect(r.stdout).toContain('provenance  source: LYWK dsreg.dll message table');
    expect(r.stdout).toContain('hjsim run scenarios/onprem/managed-domain-unsynced.yaml');
  });

  it('an unknown event id and nonsense exit 3 with "unknown"', () => {
    for (const code of ['999', 'AADSTS99999', 'no-such-code']) {
      const r = hjsim('explain', code);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`unknown code '${code}'`);
      expect(r.stdout).toBe('');
    }
  });

  it('no code at all is a usage error (exit 2)', () => {
    const r = hjsim('explain');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument 'code'");
  });

  it('--json prints one object with the scenarios', () => {
    const r = hjsim('explain', '51004', '--json');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout) as { code: string; kind: string; scenarios: { file: string }[] };
    expect(o).toMatchObject({ code: 'AADSTS51004', kind: 'AADSTS' });
    expect(o.scenarios.map((s) => s.file)).toContain(
      'scenarios/pingone/primarysid-omitted-unsynced.yaml',
    );
  });
});

describe('explain lookups', () => {
  it.each([
    ['51004', 'AADSTS51004'],
    ['aadsts50107', 'AADSTS50107'],
    ['70002', 'AADSTS500133'],
    ['-895418354', '0xcaa1000e'],
    ['error_adal_handle', '0xcaa1000e'],
    ['DSREG_E_DEVICE_REGISTRATION_QUOTA_EXCCEEDED', '0x801c000e'],
    ['directoryerror', 'DirectoryError'],
    ['DeviceQuotaExceeded', 'DeviceQuotaExceeded'],
  ])('%s → %s', (query, code) => {
    expect(explain(query)?.code).toBe(code);
  });

  it('a modeled code says so', () => {
    expect(explain('AADSTS50013')?.provenance).toMatch(/^modeled: /);
  });

  it('finds producing scenarios in a given folder and reports unreadable files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hjsim-explain-'));
    writeFileSync(join(dir, 'bad.yaml'), 'name: [unclosed\n');
    const e = explain('0x801c03f2')!;
    const found = await producingScenarios(e, dir);
    expect(found.scenarios).toEqual([]);
    expect(found.unreadable).toHaveLength(1);
    const lines: string[] = [];
    const code = await explainCommand(
      '0x801c03f2',
      { scenarios: dir },
      { out: (s) => lines.push(s), err: (s) => lines.push(`ERR ${s}`), cwd: dir },
    );
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain('ERR hjsim: skipped an unreadable scenario');
    expect(lines.join('\n')).toContain('No shipped scenario expects it.');
  });
});
