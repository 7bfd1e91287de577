/**
 * Quiz mode: the transcript a customer would send, the causes to choose from, then the answer
 * explained with the lines that show it. The score lives for the browser session.
 */
import type { QuizAnswer, QuizQuestion } from '../../src/tools/train/api-types.ts';
import { api } from './api.ts';
import { byId, h, lines } from './dom.ts';
import { failureBox } from './failure-box.ts';

const SCORE_KEY = 'hjsim-quiz-score';

interface Score {
  answered: number;
  correct: number;
}

function readScore(): Score {
  try {
    const s = JSON.parse(sessionStorage.getItem(SCORE_KEY) ?? '') as Partial<Score>;
    if (typeof s.answered === 'number' && typeof s.correct === 'number')
      return { answered: s.answered, correct: s.correct };
  } catch {
    // no score yet
  }
  return { answered: 0, correct: 0 };
}

function showScore(s: Score): void {
  byId('score').textContent = s.answered ? `Quiz score: ${s.correct} / ${s.answered}` : '';
}

export function initScore(): void {
  showScore(readScore());
}

function renderAnswer(
  root: HTMLElement,
  q: QuizQuestion,
  a: QuizAnswer,
  open: (id: string) => void,
): void {
  const mark = new Set(a.evidence.map((e) => e.line));
  const transcript = lines(q.transcript, { label: 'Customer transcript', mark });
  byId('quiz-transcript').replaceChildren(transcript);
  // Bring the first evidence line into the transcript's view (the page itself does not move).
  const first = transcript.querySelector<HTMLElement>('.evidence');
  if (first) transcript.scrollTop = first.offsetTop - transcript.offsetTop - 24;
  for (const input of root.querySelectorAll<HTMLInputElement>('input[name="cause"]')) {
    input.disabled = true;
    const label = input.closest('label');
    if (input.value === a.answer.id) label?.classList.add('right');
    else if (input.checked) label?.classList.add('wrong');
  }
  byId<HTMLButtonElement>('quiz-submit').disabled = true;
  const verdict = h(
    'section',
    {
      id: 'quiz-result',
      class: `verdict ${a.correct ? 'right' : 'wrong'}`,
      tabindex: -1,
      'aria-live': 'polite',
    },
    h('h3', {}, a.correct ? 'Correct' : 'Not quite'),
    h(
      'ul',
      { class: 'explanation' },
      a.explanation.map((l) => h('li', {}, l)),
    ),
    h('h4', {}, 'Evidence in the transcript'),
    h(
      'ol',
      { class: 'evidence-list' },
      a.evidence.map((e) =>
        h('li', {}, h('code', {}, `${e.line}: ${e.text}`), h('div', { class: 'note' }, e.why)),
      ),
    ),
    h(
      'div',
      { class: 'controls' },
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          id: 'quiz-next',
          onclick: () => void nextQuestion(root, open),
        },
        'Next question',
      ),
      h(
        'button',
        { type: 'button', onclick: () => open(a.scenario) },
        'Open this scenario in Explore',
      ),
    ),
  );
  byId('quiz-feedback').replaceChildren(verdict);
  verdict.focus();
  const s = readScore();
  s.answered += 1;
  if (a.correct) s.correct += 1;
  sessionStorage.setItem(SCORE_KEY, JSON.stringify(s));
  showScore(s);
}

/** The prompt names exactly the panels the question shows. */
function promptFor(q: QuizQuestion): string {
  const shown = q.eventLog
    ? `their ${q.transcriptTitle} output and the Event Viewer entries`
    : `their ${q.transcriptTitle} output`;
  return q.kind === 'attack'
    ? `A tenant's security team sends ${shown}: someone tampered with a token on its way to Entra. Read it and name the attack.`
    : `A customer sends you ${shown} — nothing else. Read it and name the cause.`;
}

export async function nextQuestion(root: HTMLElement, open: (id: string) => void): Promise<void> {
  root.replaceChildren(
    h('p', { class: 'muted' }, 'Preparing a question (running the scenario library)…'),
  );
  let q: QuizQuestion;
  try {
    q = await api.question();
  } catch (e) {
    root.replaceChildren(failureBox(e));
    return;
  }
  const form = h(
    'form',
    {
      class: 'choices',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const picked = form.querySelector<HTMLInputElement>('input[name="cause"]:checked');
        if (!picked) {
          byId('quiz-feedback').replaceChildren(h('p', { role: 'alert' }, 'Pick a cause first.'));
          return;
        }
        try {
          renderAnswer(root, q, await api.answer(q.id, picked.value), open);
        } catch (err) {
          byId('quiz-feedback').replaceChildren(failureBox(err));
        }
      },
    },
    h(
      'fieldset',
      {},
      h(
        'legend',
        {},
        q.kind === 'attack' ? 'Which attack was tried on the token?' : 'What is the cause?',
      ),
      q.choices.map((c, i) =>
        h(
          'label',
          { class: 'choice' },
          h('input', { type: 'radio', name: 'cause', value: c.id, required: i === 0 }),
          h('span', {}, c.label),
        ),
      ),
    ),
    h('button', { type: 'submit', class: 'primary', id: 'quiz-submit' }, 'Answer'),
  );
  root.replaceChildren(
    h('h2', { id: 'quiz-title', tabindex: -1 }, 'What went wrong?'),
    h('p', { class: 'muted', id: 'quiz-prompt' }, promptFor(q)),
    h(
      'div',
      { class: 'quiz-grid' },
      h(
        'div',
        { class: 'quiz-evidence' },
        h('h3', {}, q.transcriptTitle),
        h('div', { id: 'quiz-transcript' }, lines(q.transcript, { label: 'Customer transcript' })),
        q.eventLog
          ? [
              h('h3', {}, 'Event Viewer'),
              lines(q.eventLog, { label: 'Customer Event Viewer entries' }),
            ]
          : null,
      ),
      h('div', { class: 'quiz-side' }, form, h('div', { id: 'quiz-feedback' })),
    ),
  );
  byId('quiz-title').focus();
}
