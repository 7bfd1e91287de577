/**
 * The sequence diagram: one lifeline per party, one arrow per message, the first failure marked.
 * Every arrow is a button (Tab to reach, Enter to open); Up/Down move between arrows. On a narrow
 * window the grid folds into a list that names both ends of each arrow.
 */
import {
  LANES,
  LANE_TITLES,
  type RunView,
  type SequenceMessage,
} from '../../src/tools/train/api-types.ts';
import { h } from './dom.ts';

export function renderSequence(
  run: RunView,
  onSelect: (m: SequenceMessage, button: HTMLButtonElement) => void,
): HTMLElement {
  const rows = run.messages.length + 1;
  const grid = h('div', { class: 'seq', role: 'list', 'aria-label': 'Messages, in order' });
  grid.style.gridTemplateRows = `repeat(${rows}, auto)`;
  LANES.forEach((lane, i) => {
    const head = h(
      'div',
      { class: `seq-head lane-${lane}`, 'aria-hidden': 'true' },
      LANE_TITLES[lane],
    );
    head.style.gridColumn = String(i + 1);
    head.style.gridRow = '1';
    const life = h('div', { class: 'seq-life', 'aria-hidden': 'true' });
    life.style.gridColumn = String(i + 1);
    life.style.gridRow = `1 / ${rows + 1}`;
    grid.append(life, head);
  });
  const buttons: HTMLButtonElement[] = [];
  run.messages.forEach((m, i) => {
    const a = LANES.indexOf(m.from);
    const b = LANES.indexOf(m.to);
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const rightward = b > a;
    const ends = `${LANE_TITLES[m.from]} → ${LANE_TITLES[m.to]}`;
    const classes = [
      'msg',
      rightward ? 'msg-right' : 'msg-left',
      m.direction === 'response' ? 'msg-response' : 'msg-request',
      m.failed ? 'failed' : '',
      m.failingStep ? 'failing-step' : '',
    ].filter(Boolean);
    const button = h(
      'button',
      {
        type: 'button',
        class: classes.join(' '),
        'data-message': m.id,
        ...(m.exchange === undefined ? {} : { 'data-exchange': m.exchange }),
        'aria-label': `${i + 1}. ${ends}: ${m.label}${m.failingStep ? ' — failing step' : m.failed ? ' — failed' : ''}`,
        onclick: () => onSelect(m, button),
        onkeydown: (e: Event) => {
          const k = (e as KeyboardEvent).key;
          const j = k === 'ArrowDown' ? i + 1 : k === 'ArrowUp' ? i - 1 : -1;
          if (j < 0 || j >= buttons.length) return;
          e.preventDefault();
          buttons[j]!.focus();
        },
      },
      h('span', { class: 'msg-ends' }, ends),
      h(
        'span',
        { class: 'msg-label' },
        m.failingStep ? h('span', { class: 'badge' }, 'failing step') : null,
        m.label,
      ),
      h('span', { class: 'msg-arrow', 'aria-hidden': 'true' }),
    );
    button.style.gridColumn = `${lo + 1} / ${hi + 2}`;
    button.style.gridRow = String(i + 2);
    button.style.setProperty('--span', String(hi - lo + 1));
    buttons.push(button);
    grid.append(h('div', { role: 'listitem', class: 'seq-item' }, button));
  });
  return grid;
}
