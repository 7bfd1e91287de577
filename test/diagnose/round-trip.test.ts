/**
 * The round trip of issue #7: every shipped scenario that fails or falls back is run, its own
 * `dsregcmd /join /debug` (or `autoworkplace`) transcript is diagnosed, and diagnose must name that scenario's cause
 * first — the cause derived from the scenario's `expect` (src/tools/diagnose/scenario-causes.ts). The
 * same holds for the transcript followed by `dsregcmd /status` or by its Event Viewer entries, and
 * for the transcript pasted the
 * way customers paste it (quoted, prompted, hard-wrapped at the console width).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { causeById } from '../../src/protocol/causes/causes.ts';
import { diagnoseText } from '../../src/tools/diagnose/diagnose.ts';
import { scenarioCauses, type ScenarioCause } from '../../src/tools/diagnose/scenario-causes.ts';
import { runScenarioFile, type ScenarioResult } from '../../src/scenario/run/run-scenario.ts';

const SCENARIOS = join(PACKAGE_ROOT, 'scenarios');

let mapped: ScenarioCause[] = [];
let unmapped: string[] = [];
const results = new Map<string, ScenarioResult>();

beforeAll(async () => {
  const r = await scenarioCauses(SCENARIOS);
  expect(r.unreadable).toEqual([]);
  mapped = r.mapped;
  unmapped = r.unmapped;
  for (const s of mapped) results.set(s.file, await runScenarioFile(s.file));
}, 120_000);

/**
 * A transcript holds only ADAL's HRESULTs, not the STS's fault text: where the scenario's cause is a
 * specific case of a more general one (its `covers`) that only /status's Server Message tells
 * apart (MSIS7068 behind 0xcaa90014), the transcript may name the general cause. Counted, and kept rare.
 */
function generalisedFrom(expected: string, got: string | undefined): boolean {
  return got !== undefined && (causeById(expected)?.covers ?? []).includes(got);
}
const generalised = new Set<string>();

function firstCause(text: string): string | undefined {
  const d = diagnoseText(text, new Date('2025-07-10T17:22:13Z'));
  if (!d.ok) return `unreadable: ${d.message}`;
  return d.diagnosis.findings[0]?.cause.id;
}

/** What a customer's paste looks like: quoted, behind a prompt, wrapped at 120 columns. */
function asPasted(lines: readonly string[]): string {
  const wrapped = lines.flatMap((l) => {
    const out: string[] = [];
    for (let i = 0; i < Math.max(l.length, 1); i += 120) out.push(l.slice(i, i + 120));
    return out;
  });
  return ['PS C:\\Windows\\System32> dsregcmd /join /debug', ...wrapped]
    .map((l) => `> ${l}`)
    .join('\r\n');
}

describe('round trip: every failing or falling-back shipped scenario diagnoses to its cause', () => {
  it('every failing or falling-back scenario maps to a cause, and there are many', () => {
    expect(unmapped).toEqual([]);
    expect(mapped.length).toBeGreaterThanOrEqual(70);
    // More than one cause: the mapping is not a constant.
    expect(new Set(mapped.map((m) => m.cause)).size).toBeGreaterThanOrEqual(30);
  });

  it('each scenario passes, and its transcript names its cause first (plain, with /status, pasted)', () => {
    const wrong: string[] = [];
    for (const s of mapped) {
      const r = results.get(s.file)!;
      expect(r.status, `${s.file}: ${r.failures.join('; ')}${r.error?.message ?? ''}`).toBe(
        'passed',
      );
      const rel = s.file.slice(SCENARIOS.length + 1);
      const plain = firstCause(r.transcript.join('\n'));
      const withStatus = firstCause([...r.transcript, ...r.statusOutput].join('\n'));
      const pasted = firstCause(asPasted(r.transcript));
      for (const [how, got] of [
        ['transcript', plain],
        ['transcript + /status', withStatus],
        ['pasted transcript', pasted],
      ] as const) {
        if (got === s.cause) continue;
        if (how !== 'transcript + /status' && generalisedFrom(s.cause, got)) generalised.add(rel);
        else wrong.push(`${rel} (${how}): expected ${s.cause}, diagnosed ${got}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('its transcript followed by its Event Viewer entries names the cause first; the entries alone never contradict it', () => {
    const wrong: string[] = [];
    let exact = 0;
    for (const s of mapped) {
      const r = results.get(s.file)!;
      const rel = s.file.slice(SCENARIOS.length + 1);
      const both = firstCause([...r.transcript, '', ...r.eventLog].join('\n'));
      if (both !== s.cause) {
        if (generalisedFrom(s.cause, both)) generalised.add(rel);
        else wrong.push(`${rel} (transcript + events): expected ${s.cause}, diagnosed ${both}`);
      }
      const alone = firstCause(r.eventLog.join('\n'));
      if (alone === s.cause) exact++;
      else if (
        alone !== undefined &&
        !alone.startsWith('unreadable') &&
        !(causeById(s.cause)?.covers ?? []).includes(alone)
      )
        wrong.push(`${rel} (events alone): expected ${s.cause} or nothing, diagnosed ${alone}`);
    }
    expect(wrong).toEqual([]);
    // Only the causes told apart by the STS's fault text alone (today: the MSIS7068 policy denial).
    expect([...generalised].sort()).toEqual(['adfs/computer-access-denied.yaml']);
    // The events name the cause on their own for most scenarios (not the down-level dialogs' or the MEX warnings').
    expect(exact).toBeGreaterThanOrEqual(Math.floor(mapped.length * 0.6));
  });

  it('/status alone names the cause whenever it shows a server message or client error', () => {
    const wrong: string[] = [];
    for (const s of mapped) {
      const r = results.get(s.file)!;
      const status = r.statusOutput.join('\n');
      if (!/Server Message|Client ErrorCode/.test(status)) continue;
      const got = firstCause(status);
      const rel = s.file.slice(SCENARIOS.length + 1);
      // /status keeps only the last error: after a failed fallback that is the sync join's.
      if (/Registration Type : sync/.test(status)) continue;
      if (got !== s.cause) wrong.push(`${rel}: expected ${s.cause}, diagnosed ${got}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a fallback that joined by sync join raises the "fallback hid a broken federation" warning', () => {
    for (const s of mapped) {
      const r = results.get(s.file)!;
      const d = diagnoseText(r.transcript.join('\n'));
      if (!d.ok) throw new Error(d.message);
      const hid = r.outcome!.fallbackAttempted && r.outcome!.joinType === 'sync';
      expect(
        d.diagnosis.warnings.some((w) =>
          w.startsWith('Fallback to sync join hid a broken federation'),
        ),
        s.file,
      ).toBe(hid);
    }
  });
});
