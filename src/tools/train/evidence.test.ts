/**
 * Every scenario the trainer can quiz on (the shipped library) has evidence to show with its
 * answer: the quiz page lists the evidence lines and highlights them in the transcript, and an
 * answer with none leaves the trainee nothing to learn from (the browser test picks a random one).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../core/keys.ts';
import { findScenarioFiles } from '../../scenario/language/find-scenarios.ts';
import { loadScenario } from '../../scenario/language/load-scenario.ts';
import { runLoadedScenario } from '../../scenario/run/run-scenario.ts';
import { closeInProcessTransport } from '../../transport/msw-transport.ts';
import { evidenceLines } from './evidence.ts';

afterAll(() => closeInProcessTransport());

describe('evidence lines', () => {
  it('exist for every shipped scenario, down-level dialogs included', async () => {
    const without: string[] = [];
    const files = await findScenarioFiles([`${PACKAGE_ROOT}/scenarios`]);
    for (const f of files) {
      const loaded = await loadScenario(f);
      const r = await runLoadedScenario(loaded);
      const ev = evidenceLines(r.transcript, r.outcome, loaded.scenario.expect.transcriptIncludes);
      if (ev.length === 0) without.push(f);
      for (const e of ev) expect(r.transcript[e.line - 1]).toBe(e.text);
    }
    expect(files.length).toBeGreaterThanOrEqual(100);
    expect(without).toEqual([]);
  }, 120_000);

  it('names the Workplace Join dialog of a successful down-level registration', () => {
    const ev = evidenceLines(
      [
        'C:\\Users\\jdoe> "%ProgramFiles%\\Microsoft Workplace Join\\autoworkplace.exe" /i',
        '| This device (SRV2012-01.contoso.com) is joined to your workplace as jdoe@contoso.com. |',
      ],
      undefined,
    );
    expect(ev).toEqual([
      {
        line: 2,
        text: '| This device (SRV2012-01.contoso.com) is joined to your workplace as jdoe@contoso.com. |',
        why: 'what the Workplace Join dialog tells the user: the end state of a down-level registration',
      },
    ]);
  });
});
