// The alert box a trainer panel shows when an API call fails: the message, and the server's hint.
import { ApiFailure } from './api.ts';
import { h } from './dom.ts';

export function failureBox(e: unknown): HTMLElement {
  return h(
    'div',
    { class: 'failure-box', role: 'alert' },
    e instanceof Error ? e.message : String(e),
    e instanceof ApiFailure && e.hint ? h('div', { class: 'note' }, e.hint) : null,
  );
}
