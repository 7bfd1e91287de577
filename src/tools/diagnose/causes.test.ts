/**
 * The cause catalogue is written in the simulator's own vocabulary: every AADSTS code and HRESULT
 * a cause names is in the catalogue the simulator answers from, every signal exists, and every
 * cause says what to fix and where its knowledge comes from. Text reading tolerates what
 * customers paste, and never throws on arbitrary input.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventEntry, UDR_CHANNEL } from '../../protocol/events/event-catalog.ts';
import { hresultEntry } from '../../protocol/hresult/catalog.ts';
import { aadstsEntries } from '../../protocol/oauth/aadsts.ts';
import { CAUSES, FIX_LABEL } from '../../protocol/causes/causes.ts';
import { PACKAGE_ROOT } from '../../core/keys.ts';
import { diagnoseText } from './diagnose.ts';
import { signalFact, type FactKey } from '../../protocol/causes/facts.ts';
import { toLogText } from './log-text.ts';
import { SIGNALS } from '../../protocol/causes/signals.ts';
import { factsOfText } from './text-facts.ts';

const keysOf = (c: (typeof CAUSES)[number]): FactKey[] => [
  ...c.when.flat(),
  ...(c.supporting ?? []),
];

describe('the cause catalogue', () => {
  it('names only codes the simulator catalogues, and signals that exist', () => {
    const codes = new Set(aadstsEntries().flatMap((e) => e.errorCodes));
    const signals = new Set(SIGNALS.map((s) => s.id));
    const unknown: string[] = [];
    for (const c of CAUSES)
      for (const k of keysOf(c)) {
        const [kind, value] = [k.slice(0, k.indexOf(':')), k.slice(k.indexOf(':') + 1)];
        if (kind === 'aadsts' && !codes.has(Number(value))) unknown.push(`${c.id}: ${k}`);
        if (kind === 'hr' && !hresultEntry(value)) unknown.push(`${c.id}: ${k}`);
        if (kind === 'sig' && !signals.has(value)) unknown.push(`${c.id}: ${k}`);
      }
    expect(unknown).toEqual([]);
  });

  it('every cause has a unique id, a fix and provenance; covers name real causes', () => {
    const ids = CAUSES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CAUSES) {
      expect(Object.keys(c.fix).length, c.id).toBeGreaterThan(0);
      expect('source' in c.provenance || 'modeled' in c.provenance, c.id).toBe(true);
      for (const covered of c.covers ?? []) expect(ids).toContain(covered);
    }
  });
});

describe('reading pasted text', () => {
  it('joins lines a console hard-wrapped at its width and strips quote prefixes', () => {
    const long = `AutoEnrollAsComputer: Unable to retrieve access token. GetComputerTokenForADRS failed with error 0xcaa90014.${'x'.repeat(40)}`;
    const wrapped = [
      long.slice(0, 80),
      long.slice(80),
      'a'.repeat(80),
      'b'.repeat(5),
      'c'.repeat(80),
      'd',
    ]
      .map((l) => `> ${l}`)
      .join('\n');
    const log = toLogText(wrapped);
    expect(log.lines[0]).toEqual({ line: 1, text: long });
    expect(log.lines[1]).toEqual({ line: 3, text: `${'a'.repeat(80)}${'b'.repeat(5)}` });
  });

  it('a code broken across a hard wrap is still found', () => {
    const line =
      'AdalLog: Token response is not successfull. Status:400 ResponseText:{"error":"invalid_request","error_description":"AADSTS50107: The requested federation realm object \'https://sso.example.com/x/\' does not exist."}';
    const at = line.indexOf('AADS') + 4;
    const width = 60;
    const start = at - width;
    const text = [
      line.slice(0, start),
      ...[line.slice(start, at), line.slice(at, at + width), line.slice(at + width)],
    ].join('\n');
    // The second and third lines are exactly `width` long: a console wrap, "AADS|TS50107" rejoined.
    expect(text.split('\n')[1]).toHaveLength(width);
    const d = diagnoseText(`${'-'.repeat(width)}\n${text}`);
    expect(d.ok && d.diagnosis.findings[0]?.cause.id).toBe('issuer-not-registered');
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => {
        diagnoseText(s);
        diagnoseText(`<${s}`);
        diagnoseText(`AADSTS51004 ${s} 0xcaa90022`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the event signals read the event catalogue the client writes from', () => {
  it.each([
    [305, 'token-failed'],
    [306, 'federated-join-completed'],
    [307, 'scp-read-failed'],
    [309, 'discovery-failed'],
    [201, 'discovery-failed'],
    [333, 'not-system'],
    [334, 'dc-unavailable'],
    [335, 'already-joined'],
  ])('event %i template → signal %s', (id, signal) => {
    const entry = eventEntry(id, UDR_CHANNEL);
    expect(entry, String(id)).toBeDefined();
    const facts = factsOfText(toLogText(entry!.template));
    expect(facts.has(signalFact(signal)), entry!.template).toBe(true);
  });
});

describe('the causes of the real-world modes', () => {
  it('name only scenario files that exist', () => {
    const missing = CAUSES.flatMap((c) =>
      (c.scenarios ?? [])
        .filter((f) => !existsSync(join(PACKAGE_ROOT, f)))
        .map((f) => `${c.id}: ${f}`),
    );
    expect(missing).toEqual([]);
  });

  it.each([
    'sts-tls-untrusted',
    'proxy-tls-inspection',
    'proxy-auth-required',
    'tpm-keyset-missing',
    'tpm-fips',
    'tpm-internal-error',
    'tpm-locked-out',
    'stale-registration-device-deleted',
    'device-disabled-or-deleted',
    'prt-invalid-credentials',
    'idp-policy-denied-computer',
    'computer-kerberos-failed',
    'usercert-write-denied',
    'ad-read-transient',
    'enterprise-drs-unreachable',
    'wpj-cant-connect',
    'drs-server-busy',
  ])('%s has a fix and a source', (id) => {
    const c = CAUSES.find((x) => x.id === id);
    expect(c, id).toBeDefined();
    expect(Object.values(c!.fix).join(' ').length).toBeGreaterThan(20);
  });

  it('labels each fix with the place it is made (portal settings are not Graph federation)', () => {
    const quota = CAUSES.find((c) => c.id === 'device-quota-reached')!;
    expect(Object.keys(quota.fix)).toEqual(['entra']);
    expect(FIX_LABEL.entra).toBe('Microsoft Entra admin center');
    // Graph fixes are about the domain's federation settings.
    for (const c of CAUSES)
      if (c.fix.graph)
        expect(c.fix.graph, c.id).toMatch(
          /MgDomainFederation|FederatedIdpMfaBehavior|MetadataExchangeUri|IssuerUri|SigningCertificate|PreferredAuthenticationProtocol/,
        );
  });
});
