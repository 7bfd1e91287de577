/**
 * hjsim reproduce over test/fixtures/reproduce/<case>/: customer-shaped artifacts written from
 * public facts (the manual's rules and Remarks [HJM], PingOne's reference mappings and transcript
 * lines [PING], AADSTS50107/51004/90020 wordings [AZD44932] [ERR]). Every case named differs-* has
 * artifacts that disagree with the logs: the verdict names the difference; every other case is
 * reproduced. Output goes to a temporary folder, never into the fixtures.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { runReproduce } from '../../src/tools/cli/reproduce.ts';
import {
  recogniseArtifact,
  rulesFromTrustListing,
} from '../../src/tools/diagnose/reproduce/recognise-artifact.ts';
import { compareSymptoms } from '../../src/tools/diagnose/reproduce/symptom.ts';

const FIXTURES = join(PACKAGE_ROOT, 'test/fixtures/reproduce');
const tmp = mkdtempSync(join(tmpdir(), 'hjsim-reproduce-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const cases = readdirSync(FIXTURES).sort();

async function reproduce(name: string, fix = false) {
  const lines: string[] = [];
  const out = join(tmp, name);
  const code = await runReproduce(
    [join(FIXTURES, name)],
    { out, ...(fix ? { fix } : {}) },
    {
      out: (s) => lines.push(s),
      err: (s) => lines.push(s),
    },
  );
  return { code, text: lines.join('\n'), out };
}

describe('hjsim reproduce: the customer cases', () => {
  it('has at least 10 cases that reproduce and some that disagree', () => {
    expect(cases.filter((c) => !c.startsWith('differs-')).length).toBeGreaterThanOrEqual(10);
    expect(cases.filter((c) => c.startsWith('differs-')).length).toBeGreaterThanOrEqual(2);
  });

  it.each(cases.filter((c) => !c.startsWith('differs-')))('%s: reproduced', async (name) => {
    const r = await reproduce(name);
    expect(r.text).toContain('verdict: reproduced');
    expect(r.code).toBe(0);
  });

  it.each(cases.filter((c) => c.startsWith('differs-')))(
    '%s: differs, with the difference and the causes named',
    async (name) => {
      const r = await reproduce(name);
      expect(r.code).toBe(1);
      expect(r.text).toContain('verdict: differs');
      expect(r.text).toMatch(
        /AADSTS codes: the customer's logs show AADSTS\d+, the simulation none/,
      );
      expect(r.text).toContain("causes diagnose reads in the customer's logs");
    },
  );

  it('writes the scenario and the rules so the engineer can change one thing and rerun; --fix writes a change that joins', async () => {
    const r = await reproduce('adfs-leftover-issuerid', true);
    const yaml = readFileSync(join(r.out, 'scenario.yaml'), 'utf8');
    expect(yaml).toContain('issuanceTransformRules: issuance-transform-rules.txt');
    expect(yaml).toContain('multipleDomains: true');
    expect(readFileSync(join(r.out, 'issuance-transform-rules.txt'), 'utf8')).toContain(
      'c:[Type == "http://schemas.xmlsoap.org/claims/UPN"]',
    );
    expect(r.text).toMatch(/fix fix-issuer-not-registered\.yaml: .* → federated join succeeds/);
    const fixed = readFileSync(join(r.out, 'fix-issuer-not-registered.rules.txt'), 'utf8');
    expect(fixed).toContain('Issue issuerID for domain-joined computers');
  });

  it('PingOne: the mapping JSON drives the scenario; --fix sets the reference NameFormats', async () => {
    const r = await reproduce('pingone-accounttype-default-nameformat', true);
    expect(readFileSync(join(r.out, 'scenario.yaml'), 'utf8')).toContain('attributeMappings:');
    expect(r.text).toMatch(
      /fix fix-device-claims-not-recognised\.yaml: .* → federated join succeeds/,
    );
  });

  it('without a log or without federation settings: exit 2 and what to add', async () => {
    const lines: string[] = [];
    const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s) };
    const dir = join(FIXTURES, 'adfs-accounttype-rid-516');
    expect(
      await runReproduce(
        [join(dir, 'federation.txt'), join(dir, 'rules.txt')],
        { out: join(tmp, 'x') },
        io,
      ),
    ).toBe(2);
    expect(lines.join('\n')).toContain('no customer log among the artifacts');
    expect(
      await runReproduce(
        [join(dir, 'rules.txt'), join(dir, 'dsregcmd-join-debug.txt')],
        { out: join(tmp, 'y') },
        io,
      ),
    ).toBe(2);
    expect(lines.join('\n')).toContain('no federation settings among the artifacts');
  });
});

describe('artifact recognition and symptom comparison', () => {
  it('takes the IssuanceTransformRules out of a trust listing, up to the next property', () => {
    const text =
      'Name : Microsoft Office 365 Identity Platform\nIssuanceTransformRules : @RuleName = "a"\n=> issue(Type = "t", Value = "v");\n\nSignatureAlgorithm : http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\n';
    expect(rulesFromTrustListing(text)).toBe('@RuleName = "a"\n=> issue(Type = "t", Value = "v");');
    expect(recogniseArtifact('rp.txt', text).kind).toBe('claim-rules');
    expect(recogniseArtifact('x.json', '[{"name":"accounttype","value":"\\"DJ\\""}]').kind).toBe(
      'pingone-mappings',
    );
    expect(recogniseArtifact('n.txt', 'hello').kind).toBe('unknown');
  });

  it('names each difference: codes, HRESULTs, phase, fallback, joined', () => {
    const d = compareSymptoms(
      { aadsts: [51004], hresults: ['0xcaa20003'], phase: 'auth', fallback: false, joined: false },
      { aadsts: [], hresults: [], fallback: true, joined: true },
    );
    expect(d).toHaveLength(5);
    expect(
      compareSymptoms(
        { aadsts: [], hresults: [], fallback: false },
        { aadsts: [], hresults: ['0x1'], fallback: false, joined: true },
      ),
    ).toEqual([]);
  });
});
