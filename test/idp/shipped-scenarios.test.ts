/**
 * What the shipped IdP scenarios do on the wire, beyond their `expect` blocks: which STS endpoint
 * the client used, what the IdP put in the token, and which check mock Entra failed.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { runScenarioFile } from '../../src/scenario/run/run-scenario.ts';
import { parseRstr } from '../../src/protocol/wstrust/rstr.ts';

const run = (file: string) => runScenarioFile(join(PACKAGE_ROOT, 'scenarios', file));

const stsCalls = (r: Awaited<ReturnType<typeof run>>) =>
  r.exchanges
    .filter((e) => e.party === 'mock-idp' && e.method === 'POST')
    .map((e) => `${new URL(e.url).pathname} ${e.status}`);

function tokenOf(r: Awaited<ReturnType<typeof run>>): string {
  const rstr = r.exchanges.find(
    (e) => e.party === 'mock-idp' && e.status === 200 && e.method === 'POST',
  );
  const parsed = parseRstr(rstr?.responseBody ?? '');
  if (parsed.kind !== 'token') throw new Error('no token');
  return parsed.assertionXml;
}

describe('shipped IdP scenarios on the wire', () => {
  it('AD FS baseline: WS-Trust 1.3 windowstransport; 2005-only MEX: the 2005 endpoint', async () => {
    expect(stsCalls(await run('adfs/baseline.yaml'))).toEqual([
      '/adfs/services/trust/13/windowstransport 200',
    ]);
    expect(stsCalls(await run('idp/mex-2005-only.yaml'))).toEqual([
      '/adfs/services/trust/2005/windowstransport 200',
    ]);
  });

  it('two domains: the issuerid rule names contoso.com, and AD FS puts it in the Issuer, not in an attribute (AADIBLOG)', async () => {
    const xml = tokenOf(await run('adfs/multiple-domains.yaml'));
    expect(xml).toContain('Issuer="http://contoso.com/adfs/services/trust/"');
    expect(xml).not.toContain('AttributeName="issuerid"');
  });

  it('leftover UPN-based rule: the computer token has no issuerid and Entra fails the issuer check', async () => {
    const r = await run('adfs/leftover-issuerid-rule.yaml');
    expect(tokenOf(r)).not.toContain('issuerid');
    expect(r.entraLog.join('\n')).toContain("check 'issuer' failed: AADSTS50107");
  });

  it('Kerberos without AES: the STS answered a FailedAuthentication fault, no token request', async () => {
    const r = await run('idp/kerberos-aes-off.yaml');
    expect(stsCalls(r)).toEqual([`/wsf/sts/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e 500`]);
    expect(r.exchanges.some((e) => e.url.endsWith('/common/oauth2/token'))).toBe(false);
  });

  it('post-only MEX: the GET got 405; html MEX: 200 text/html', async () => {
    const post = await run('idp/mex-post-only.yaml');
    expect(post.exchanges.find((e) => e.url.endsWith('/adfs/services/trust/mex'))?.status).toBe(
      405,
    );
    const html = await run('idp/mex-html.yaml');
    const mex = html.exchanges.find((e) => e.url.endsWith('/adfs/services/trust/mex'));
    expect(mex?.responseHeaders['content-type']).toMatch(/^text\/html/);
  });
});
