/**
 * Guided path: ten common failures, one at a time, in the order a join meets them — what the
 * customer's output shows, why, how to fix it, the sources — each with its scenario to run in
 * Explore; the last step leads to the quiz.
 */
import type { GuidedPath } from '../../src/tools/train/api-types.ts';
import { api } from './api.ts';
import { byId, h } from './dom.ts';
import { failureBox } from './failure-box.ts';

const PHASES = {
  discover: 'discover phase',
  auth: 'auth phase',
  join: 'join phase',
  fallback: 'token from the IdP (the sync join decides)',
} as const;

let path: GuidedPath | undefined;

function showStep(
  root: HTMLElement,
  index: number,
  open: (id: string) => void,
  quiz: () => void,
): void {
  const p = path!;
  const step = p.steps[index]!;
  const last = index === p.steps.length - 1;
  const sources = step.sources.map((k) => p.sources.find((s) => s.key === k)!);
  const go = (i: number) => () => {
    showStep(root, i, open, quiz);
    byId('path-step-title').focus();
  };
  root.replaceChildren(
    h('h2', {}, 'Guided path: ten common failures'),
    h(
      'p',
      { class: 'muted' },
      'For a new support engineer: the failures Microsoft’s troubleshooting guide walks through, in the order a join meets them. Read each, run its scenario, then take the quiz.',
    ),
    h(
      'ol',
      { class: 'path-steps', 'aria-label': 'Steps' },
      p.steps.map((s, i) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: `path-step${i === index ? ' current' : ''}`,
              'aria-current': i === index ? 'step' : undefined,
              onclick: go(i),
            },
            s.title,
          ),
        ),
      ),
    ),
    h(
      'article',
      { class: 'path-card', 'aria-labelledby': 'path-step-title' },
      h(
        'h3',
        { id: 'path-step-title', tabindex: -1 },
        `${index + 1} of ${p.steps.length}: ${step.title}`,
      ),
      h('p', { class: 'muted' }, `Where: ${PHASES[step.phase]}`),
      h('h4', {}, 'What you see'),
      h(
        'ul',
        { class: 'path-see' },
        step.see.map((l) => h('li', {}, h('code', {}, l))),
      ),
      h('h4', {}, 'Why'),
      h('p', {}, step.why),
      h('h4', {}, 'How to fix it'),
      h(
        'ul',
        {},
        step.fix.map((l) => h('li', {}, l)),
      ),
      h(
        'p',
        { class: 'path-sources' },
        'Sources: ',
        sources.map((s, i) => [
          i ? ', ' : '',
          h('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, s.title),
          ` [${s.key}]`,
        ]),
      ),
      h(
        'div',
        { class: 'controls' },
        h('button', { type: 'button', disabled: index === 0, onclick: go(index - 1) }, 'Previous'),
        h(
          'button',
          {
            type: 'button',
            id: 'path-run',
            disabled: !step.inLibrary,
            title: step.inLibrary ? undefined : `${step.scenario} is not in the served folder`,
            onclick: () => open(step.scenario),
          },
          `Run it in Explore (${step.scenario})`,
        ),
        last
          ? h(
              'button',
              { type: 'button', class: 'primary', id: 'path-next', onclick: quiz },
              'Take the quiz',
            )
          : h(
              'button',
              { type: 'button', class: 'primary', id: 'path-next', onclick: go(index + 1) },
              'Next failure',
            ),
      ),
    ),
  );
}

/** Fills the Guided path panel (once) and shows the first step. */
export async function mountPath(
  root: HTMLElement,
  open: (id: string) => void,
  quiz: () => void,
): Promise<void> {
  if (path) return;
  root.replaceChildren(h('p', { class: 'muted' }, 'Loading the guided path…'));
  try {
    path = await api.path();
  } catch (e) {
    root.replaceChildren(failureBox(e));
    return;
  }
  showStep(root, 0, open, quiz);
}
