/**
 * `hjsim import` as a user runs it: a customer's Format-List output (written here in the shape of
 * the PingOne seed's, with a wrapped certificate and PS> prompts) becomes a scenario that loads
 * and matches the listing; the run says what would fail; unreadable input exits 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { loadScenario } from '../../src/scenario/language/load-scenario.ts';

const dir = mkdtempSync(join(tmpdir(), 'hjsim-import-'));
/** The TEST ONLY next signing certificate, as Graph prints it: base64 DER, wrapped at 120. */
const CERT_B64 = readFileSync(join(PACKAGE_ROOT, 'certs', 'idp-signing-next.crt'), 'utf8')
  .replace(/-----[A-Z ]+-----/g, '')
  .replace(/\s+/g, '');
const wrapped = (s: string, first: number) =>
  [s.slice(0, first), ...(s.slice(first).match(/.{1,120}/g) ?? [])].join('\n');

function listing(over: Record<string, string> = {}, domainLine = true): string {
  const p: Record<string, string> = {
    ActiveSignInUri: 'https://sts.fabrikam.com/adfs/services/trust/2005/usernamemixed',
    DisplayName: 'Fabrikam AD FS',
    FederatedIdpMfaBehavior: 'acceptIfMfaDoneByFederatedIdp',
    Id: '5c0f2a44-1f7e-4c1e-9d3a-6b1a2c3d4e5f',
    IsSignedAuthenticationRequestRequired: '',
    IssuerUri: 'http://fabrikam.com/adfs/services/trust/',
    MetadataExchangeUri: 'https://sts.fabrikam.com/adfs/services/trust/mex',
    NextSigningCertificate: '',
    PassiveSignInUri: 'https://sts.fabrikam.com/adfs/ls/',
    PreferredAuthenticationProtocol: 'wsFed',
    SigningCertificate: CERT_B64,
    AdditionalProperties: '{}',
    ...over,
  };
  const lines = [
    'PowerShell 7.4.6',
    ...(domainLine
      ? [
          "PS C:\\Users\\admin> Get-MgDomainFederationConfiguration -DomainId 'fabrikam.com' | Format-List",
          '',
        ]
      : []),
    ...Object.entries(p).map(([k, v]) => {
      const head = `${k.padEnd(38)}: `;
      return k === 'SigningCertificate'
        ? `${head}${wrapped(v, 120 - head.length)}`
        : `${head}${v}`.trimEnd();
    }),
    '',
    'PS C:\\Users\\admin>',
  ];
  return lines.join('\r\n');
}

function hjsim(args: string[]) {
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'hjsim.js'), ...args], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('hjsim import (process)', () => {
  it('AD FS listing: a valid scenario whose federation block matches, and a federated join', async () => {
    const input = join(dir, 'fabrikam.txt');
    const out = join(dir, 'fabrikam.yaml');
    writeFileSync(input, listing());
    const r = hjsim(['import', input, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'import: fabrikam.com, IdP sts.fabrikam.com, profile adfs (guessed from the URLs',
    );
    expect(r.stdout).toContain('??   certificate match: not checkable offline');
    expect(r.stdout).toContain('run: federated join succeeded against the adfs profile');
    const { scenario } = await loadScenario(out);
    const f = scenario.tenant.domains[0]!.federation!;
    expect(scenario.tenant.domains[0]!.name).toBe('fabrikam.com');
    expect(f.issuerUri).toBe('http://fabrikam.com/adfs/services/trust/');
    expect(f.metadataExchangeUri).toBe('https://sts.fabrikam.com/adfs/services/trust/mex');
    expect(f.passiveSignInUri).toBe('https://sts.fabrikam.com/adfs/ls/');
    expect(f.signingCertificate).toBe('certs/idp-signing.crt');
    expect(readFileSync(out, 'utf8')).toMatch(
      /# Customer signing certificate: .*SHA-1 [0-9A-F]{40}/,
    );
  }, 60_000);

  it('--keep-certificate keeps the wrapped base64 whole, and the run fails at the signature (AADSTS5000811)', async () => {
    const input = join(dir, 'keep.txt');
    const out = join(dir, 'keep.yaml');
    writeFileSync(input, listing());
    const r = hjsim(['import', input, '--out', out, '--keep-certificate']);
    expect(r.code).toBe(0);
    expect(
      (await loadScenario(out)).scenario.tenant.domains[0]!.federation!.signingCertificate,
    ).toBe(CERT_B64);
    expect(r.stdout).toContain(
      'would fail: The token is signed with a certificate Entra does not have',
    );
  }, 60_000);

  it('a MEX URL over http: the static check and the run say what fails', () => {
    const input = join(dir, 'broken.txt');
    writeFileSync(
      input,
      listing({ MetadataExchangeUri: 'http://sts.fabrikam.com/adfs/services/trust/mex' }),
    );
    const r = hjsim(['import', input]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('name: Imported federation settings of fabrikam.com');
    expect(r.stderr).toContain(
      'FAIL MetadataExchangeUri http://sts.fabrikam.com/adfs/services/trust/mex is not https → 0xcaa90020',
    );
    expect(r.stderr).toContain('would fail: MetadataExchangeUri is not https [mex-url-not-https]');
  }, 60_000);

  it('--no-run only writes; no listing, a cut certificate or a missing file exit 2', () => {
    const ok = join(dir, 'norun.txt');
    writeFileSync(ok, listing({}, false));
    const r = hjsim(['import', ok, '--no-run', '--domain', 'fabrikam.com']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('run:');
    const cut = join(dir, 'cut.txt');
    writeFileSync(cut, listing({ SigningCertificate: 'MII...' }));
    const c = hjsim(['import', cut]);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain("SigningCertificate 'MII...' is not a base64 X.509 certificate");
    const prose = join(dir, 'prose.txt');
    writeFileSync(prose, 'hello\n');
    expect(hjsim(['import', prose]).code).toBe(2);
    expect(hjsim(['import', join(dir, 'missing.txt')]).code).toBe(2);
  }, 60_000);
});
