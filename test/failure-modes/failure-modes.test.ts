/**
 * The failure modes customers hit (issue 18, docs/failure-modes.md): each scenario tagged
 * `failure-modes` names its public source (or why it is modeled) and holds its expectations, and
 * each knob matters — the same scenario without it behaves like the baseline.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { loadScenario } from '../../src/scenario/language/load-scenario.ts';
import { runLoadedScenario, runScenarioFile } from '../../src/scenario/run/run-scenario.ts';
import type { Scenario } from '../../src/scenario/language/schema.ts';
import { closeInProcessTransport } from '../../src/transport/msw-transport.ts';

afterAll(() => closeInProcessTransport());

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? yamlFiles(join(dir, e.name))
      : e.name.endsWith('.yaml')
        ? [join(dir, e.name)]
        : [],
  );
}

const failureModes = yamlFiles(join(PACKAGE_ROOT, 'scenarios')).filter((f) =>
  /^tags:.*\bfailure-modes\b/m.test(readFileSync(f, 'utf8')),
);

async function runPatched(f: string, patch: (s: Scenario) => void) {
  const loaded = await loadScenario(f);
  const scenario = structuredClone(loaded.scenario);
  patch(scenario);
  return runLoadedScenario({ ...loaded, scenario });
}

describe('failure-mode scenarios', { timeout: 60_000 }, () => {
  it('are shipped', () => {
    expect(failureModes.length).toBeGreaterThanOrEqual(4);
  });

  it.each(failureModes.map((f) => [relative(PACKAGE_ROOT, f)]))(
    '%s names its source and holds its expectations',
    async (f) => {
      const text = readFileSync(join(PACKAGE_ROOT, f), 'utf8');
      const header = text
        .split('\n')
        .filter((l) => l.startsWith('#'))
        .join('\n');
      expect(header, `${f}: a header comment with Source(s): or modeled:`).toMatch(
        /Sources?:|modeled:/,
      );
      const r = await runScenarioFile(join(PACKAGE_ROOT, f));
      expect(r.error).toBeUndefined();
      expect(r.failures).toEqual([]);
    },
  );
});

describe('each knob matters', { timeout: 60_000 }, () => {
  const at = (f: string) => join(PACKAGE_ROOT, 'scenarios', f);

  it('an AES-only domain refuses the ticket only when the service account lacks AES', async () => {
    const r = await runPatched(at('adfs/kerberos-rc4-disabled.yaml'), (s) => {
      s.idp.kerberos.aes = true;
    });
    expect(r.outcome?.joinType).toBe('federated');
  });

  it('the device object kept in Entra: DeviceAuthStatus SUCCESS and a PRT', async () => {
    const r = await runPatched(at('lifecycle/device-deleted-after-sync-scope.yaml'), (s) => {
      delete s.tenant.afterJoin;
    });
    expect(r.statusOutput).toContain('          DeviceAuthStatus : SUCCESS');
    expect(r.statusOutput).toContain('                AzureAdPrt : YES');
  });

  it('a disabled device object gets AADSTS135011 at sign-in', async () => {
    const r = await runPatched(at('lifecycle/device-deleted-after-sync-scope.yaml'), (s) => {
      s.tenant.afterJoin = { device: 'disabled' };
    });
    expect(r.statusOutput.join('\n')).toContain(
      'AADSTS135011: Device used during the authentication is disabled.',
    );
  });

  it('Windows 10 before 21H1 prints no DeviceAuthStatus and no PRT diagnostics', async () => {
    const r = await runPatched(at('lifecycle/device-deleted-after-sync-scope.yaml'), (s) => {
      s.device.os = 'windows10';
      s.device.osVersion = '10.0.18363.1556';
    });
    const status = r.statusOutput.join('\n');
    expect(status).not.toContain('DeviceAuthStatus');
    expect(status).not.toContain('AcquirePrtDiagnostics');
    expect(status).toContain('AzureAdPrt : NO');
  });

  it('the DRS that answers again lets the join through', async () => {
    const r = await runPatched(at('entra/drs-unavailable.yaml'), (s) => {
      delete s.tenant.drs;
    });
    expect(r.outcome?.joined).toBe(true);
  });
});

describe('the network between the machine and the services', () => {
  it('a proxy demanding authentication stops SYSTEM only; a user session passes', async () => {
    const { faultAnswer } = await import('../../src/client/network.ts');
    const faults = { 'enterpriseregistration.windows.net': 'proxy-auth-required' } as const;
    expect(
      faultAnswer({ faults, asSystem: true }, 'enterpriseregistration.windows.net'),
    ).toMatchObject({ status: 407 });
    expect(faultAnswer({ faults, asSystem: false }, 'enterpriseregistration.windows.net')).toBe(
      undefined,
    );
    expect(faultAnswer({ faults, asSystem: true }, 'login.microsoftonline.com')).toBe(undefined);
  });

  it('TLS inspection and an untrusted certificate fail the same way; a host name is case-blind', async () => {
    const { faultAnswer } = await import('../../src/client/network.ts');
    expect(
      faultAnswer({ faults: { 'sts.contoso.com': 'tls-inspection' } }, 'STS.contoso.com'),
    ).toEqual({
      failure: 'secure-failure',
    });
    expect(
      faultAnswer({ faults: { 'sts.contoso.com': 'untrusted-certificate' } }, 'sts.contoso.com'),
    ).toEqual({ failure: 'secure-failure' });
  });
});
