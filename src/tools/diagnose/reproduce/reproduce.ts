/**
 * `hjsim reproduce`: the customer's artifacts in, one scenario and a verdict out. The configuration
 * artifacts (federation settings, AD FS rules, PingOne mappings) build the scenario through
 * `hjsim import`'s plan; the logs (dsregcmd, Event Viewer, AADSTS bodies) give the device's
 * context and the symptom. The scenario runs; its symptom (AADSTS codes, HRESULTs, error phase,
 * fallback, joined) is compared with the customer's: "reproduced", or what differs and the causes
 * diagnose reads in the customer's logs.
 * @see docs/reproduce.md; [DSR] [TSC] (phases, fallback); [HJM] (the multiple-domain IssuerUri form)
 * modeled: an IssuerUri of the form http://<domain>/adfs/services/trust/ on an AD FS whose host is
 *   another name means -SupportMultipleDomain; AD FS's own identifier is http://<host>/adfs/services/trust.
 */
import { stringify } from 'yaml';
import { Facts } from '../../../protocol/causes/facts.ts';
import { diagnoseText } from '../diagnose.ts';
import { planImport, type ImportProfile } from '../import/import-federation.ts';
import { parseFederationList } from '../import/parse-federation-list.ts';
import { parsePingOneMappings } from '../import/pingone-attribute-json.ts';
import type { Finding } from '../rank-causes.ts';
import type { Artifact } from './recognise-artifact.ts';
import { symptomOfLogs, type Symptom } from './symptom.ts';
import { HR } from '../../../protocol/hresult/catalog.ts';

export interface ReproducePlan {
  readonly profile: ImportProfile;
  readonly domain: string;
  readonly scenario: Record<string, unknown>;
  /** The scenario file's text (YAML with a header). */
  readonly yaml: string;
  /** Customer rule text to write as issuance-transform-rules.txt. */
  readonly rules?: string;
  readonly customer: Symptom;
  readonly findings: readonly Finding[];
  /** What was taken from where, for the report. */
  readonly notes: readonly string[];
}

export type PlanResult = { ok: true; plan: ReproducePlan } | { ok: false; message: string };

export const RULES_FILE = 'issuance-transform-rules.txt';

function firstMatch(text: string, re: RegExp): string | undefined {
  return re.exec(text)?.[1];
}

export function planReproduction(artifacts: readonly Artifact[], now = new Date()): PlanResult {
  const settings = artifacts.filter((a) => a.kind === 'federation-settings');
  const rules = artifacts.filter((a) => a.kind === 'claim-rules');
  const mappings = artifacts.filter((a) => a.kind === 'pingone-mappings');
  const logs = artifacts.filter((a) => a.kind === 'log');
  const notes: string[] = [];
  if (settings.length === 0)
    return {
      ok: false,
      message:
        'no federation settings among the artifacts: add the output of Get-MgDomainFederationConfiguration -DomainId <domain> | Format-List (it says which IdP and URLs the device is sent to)',
    };
  if (logs.length === 0)
    return {
      ok: false,
      message:
        "no customer log among the artifacts: add dsregcmd /join /debug, dsregcmd /status or the User Device Registration events, so the simulated symptom can be compared with the customer's",
    };
  if (settings.length > 1) notes.push(`several federation listings: using ${settings[0]!.name}`);
  const profile: ImportProfile | undefined =
    rules.length > 0 ? 'adfs' : mappings.length > 0 ? 'pingone' : undefined;
  const imported = planImport(parseFederationList(settings[0]!.text), {
    ...(profile ? { profile } : {}),
    now,
  });
  if (!imported.ok) return { ok: false, message: `${settings[0]!.name}: ${imported.message}` };
  const plan = imported.plan;
  const scenario = structuredClone(plan.scenario) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  notes.push(
    `${settings[0]!.name}: federation settings of ${plan.domain} (profile ${plan.profile}${profile ? ', from the other artifacts' : ', from the URLs'})`,
  );

  const logText = logs.map((l) => l.text).join('\n');
  const facts = new Facts();
  const findings: Finding[] = [];
  for (const l of logs) {
    const d = diagnoseText(l.text, now);
    if (!d.ok) continue;
    for (const o of d.diagnosis.facts.all())
      for (const e of o.evidence.length ? o.evidence : [undefined]) facts.add(o.key, e);
    for (const f of d.diagnosis.findings)
      if (!findings.some((x) => x.cause.id === f.cause.id)) findings.push(f);
    notes.push(`${l.name}: ${d.diagnosis.kinds.join(', ')}`);
  }
  const customer = symptomOfLogs(facts, logText);

  // The device's context, where the logs say it.
  const tenantId =
    firstMatch(logText, /TenantId\s*:\s*([0-9a-f-]{36})/i) ??
    firstMatch(logText, /Tenan[dt]ID\s*=\s*([0-9a-f-]{36})/i);
  if (tenantId) {
    scenario.tenant.id = tenantId;
    scenario.onprem.scp.azureADId = tenantId;
  }
  const deviceName = firstMatch(logText, /Device\s+Name\s*:\s*([A-Za-z0-9-]{1,15})/);
  if (deviceName) scenario.device.name = deviceName.toUpperCase();
  const fellBack = customer.fallback;
  scenario.device.fallbackToSyncJoin = fellBack;
  scenario.device.syncedToEntra = !logText.toLowerCase().includes(HR.DSREG_E_DIRECTORY_FAILURE);
  notes.push(
    `device: ${scenario.device.name}, FallbackToSyncJoin ${fellBack ? 'on (the logs show the fallback)' : 'off (no fallback in the logs)'}${tenantId ? `, tenant ${tenantId}` : ''}`,
  );

  let ruleText: string | undefined;
  if (plan.profile === 'adfs') {
    const issuer = String(scenario.tenant.domains[0].federation.issuerUri);
    const multi =
      new RegExp(`^http://${plan.domain.replace(/\./g, '\\.')}/adfs/services/trust/$`, 'i').test(
        issuer,
      ) && plan.host.toLowerCase() !== plan.domain.toLowerCase();
    scenario.idp.issuer = `http://${plan.host}/adfs/services/trust`;
    scenario.idp.adfs = { multipleDomains: multi };
    if (rules.length > 0) {
      ruleText = rules.map((r) => r.text).join('\n\n');
      scenario.idp.adfs.issuanceTransformRules = RULES_FILE;
      notes.push(
        `${rules.map((r) => r.name).join(', ')}: the relying party trust's IssuanceTransformRules (${RULES_FILE})`,
      );
    } else notes.push("no claim rules among the artifacts: the built-in rules (the manual's) run");
  }
  if (plan.profile === 'pingone' && mappings.length > 0) {
    const m = parsePingOneMappings(mappings[0]!.text);
    if (!m.ok) return { ok: false, message: `${mappings[0]!.name}: ${m.message}` };
    scenario.idp.pingone = { attributeMappings: m.mappings };
    notes.push(`${mappings[0]!.name}: ${m.mappings.length} PingOne attribute mappings`);
  }
  scenario.name = `Reproduction of ${plan.domain}'s hybrid join symptom (${plan.profile === 'adfs' ? 'AD FS' : 'PingOne'})`;
  scenario.description =
    'Generated by hjsim reproduce from the customer artifacts; expect holds the symptom seen in their logs.';
  scenario.tags = ['reproduced', plan.profile];
  scenario.expect = {
    ...(customer.joined === undefined ? {} : { joined: customer.joined }),
    aadsts: customer.aadsts,
    fallbackAttempted: customer.fallback,
    ...(customer.phase &&
    ['pre-check', 'discover', 'auth', 'join', 'post_join'].includes(customer.phase)
      ? { errorPhase: customer.phase }
      : {}),
  };
  const header = [
    '# Built by hjsim reproduce from the customer artifacts (see reproduce-report.txt).',
    "# expect: is the customer's symptom; `hjsim run` passes while the simulation still shows it.",
    '# Change one thing (a rule, a mapping, a URL) and run it again; fix-*.yaml are ready-made changes.',
    "# signingCertificate is hjsim's TEST ONLY certificate (the customer's cannot be checked offline).",
  ];
  return {
    ok: true,
    plan: {
      profile: plan.profile,
      domain: plan.domain,
      scenario,
      yaml: `${header.join('\n')}\n${stringify(scenario, { lineWidth: 0 })}`,
      ...(ruleText ? { rules: ruleText } : {}),
      customer,
      findings,
      notes,
    },
  };
}
