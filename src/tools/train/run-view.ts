/**
 * Turns a scenario result into what the trainer page draws: the sequence of messages between the
 * client, AD, DRS, Entra and the IdP (the first failure marked), each HTTP exchange decoded, and
 * the client's outputs. The on-prem steps (DC locator, SCP read, Kerberos ticket) are not HTTP:
 * they are read back from what the client printed and from the scenario's on-prem model.
 */
import { DRS_HOST, LOGIN_HOST } from '../../protocol/entra-names.ts';
import type { Scenario } from '../../scenario/language/schema.ts';
import type { ScenarioResult } from '../../scenario/run/run-scenario.ts';
import type { Exchange } from '../../transport/dispatch.ts';
import type { ExchangeView, FaultEntry, Lane, RunView, SequenceMessage } from './api-types.ts';
import type { DeviceHint } from './check-claims.ts';
import { decodeRequest, decodeResponse } from './decode-message.ts';
import { HR } from '../../protocol/hresult/catalog.ts';

export function laneOf(e: Pick<Exchange, 'url' | 'party'>): Lane {
  let host = '';
  try {
    host = new URL(e.url).hostname.toLowerCase();
  } catch {
    // fall back on the party name
  }
  if (host === DRS_HOST || /drs/i.test(e.party)) return 'drs';
  if (host === LOGIN_HOST || /entra|login|graph/i.test(e.party)) return 'entra';
  return 'idp';
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname;
  } catch {
    return url;
  }
}

/** The events Event Viewer shows, when the result carries them (the client renders them from issue 5 on). */
export function eventLogOf(result: ScenarioResult): readonly string[] | undefined {
  const log = (result as { readonly eventLog?: unknown }).eventLog;
  return Array.isArray(log) && log.length > 0 && log.every((l) => typeof l === 'string')
    ? log
    : undefined;
}

function viewExchange(e: Exchange, index: number, device?: DeviceHint): ExchangeView {
  const request = decodeRequest(e, device);
  const response = decodeResponse(e, device);
  return {
    index,
    lane: laneOf(e),
    party: e.party,
    method: e.method,
    url: e.url,
    status: e.status,
    requestHeaders: e.requestHeaders,
    responseHeaders: e.responseHeaders,
    request,
    response,
    failed: e.status >= 400 || response.kind === 'soap-fault' || e.internalError !== undefined,
    ...(e.internalError === undefined ? {} : { internalError: e.internalError }),
  };
}

type Draft = Omit<SequenceMessage, 'id' | 'failingStep'>;

function onPremSteps(scenario: Scenario | undefined, transcript: readonly string[]): Draft[] {
  const text = transcript.join('\n');
  const out: Draft[] = [];
  const dcOk = /DsGetDcName success \{[^}]*domainController:([^ ]+)/.exec(text);
  const dcFailed = /DsGetDcName failed|isDcAvailable: NO/.test(text);
  if (!dcOk && !dcFailed) return out;
  const domain = scenario?.onprem.domain ?? '';
  out.push({
    from: 'client',
    to: 'ad',
    direction: 'request',
    label: 'DsGetDcName',
    failed: false,
    detail: [`DC locator: find a domain controller of ${domain || 'the computer’s domain'}.`],
  });
  if (!dcOk) {
    out.push({
      from: 'ad',
      to: 'client',
      direction: 'response',
      label: 'no domain controller',
      failed: true,
      detail: ['No DC answered: the pre-check stops the join (isDcAvailable: NO).'],
    });
    return out;
  }
  out.push({
    from: 'ad',
    to: 'client',
    direction: 'response',
    label: `DC ${dcOk[1]!.replace(/^\\+/, '').split('.')[0]}`,
    failed: false,
    detail: [`DsGetDcName found ${dcOk[1]!.replace(/^\\+/, '')}.`],
  });
  const scp = scenario?.onprem.scp;
  const registry = scenario?.onprem.registry;
  out.push({
    from: 'client',
    to: 'ad',
    direction: 'request',
    label: 'LDAP read SCP',
    failed: false,
    detail: [
      'Read the keywords of CN=62a0ff2e-97b9-4513-943f-0d221bd30080,CN=Device Registration Configuration,CN=Services in the configuration partition.',
      ...(registry
        ? [
            `The CDJ\\AAD registry override is set (${Object.entries(registry)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ')}): it wins over the SCP.`,
          ]
        : []),
    ],
  });
  const scpFailed =
    text.includes('Failed to read the registration service information') ||
    text.includes(HR.DSREG_AUTOJOIN_ADCONFIG_READ_FAILED);
  out.push({
    from: 'ad',
    to: 'client',
    direction: 'response',
    label: scpFailed ? 'SCP not readable' : 'SCP keywords',
    failed: scpFailed,
    detail:
      typeof scp === 'object'
        ? Object.entries(scp).map(([k, v]) => `${k}:${v}`)
        : [`SCP: ${scp ?? 'unknown'}`],
  });
  return out;
}

function kerberosSteps(v: ExchangeView): Draft[] {
  if (!v.request.negotiate) return [];
  const spn = /^service principal: (.*)$/.exec(v.request.negotiate[0] ?? '')?.[1] ?? 'the IdP';
  const etype = /^encryption type: (.*)$/.exec(
    v.request.negotiate.find((l) => l.startsWith('encryption type')) ?? '',
  )?.[1];
  return [
    {
      from: 'client',
      to: 'ad',
      direction: 'request',
      label: 'Kerberos TGS-REQ',
      failed: false,
      detail: [`The computer asks its KDC for a service ticket to ${spn} (modeled Kerberos).`],
    },
    {
      from: 'ad',
      to: 'client',
      direction: 'response',
      label: `ticket${etype ? ` (${etype.split('-')[0]})` : ''}`,
      failed: false,
      detail: v.request.negotiate,
    },
  ];
}

function requestLabel(v: ExchangeView): string {
  const path = pathOf(v.url);
  const short = path.length > 48 ? `…${path.slice(-46)}` : path;
  return `${v.method} ${short}${v.request.summary ? ` · ${v.request.summary}` : ''}`;
}

function responseLabel(v: ExchangeView): string {
  return `${v.status}${v.response.summary ? ` ${v.response.summary}` : ''}`;
}

export interface RunViewInput {
  readonly id: string;
  readonly scenario?: Scenario;
  readonly result: ScenarioResult;
  readonly fault?: FaultEntry;
}

export function buildRunView({ id, scenario, result, fault }: RunViewInput): RunView {
  const exchanges = result.exchanges.map((e, i) => viewExchange(e, i, scenario?.device));
  const drafts: Draft[] = [...onPremSteps(scenario, result.transcript)];
  for (const v of exchanges) {
    drafts.push(...kerberosSteps(v));
    drafts.push({
      from: 'client',
      to: v.lane,
      direction: 'request',
      label: requestLabel(v),
      exchange: v.index,
      failed: false,
    });
    drafts.push({
      from: v.lane,
      to: 'client',
      direction: 'response',
      label: responseLabel(v),
      exchange: v.index,
      failed: v.failed,
    });
  }
  const first = drafts.findIndex((d) => d.failed);
  const messages: SequenceMessage[] = drafts.map((d, i) => ({
    ...d,
    id: `m${i}`,
    failingStep: i === first,
  }));
  const o = result.outcome;
  const eventLog = eventLogOf(result);
  return {
    scenario: { id, name: result.name, tags: result.tags },
    ...(fault ? { fault } : {}),
    status: result.status,
    failures: result.failures,
    ...(result.error ? { error: result.error } : {}),
    ...(o
      ? {
          outcome: {
            joined: o.joined,
            joinType: o.joinType,
            aadsts: o.aadsts,
            hresults: o.hresults,
            fallbackAttempted: o.fallbackAttempted,
            ...(o.errorPhase ? { errorPhase: o.errorPhase } : {}),
          },
        }
      : {}),
    messages,
    exchanges,
    transcript: result.transcript,
    statusOutput: result.statusOutput,
    ...(eventLog ? { eventLog } : {}),
    entraLog: result.entraLog,
  };
}
