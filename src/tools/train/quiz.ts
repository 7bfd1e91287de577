/**
 * Quiz mode: a question shows only what a customer sends (the `dsregcmd /join /debug` transcript,
 * or on a down-level device the Workplace Join dialog, and the Event Viewer entries when the
 * client renders them) and asks for the cause among the causes of other scenarios of the library —
 * only those whose outcome differs, since two causes with the same signature cannot be told apart
 * from the transcript. Choices are neutral cause labels (no codes, no outcome: `cause-label.ts`),
 * and attack scenarios are asked among attacks only (an XML signature attack and a misconfigured
 * IdP can end in the same code). The answer stays on the server until the trainee answers; the
 * explanation cites the transcript lines that show it.
 */
import { randomUUID } from 'node:crypto';
import type { JoinOutcome } from '../../client/trace.ts';
import { runLoadedScenario } from '../../scenario/run/run-scenario.ts';
import type { QuizAnswer, QuizAnswerRequest, QuizChoice, QuizQuestion } from './api-types.ts';
import { evidenceLines, explainOutcome } from './evidence.ts';
import { eventLogOf } from './run-view.ts';
import type { ScenarioLibrary } from './scenario-library.ts';
import { SimError } from '../../core/errors.ts';
import { DOWNLEVEL_OS } from '../../scenario/language/schema.ts';
import { causeLabel } from './cause-label.ts';

const CHOICES = 4;
/** Questions kept waiting for an answer; the oldest is forgotten first. */
const MAX_OPEN = 200;

interface Case {
  readonly id: string;
  /** The neutral label the choices show. */
  readonly cause: string;
  /** The scenario's own name, shown with the answer. */
  readonly name: string;
  /** An XML signature attack scenario (asked among attacks only). */
  readonly attack: boolean;
  readonly downlevel: boolean;
  readonly description?: string;
  readonly signature: string;
  readonly outcome?: JoinOutcome;
  readonly transcript: readonly string[];
  readonly eventLog?: readonly string[];
  readonly expectedLines: readonly string[];
}

interface Open {
  readonly answer: Case;
  readonly choices: readonly QuizChoice[];
}

/** What the transcript can tell apart: the outcome, not the cause behind it. */
export function signatureOf(outcome: JoinOutcome | undefined): string {
  if (!outcome) return 'error';
  return JSON.stringify([
    outcome.joined,
    outcome.joinType,
    [...outcome.aadsts].sort(),
    [...outcome.hresults].sort(),
    outcome.errorPhase ?? '',
    outcome.fallbackAttempted,
  ]);
}

export interface Quiz {
  question(): Promise<QuizQuestion>;
  answer(req: QuizAnswerRequest): QuizAnswer;
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export function createQuiz(library: ScenarioLibrary, random: () => number = Math.random): Quiz {
  const cases = new Map<string, Promise<Case | undefined>>();
  const open = new Map<string, Open>();

  const caseOf = (id: string): Promise<Case | undefined> => {
    let c = cases.get(id);
    if (!c) {
      c = (async () => {
        const loaded = await library.load(id);
        const result = await runLoadedScenario(loaded);
        if (result.status === 'error') return undefined;
        const s = loaded.scenario;
        const eventLog = eventLogOf(result);
        return {
          id,
          cause: causeLabel(s.name),
          name: s.name,
          attack: s.tags.includes('attack'),
          downlevel: (DOWNLEVEL_OS as readonly string[]).includes(s.device.os),
          ...(s.description ? { description: s.description.trim() } : {}),
          signature: signatureOf(result.outcome),
          ...(result.outcome ? { outcome: result.outcome } : {}),
          transcript: result.transcript,
          ...(eventLog ? { eventLog } : {}),
          expectedLines: s.expect.transcriptIncludes ?? [],
        };
      })();
      cases.set(id, c);
    }
    return c;
  };

  return {
    async question() {
      const list = await library.list();
      const all: Case[] = [];
      for (const e of list.scenarios) {
        if (e.invalid) continue;
        const c = await caseOf(e.id);
        if (c) all.push(c);
      }
      const signatures = new Set(all.map((c) => c.signature));
      if (signatures.size < 2) {
        throw new SimError(
          'ERR_USAGE',
          `the quiz needs scenarios with at least two different outcomes; ${list.root} has ${signatures.size}`,
          {
            hint: 'point hjsim train --scenarios at a folder with failing and succeeding scenarios',
          },
        );
      }
      const answer = all[Math.floor(random() * all.length)]!;
      // One distractor per other signature, so that every choice is distinguishable; attacks
      // among attacks, configuration causes among configuration causes.
      const bySignature = new Map<string, Case[]>();
      for (const c of all) {
        if (c.attack !== answer.attack) continue;
        if (c.signature === answer.signature || c.cause === answer.cause) continue;
        bySignature.set(c.signature, [...(bySignature.get(c.signature) ?? []), c]);
      }
      const labels = new Set([answer.cause]);
      const distractors: Case[] = [];
      for (const group of shuffle([...bySignature.values()], random)) {
        if (distractors.length === CHOICES - 1) break;
        const pick = shuffle(group, random).find((c) => !labels.has(c.cause));
        if (!pick) continue;
        labels.add(pick.cause);
        distractors.push(pick);
      }
      const choices = shuffle([answer, ...distractors], random).map((c) => ({
        id: c.id,
        label: c.cause,
      }));
      const id = randomUUID();
      open.set(id, { answer, choices });
      if (open.size > MAX_OPEN) open.delete(open.keys().next().value!);
      return {
        id,
        kind: answer.attack ? 'attack' : 'configuration',
        transcriptTitle: answer.downlevel
          ? 'Workplace Join dialog (autoworkplace.exe)'
          : 'dsregcmd /join /debug',
        transcript: answer.transcript,
        ...(answer.eventLog ? { eventLog: answer.eventLog } : {}),
        choices,
      };
    },

    answer(req) {
      const q = open.get(req.question);
      if (!q) {
        throw new SimError('ERR_USAGE', 'unknown or already answered question', {
          hint: 'ask for a new one: GET /api/quiz',
        });
      }
      if (!q.choices.some((c) => c.id === req.choice)) {
        throw new SimError('ERR_USAGE', `'${req.choice}' is not one of this question's choices`);
      }
      open.delete(req.question);
      const a = q.answer;
      return {
        correct: req.choice === a.id,
        answer: { id: a.id, label: a.cause },
        explanation: [
          `The cause: ${a.cause} (scenario "${a.name}").`,
          ...(a.description ? [a.description] : []),
          ...explainOutcome(a.outcome),
        ],
        evidence: evidenceLines(a.transcript, a.outcome, a.expectedLines),
        scenario: a.id,
      };
    },
  };
}
