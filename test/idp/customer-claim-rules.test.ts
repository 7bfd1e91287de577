/**
 * A scenario carrying the customer's own IssuanceTransformRules: AD FS's parse errors at load
 * (line, column, what was expected), a missing rules file, and the token the rules produce for a
 * computer with a UPN (the shape of the AADIBLOG capture), which mock Entra accepts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { runScenarioFile } from '../../src/scenario/run/run-scenario.ts';
import { parseRstr } from '../../src/protocol/wstrust/rstr.ts';

const dir = mkdtempSync(join(tmpdir(), 'hjsim-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BASE = join(PACKAGE_ROOT, 'scenarios/adfs/baseline.yaml');

function scenario(name: string, adfs: string): string {
  const file = join(dir, name);
  writeFileSync(file, `extends: ${BASE}\nname: ${name}\nidp:\n  adfs:\n${adfs}`);
  return file;
}

describe('idp.adfs.issuanceTransformRules', () => {
  it('a rule AD FS would refuse: the scenario errors with POLICY0002, the line and column', async () => {
    const file = scenario(
      'bad.yaml',
      '    issuanceTransformRules: |\n      @RuleName = "x"\n      c1;[Type == "a"] => issue(claim = c1);\n',
    );
    const r = await runScenarioFile(file);
    expect(r.status).toBe('error');
    expect(r.error?.code).toBe('ERR_SCENARIO_INVALID');
    expect(r.error?.message).toContain(
      'POLICY0002: Could not parse policy data. Line number: 2, Column number: 2, Error token: ;.',
    );
    expect(r.error?.message).toContain("expecting one of the following: ':'");
  });

  it('a rules file that does not exist: the scenario errors naming the field', async () => {
    const r = await runScenarioFile(
      scenario('missing.yaml', '    issuanceTransformRules: nowhere.rules.txt\n'),
    );
    expect(r.status).toBe('error');
    expect(r.error?.message).toMatch(/cannot read the claim rules file .*nowhere\.rules\.txt/);
  });

  it("a computer with a UPN gets the captured token's claims in the captured order, and joins federated", async () => {
    const r = await runScenarioFile(join(PACKAGE_ROOT, 'scenarios/adfs/device-with-upn.yaml'));
    const rstr = r.exchanges.find(
      (e) => e.party === 'mock-idp' && e.status === 200 && e.method === 'POST',
    );
    const parsed = parseRstr(rstr?.responseBody ?? '');
    if (parsed.kind !== 'token') throw new Error('no token');
    const names = [...parsed.assertionXml.matchAll(/AttributeName="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual([
      'UPN',
      'ImmutableID',
      'accounttype',
      'onpremobjectguid',
      'primarysid',
      'insidecorporatenetwork',
    ]);
    expect(parsed.assertionXml).toContain(
      '<saml:AttributeValue>CONTOSO-PC01$@contoso.com</saml:AttributeValue>',
    );
    expect(parsed.assertionXml).toContain('Issuer="http://contoso.com/adfs/services/trust/"');
    expect(parsed.assertionXml).toContain('<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">');
    expect(r.outcome?.joinType).toBe('federated');
  });
});
