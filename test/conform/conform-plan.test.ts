/**
 * `hjsim conform` against hjsim's mock IdP served as a separate process (`hjsim serve --tls
 * --clock now`, real sockets and TLS trusting certs/tls-ca.crt): the correctly configured PingOne
 * and AD FS baselines pass every check, and each shipped misconfiguration fails exactly the check
 * that names it — every other check PASSED, or a WARNING / SKIPPED the row explains.
 *
 * The expectations come from the seed and research/protocol.md, not from conform's own output:
 * each row cites why that check, and only that one, must fail. The served scenario is the shipped
 * one plus the computer account's password (`device.accountPassword`), so that conform signs in
 * with WS-Trust usernamemixed as `NAME$` — the credentials path a real IdP is tested with; the
 * Kerberos-AES row uses modeled Kerberos, the one path that can show it.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { conformCommand } from '../../src/tools/cli/conform-command.ts';
import type { CheckId } from '../../src/tools/conform/conform-checks.ts';
import { CONFORM_CHECKS } from '../../src/tools/conform/conform-checks.ts';
import type { ConformReport, Verdict } from '../../src/tools/conform/conform-report.ts';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { loadScenario } from '../../src/scenario/language/load-scenario.ts';
import { closeInProcessTransport } from '../../src/transport/msw-transport.ts';
import { scratchDir, serveIdp, TEST_CA } from '../support/serve-process.ts';

const PASSWORD = 'Computer-Pa55!';
const PASSWORD_ENV = 'HJSIM_TEST_COMPUTER_PASSWORD';
const scratch = scratchDir();

afterAll(() => {
  closeInProcessTransport();
  scratch.remove();
});

interface Row {
  readonly file: string;
  /** The checks that must fail, and why (seed / research). */
  readonly fails: readonly CheckId[];
  readonly why: string;
  readonly warns?: readonly CheckId[];
  /** An early failure leaves no token: every check after it is SKIPPED. */
  readonly skipsAfter?: CheckId;
  readonly auth?: 'modeled-kerberos';
}

const SEED = 'PingOne seed, "Attribute mappings reference" / "dsregcmd /join /debug failed"';

const ROWS: readonly Row[] = [
  { file: 'pingone/baseline.yaml', fails: [], why: "the seed's successful join configuration" },
  { file: 'adfs/baseline.yaml', fails: [], why: "the hybrid join manual's AD FS rules" },
  {
    file: 'pingone/accounttype-wrong-nameformat.yaml',
    fails: ['claims.accounttype'],
    why: `${SEED}: accounttype NameFormat must be http://schemas.microsoft.com/ws/2012/01 → AADSTS51004`,
  },
  {
    file: 'pingone/onpremobjectguid-wrong-nameformat.yaml',
    fails: ['claims.onpremobjectguid'],
    why: `${SEED}: onpremobjectguid NameFormat http://schemas.microsoft.com/identity/claims`,
  },
  {
    file: 'pingone/primarysid-omitted.yaml',
    fails: ['claims.primarysid'],
    why: `${SEED}: primarysid must be mapped (objectSid) → AADSTS51004`,
  },
  {
    file: 'pingone/primarysid-wrong-nameformat.yaml',
    fails: ['claims.primarysid'],
    why: `${SEED}: primarysid NameFormat http://schemas.microsoft.com/ws/2008/06/identity/claims`,
  },
  {
    file: 'idp/guid-big-endian.yaml',
    fails: ['claims.onpremobjectguid'],
    why: `${SEED}: #string.uuidAsBase64Guid; [HJM] [AADI] [DVRJ] [WIKI]: .NET Guid.ToByteArray() order`,
  },
  {
    file: 'idp/pingone-mex-url-without-13.yaml',
    fails: ['mex.windowstransport'],
    why: 'PingOne seed "Federation settings issue": /wsf/mex/ has no WS-Trust 1.3 Windows-auth endpoint (0xcaa90022)',
  },
  {
    file: 'entra/issuer-mismatch.yaml',
    fails: ['saml.issuer'],
    why: '[ERR]: Issuer must equal issuerUri exactly, a trailing slash counts (AADSTS50107)',
  },
  {
    file: 'adfs/leftover-issuerid-rule.yaml',
    fails: ['saml.issuer'],
    why: '[HJM] [AADI] [DVRJ] [WIKI] (HJM Remarks): a UPN-based issuerid rule issues nothing for computers → AADSTS50107',
  },
  {
    file: 'entra/certificate-rollover-without-next-signing-certificate.yaml',
    fails: ['saml.signing-certificate'],
    why: 'DESIGN catalogue (blog.rmilne.ca): a key neither signingCertificate nor next → AADSTS5000811',
  },
  {
    file: 'entra/certificate-rollover-with-next-signing-certificate.yaml',
    fails: [],
    why: 'the new key is registered as nextSigningCertificate: accepted',
  },
  {
    file: 'entra/expired-assertion.yaml',
    fails: ['saml.validity'],
    why: '[ERR]: outside NotBefore/NotOnOrAfter beyond the skew → AADSTS70002/500133',
  },
  {
    file: 'entra/clock-skew-inside-tolerance.yaml',
    fails: [],
    warns: ['saml.validity'],
    why: 'NotBefore 4 minutes ahead: inside the 5-minute skew, accepted, worth a warning',
  },
  {
    file: 'idp/tokentype-samlv11.yaml',
    fails: ['wstrust.token-type'],
    why: '[PING] (MSAL.NET #1871): #SAMLV1.1 → saml2-bearer → AADSTS7500514',
  },
  {
    file: 'entra/saml2-token-with-saml1_1-bearer.yaml',
    fails: ['wstrust.token-type'],
    why: '[ERR]: a SAML 2.0 assertion labelled SAML 1.0 is read as SAML 1.1 → AADSTS50008',
  },
  {
    file: 'entra/wrong-audience.yaml',
    fails: ['saml.audience'],
    why: 'DESIGN fidelity rules: audience urn:federation:MicrosoftOnline (code modeled)',
  },
  {
    file: 'idp/nameidentifier-omitted.yaml',
    fails: ['saml.subject'],
    why: '[ERR]: AADSTS90020, the assertion is missing the ImmutableID',
  },
  {
    file: 'idp/samlp-domain.yaml',
    fails: ['federation.protocol'],
    why: '[TSC] [MSALPY] [ADALN] [AADI] [DSRT]: federation_protocol must be WSTrust (0xcaa90017)',
  },
  {
    file: 'idp/unknown-relying-party.yaml',
    fails: ['wstrust.rst'],
    skipsAfter: 'wstrust.rst',
    why: 'DESIGN catalogue (ADAL python #240): ID3082 SOAP fault, 0xcaa90014; no token to judge after it',
  },
  {
    file: 'idp/mex-no-windows-auth.yaml',
    fails: ['mex.windowstransport'],
    why: '[HJM] [MSALPY] [ADALN] [DSRT] [WINRT]: no NegotiateAuthentication port → 0xcaa90022 (usernamemixed still there)',
  },
  {
    file: 'idp/mex-2005-only.yaml',
    fails: [],
    warns: ['mex.windowstransport'],
    why: 'HJM accepts a 2005 windowstransport endpoint; ADAL asks for 1.3: a warning',
  },
  {
    file: 'idp/mex-html.yaml',
    fails: ['mex.fetch'],
    skipsAfter: 'mex.fetch',
    why: '[HJM] [MSALPY] [ADALN] [DSRT] [WINRT]: an HTML page for the MEX → 0xcaa9002c; nothing after it can be judged',
  },
  {
    file: 'idp/kerberos-aes-off.yaml',
    auth: 'modeled-kerberos',
    fails: ['wstrust.rst'],
    skipsAfter: 'wstrust.rst',
    why: 'PingOne seed "Kerberos service account and AES encryption": Windows auth refused (0xcaa90014)',
  },
];

async function conform(
  served: string,
  scenario: string,
  row: Pick<Row, 'auth'>,
): Promise<{ code: number; report: ConformReport; err: string }> {
  const s = (await loadScenario(scenario)).scenario;
  const domain = s.tenant.domains.find((d) => d.federation)!;
  const mexPath = new URL(domain.federation!.metadataExchangeUri).pathname;
  let out = '';
  let err = '';
  const code = await conformCommand(
    {
      idpMex: `${served}${mexPath}`,
      scenario,
      ca: TEST_CA,
      reporter: 'json',
      ...(row.auth === 'modeled-kerberos'
        ? { auth: 'modeled-kerberos' as const }
        : { username: `${s.device.name}$`, passwordEnv: PASSWORD_ENV }),
    },
    {
      out: (t) => (out += t),
      err: (t) => (err += t),
      env: { [PASSWORD_ENV]: PASSWORD },
      color: false,
    },
  );
  expect(err, 'conform printed an input error').toBe('');
  return { code, report: JSON.parse(out) as ConformReport, err };
}

/** The shipped scenario plus the computer account's password: what the "external" IdP serves. */
function withComputerPassword(file: string): string {
  return scratch.write(
    file.replace(/[/.]/g, '-'),
    `extends: ${join(PACKAGE_ROOT, 'scenarios', file)}\ndevice:\n  accountPassword: '${PASSWORD}'\n`,
  );
}

describe(
  'hjsim conform against hjsim serve (a separate process, HTTPS)',
  { timeout: 90_000 },
  () => {
    it.each(ROWS)('$file: fails $fails', async (row) => {
      const scenario = withComputerPassword(row.file);
      const served = await serveIdp(scenario, '--clock', 'now');
      let result;
      try {
        result = await conform(served.base, scenario, row);
      } finally {
        expect(await served.stop()).toBe(0);
      }
      const verdicts = new Map<CheckId, Verdict>(
        result.report.checks.map((c) => [c.id, c.verdict]),
      );
      const ids = CONFORM_CHECKS.map((c) => c.id);
      const after = row.skipsAfter ? ids.indexOf(row.skipsAfter) : ids.length;
      const want = new Map<CheckId, Verdict>(
        ids.map((id, i) => [
          id,
          row.fails.includes(id)
            ? 'FAILED'
            : row.warns?.includes(id)
              ? 'WARNING'
              : i > after
                ? 'SKIPPED'
                : 'PASSED',
        ]),
      );
      expect(Object.fromEntries(verdicts), row.why).toEqual(Object.fromEntries(want));
      expect(result.code).toBe(row.fails.length ? 1 : 0);
      // Every non-PASSED check says what it saw, against what, and where the rule comes from.
      for (const c of result.report.checks.filter((x) => x.verdict !== 'PASSED')) {
        expect(c.evidence.seen, c.id).not.toBe('');
        expect(c.provenance, c.id).toBeDefined();
        if (c.verdict === 'FAILED') expect(c.symptom, c.id).toMatch(/AADSTS|0x[0-9a-f]{8}/);
        if (c.verdict === 'WARNING') expect(c.why, c.id).toBeTruthy();
      }
      expect(JSON.stringify(result.report)).not.toContain(PASSWORD);
    });

    it('says what it saw: the seed NameFormat case names the namespace it found', async () => {
      const scenario = withComputerPassword('pingone/accounttype-wrong-nameformat.yaml');
      const served = await serveIdp(scenario, '--clock', 'now');
      try {
        const { report } = await conform(served.base, scenario, {});
        const check = report.checks.find((c) => c.id === 'claims.accounttype')!;
        expect(check.evidence.seen).toContain(
          'accounttype is issued as http://schemas.microsoft.com/ws/2008/06/identity/claims/accounttype',
        );
        expect(check.symptom).toContain('AADSTS51004');
        expect(Object.keys(check.fix ?? {})).toContain('PingOne');
        const entra = report.checks.find((c) => c.id === 'entra.verdict')!;
        expect(entra.evidence.seen).toContain("AADSTS51004 at check 'device claims'");
        expect(report.target).toMatchObject({ auth: 'usernamemixed', username: 'IMOK-HYJD$' });
      } finally {
        await served.stop();
      }
    });
  },
);
