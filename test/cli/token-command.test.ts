/**
 * `hjsim token` as a user runs it: a real process printing the assertion the scenario's IdP
 * issues (verified here with plain xml-crypto and read back), the IdP's refusal, usage errors.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/tools/cli/main.ts';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { uuidAsBase64Guid } from '../../src/protocol/encoding/guid.ts';
import { readAssertion } from '../../src/protocol/saml11/parse-assertion.ts';
import { parseXml } from '../../src/protocol/xml/parse-xml.ts';
import { verifiesWith } from '../support/idp-fixture.ts';

function hjsim(...args: string[]) {
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'hjsim.js'), ...args], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same command in-process (main() as bin/hjsim.js calls it), for the cheaper cases. */
async function hjsimInProcess(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((c) => ((stdout += String(c)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((c) => ((stderr += String(c)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('hjsim token', () => {
  it("prints the AD FS baseline device's signed SAML 1.1 assertion", () => {
    const r = hjsim('token', '--scenario', 'scenarios/adfs/baseline.yaml');
    expect(r.code).toBe(0);
    const xml = r.stdout.trim();
    expect(verifiesWith(xml)).toBe(true);
    const a = readAssertion(parseXml(xml, 'token').documentElement!);
    expect(a.issuer).toBe('http://contoso.com/adfs/services/trust/');
    expect(a.nameIdentifier?.value).toBe(uuidAsBase64Guid('6c1f0a2e-4b3d-4e5f-8a9b-0c1d2e3f4a5b'));
    // The order of the captured AD FS device token (AADIBLOG); the computer has no UPN here.
    expect(a.attributes.map((x) => x.name)).toEqual([
      'ImmutableID',
      'accounttype',
      'onpremobjectguid',
      'primarysid',
      'insidecorporatenetwork',
    ]);
  });

  it('is reproducible for a seeded scenario, and writes base64 to a file on request', async () => {
    const first = (await hjsimInProcess('token', '--scenario', 'scenarios/pingone/baseline.yaml'))
      .stdout;
    expect(
      (await hjsimInProcess('token', '--scenario', 'scenarios/pingone/baseline.yaml')).stdout,
    ).toBe(first);
    const out = join(mkdtempSync(join(tmpdir(), 'hjsim-token-')), 'token.b64');
    const r = await hjsimInProcess(
      'token',
      '--scenario',
      'scenarios/pingone/baseline.yaml',
      '--encoding',
      'base64',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(Buffer.from(readFileSync(out, 'utf8').trim(), 'base64').toString('utf8')).toBe(
      first.trim(),
    );
  });

  it("carries the scenario's claim breakage (the token another tool would be given)", async () => {
    const r = await hjsimInProcess(
      'token',
      '--scenario',
      'scenarios/pingone/accounttype-wrong-nameformat.yaml',
    );
    expect(r.stdout).toContain(
      'AttributeName="accounttype" AttributeNamespace="http://schemas.microsoft.com/ws/2008/06/identity/claims"',
    );
  });

  it('exits 1 with the SOAP fault when the IdP refuses the device (Kerberos without AES)', () => {
    const r = hjsim('token', '--scenario', 'scenarios/idp/kerberos-aes-off.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('a:FailedAuthentication ID3242');
  });

  it("--version chooses the SAML version; without it the scenario's idp.tokenVersion decides", async () => {
    const v2 = await hjsimInProcess(
      'token',
      '--scenario',
      'scenarios/adfs/baseline.yaml',
      '--version',
      '2.0',
    );
    expect(v2.code).toBe(0);
    const xml2 = v2.stdout.trim();
    const root2 = parseXml(xml2, 'token').documentElement!;
    expect([root2.namespaceURI, root2.localName, root2.getAttribute('Version')]).toEqual([
      'urn:oasis:names:tc:SAML:2.0:assertion',
      'Assertion',
      '2.0',
    ]);
    expect(verifiesWith(xml2, 'idp-signing.crt', 'ID')).toBe(true);
    // A scenario whose IdP issues SAML 2.0: its own setting, unless --version overrides it.
    const scenario = 'scenarios/entra/saml2-token-with-saml1_1-bearer.yaml';
    const own = (await hjsimInProcess('token', '--scenario', scenario)).stdout;
    expect(own).toContain('<Assertion ');
    expect(own).toContain('Version="2.0"');
    const forced = (await hjsimInProcess('token', '--scenario', scenario, '--version', '1.1'))
      .stdout;
    expect(forced).toContain('<saml:Assertion MajorVersion="1" MinorVersion="1"');
  });

  it('exits 2 for an unknown --version, a missing --scenario, and an unreadable file', async () => {
    const v3 = await hjsimInProcess(
      'token',
      '--scenario',
      'scenarios/adfs/baseline.yaml',
      '--version',
      '3.0',
    );
    expect(v3.code).toBe(2);
    expect(v3.stderr).toContain('Allowed choices are 1.1, 2.0');
    const none = await hjsimInProcess('token');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("required option '--scenario <file>' not specified");
    const missing = await hjsimInProcess('token', '--scenario', 'no/such.yaml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read scenario file');
  });
});
