import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../core/keys.ts';
import { loadScenario } from './load-scenario.ts';
import { localizeScenario } from './localize-scenario.ts';

describe('localizeScenario', () => {
  it("moves the IdP's origin to the local server and leaves everything else", async () => {
    const { scenario } = await loadScenario(join(PACKAGE_ROOT, 'scenarios/pingone/baseline.yaml'));
    const local = localizeScenario(
      {
        ...scenario,
        idp: { ...scenario.idp, issuer: 'https://sso.example.com/applications/x/' },
      },
      'https://127.0.0.1:4443',
    );
    expect(local.idp.host).toBe('127.0.0.1:4443');
    expect(local.idp.issuer).toBe('https://127.0.0.1:4443/applications/x/');
    const f = local.tenant.domains[0]!.federation!;
    expect(f.metadataExchangeUri).toBe(
      'https://127.0.0.1:4443/wsf/mex13/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
    );
    expect(f.issuerUri).toBe(
      'https://127.0.0.1:4443/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
    );
    expect(f.activeSignInUri).toMatch(/^https:\/\/127\.0\.0\.1:4443\/wsf\/sts\//);
    expect(f.signingCertificate).toBe(scenario.tenant.domains[0]!.federation!.signingCertificate);
    expect(local.tenant.id).toBe(scenario.tenant.id);
  });

  it('keeps a misconfiguration: a URL on another host is not rewritten', async () => {
    const { scenario } = await loadScenario(join(PACKAGE_ROOT, 'scenarios/pingone/baseline.yaml'));
    const d = scenario.tenant.domains[0]!;
    const local = localizeScenario(
      {
        ...scenario,
        tenant: {
          ...scenario.tenant,
          domains: [
            {
              ...d,
              federation: { ...d.federation!, issuerUri: 'https://sso.example.com.evil/x' },
            },
          ],
        },
      },
      'http://127.0.0.1:8080',
    );
    expect(local.tenant.domains[0]!.federation!.issuerUri).toBe('https://sso.example.com.evil/x');
  });
});
