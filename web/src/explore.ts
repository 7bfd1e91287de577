/**
 * Explore mode: pick a scenario (folder, tags, search), run it, optionally with one setting
 * broken, and read the run: sequence diagram with decoded messages, the client's outputs, and
 * mock Entra's own log.
 */
import type {
  FaultEntry,
  RunView,
  ScenarioEntry,
  ScenarioList,
  SequenceMessage,
} from '../../src/tools/train/api-types.ts';
import { api } from './api.ts';
import { byId, clear, h, lines, tablistKeys } from './dom.ts';
import { failureBox } from './failure-box.ts';
import { renderMessage } from './message-view.ts';
import { renderSequence } from './sequence.ts';

interface State {
  list?: ScenarioList;
  search: string;
  folder: string;
  tags: Set<string>;
  selected?: ScenarioEntry;
  faults: readonly FaultEntry[];
  run?: RunView;
  tab: string;
}

const state: State = { search: '', folder: '', tags: new Set(), faults: [], tab: 'sequence' };

const TABS = [
  ['sequence', 'Sequence'],
  ['transcript', 'dsregcmd /join /debug'],
  ['status', 'dsregcmd /status'],
  ['events', 'Event Viewer'],
  ['entra', 'Entra log'],
] as const;

function matches(s: ScenarioEntry): boolean {
  if (state.folder && s.folder !== state.folder) return false;
  for (const t of state.tags) if (!s.tags.includes(t)) return false;
  const q = state.search.trim().toLowerCase();
  if (!q) return true;
  return [s.name, s.id, s.description ?? '', ...s.tags].some((x) => x.toLowerCase().includes(q));
}

function renderList(): void {
  const ul = byId('scenario-list');
  clear(ul);
  const all = state.list?.scenarios ?? [];
  const shown = all.filter(matches);
  byId('scenario-count').textContent = `${shown.length} of ${all.length} scenarios`;
  for (const s of shown) {
    const current = state.selected?.id === s.id;
    ul.append(
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: `scenario${current ? ' current' : ''}${s.invalid ? ' invalid' : ''}`,
            'aria-pressed': current ? 'true' : 'false',
            'data-scenario': s.id,
            onclick: () => void select(s),
          },
          h('span', { class: 'scenario-name' }, s.name),
          h(
            'span',
            { class: 'scenario-meta' },
            s.invalid ? `invalid: ${s.id}` : `${s.id} · ${s.tags.join(', ')}`,
          ),
        ),
      ),
    );
  }
}

/** The folded tag filter says how many tags it holds and how many are on. */
function showTagCount(): void {
  const n = state.list?.tags.length ?? 0;
  byId('tags-label').textContent =
    `Filter by tag (${state.tags.size ? `${state.tags.size} of ${n} on` : n})`;
}

function renderFilters(): void {
  const list = state.list!;
  const folder = byId<HTMLSelectElement>('folder');
  clear(folder);
  folder.append(h('option', { value: '' }, 'All folders'));
  for (const f of list.folders) folder.append(h('option', { value: f }, f || '(top level)'));
  const tags = byId('tags');
  clear(tags);
  showTagCount();
  for (const t of list.tags) {
    tags.append(
      h(
        'button',
        {
          type: 'button',
          class: 'tag',
          'aria-pressed': state.tags.has(t) ? 'true' : 'false',
          onclick: (e: Event) => {
            if (state.tags.has(t)) state.tags.delete(t);
            else state.tags.add(t);
            (e.currentTarget as HTMLElement).setAttribute(
              'aria-pressed',
              state.tags.has(t) ? 'true' : 'false',
            );
            showTagCount();
            renderList();
          },
        },
        t,
      ),
    );
  }
}

async function select(s: ScenarioEntry): Promise<void> {
  state.selected = s;
  renderList();
  byId('run-title').textContent = s.name;
  byId('run-desc').textContent = s.invalid ?? s.description ?? '';
  const run = byId<HTMLButtonElement>('run-button');
  run.disabled = Boolean(s.invalid);
  const toggle = byId<HTMLInputElement>('fault-toggle');
  const sel = byId<HTMLSelectElement>('fault-select');
  clear(sel);
  state.faults = [];
  toggle.disabled = true;
  sel.disabled = true;
  if (s.invalid) return;
  try {
    const list = await api.faults(s.id);
    if (state.selected?.id !== s.id) return;
    state.faults = list.faults;
    for (const f of list.faults) sel.append(h('option', { value: f.id }, f.title));
    toggle.disabled = list.faults.length === 0;
    sel.disabled = !toggle.checked || list.faults.length === 0;
  } catch (e) {
    byId('outcome').replaceChildren(failureBox(e));
  }
}

function outcomeBanner(run: RunView): HTMLElement {
  if (run.error)
    return h(
      'div',
      { class: 'failure-box', role: 'alert' },
      `${run.error.code}: ${run.error.message}`,
    );
  const o = run.outcome!;
  const joined = o.joined
    ? `Joined (${o.joinType === 'sync' ? 'sync join' : 'federated join'})`
    : `Not joined${o.errorPhase ? ` — error phase ${o.errorPhase}` : ''}`;
  return h(
    'div',
    {
      class: `outcome ${o.joined ? (o.aadsts.length || o.fallbackAttempted ? 'warn' : 'ok') : 'bad'}`,
    },
    h('strong', {}, joined),
    o.aadsts.length
      ? h('span', { class: 'pill' }, o.aadsts.map((c) => `AADSTS${c}`).join(' '))
      : null,
    o.hresults.map((hr) => h('span', { class: 'pill' }, hr)),
    o.fallbackAttempted ? h('span', { class: 'pill' }, 'fell back to sync join') : null,
    run.fault
      ? h('span', { class: 'pill fault' }, `broken: ${run.fault.title}`)
      : h(
          'span',
          { class: `pill ${run.status === 'passed' ? 'pass' : 'fail'}` },
          run.status === 'passed'
            ? 'expectations hold'
            : `${run.failures.length} expectation(s) not met`,
        ),
  );
}

function showMessage(run: RunView, m: SequenceMessage, button?: HTMLButtonElement): void {
  for (const b of byId('diagram').querySelectorAll('.msg.selected')) {
    b.classList.remove('selected');
    b.setAttribute('aria-current', 'false');
  }
  const target =
    button ??
    byId('diagram').querySelector<HTMLButtonElement>(`[data-message="${m.id}"]`) ??
    undefined;
  target?.classList.add('selected');
  target?.setAttribute('aria-current', 'true');
  byId('detail').replaceChildren(renderMessage(run, m));
}

function selectTab(id: string): void {
  state.tab = id;
  for (const [t] of TABS) {
    const tab = byId(`tab-${t}`);
    const on = t === id;
    tab.setAttribute('aria-selected', on ? 'true' : 'false');
    tab.tabIndex = on ? 0 : -1;
    byId(`panel-${t}`).hidden = !on;
  }
}

function renderRun(run: RunView): void {
  state.run = run;
  byId('outcome').replaceChildren(outcomeBanner(run));
  const diagram = byId('diagram');
  diagram.replaceChildren(renderSequence(run, (m, b) => showMessage(run, m, b)));
  const first = run.messages.find((m) => m.failingStep) ?? run.messages[0];
  if (first) showMessage(run, first);
  else
    byId('detail').replaceChildren(
      h('p', { class: 'muted' }, 'No messages: the run stopped before the client sent any.'),
    );
  byId('panel-transcript').replaceChildren(
    lines(run.transcript, { label: 'dsregcmd /join /debug output' }),
  );
  byId('panel-status').replaceChildren(
    lines(run.statusOutput, { label: 'dsregcmd /status output' }),
  );
  const events = run.eventLog;
  byId('tab-events').hidden = !events;
  byId('panel-events').replaceChildren(
    events ? lines(events, { label: 'Event Viewer entries' }) : h('p', {}, ''),
  );
  byId('panel-entra').replaceChildren(
    run.entraLog.length
      ? lines(run.entraLog, { label: 'Mock Entra log' })
      : h('p', { class: 'muted' }, 'Mock Entra logged nothing: every token check passed.'),
    ...(run.failures.length
      ? [
          h(
            'div',
            { class: 'failure-box' },
            h('h3', {}, 'Expectations not met'),
            h(
              'ul',
              {},
              run.failures.map((f) => h('li', {}, f)),
            ),
          ),
        ]
      : []),
  );
  if (state.tab === 'events' && !events) selectTab('sequence');
  else selectTab(state.tab);
}

async function runSelected(): Promise<void> {
  const s = state.selected;
  if (!s) return;
  const button = byId<HTMLButtonElement>('run-button');
  const toggle = byId<HTMLInputElement>('fault-toggle');
  const fault = toggle.checked
    ? byId<HTMLSelectElement>('fault-select').value || undefined
    : undefined;
  button.disabled = true;
  button.textContent = 'Running…';
  byId('outcome').replaceChildren(h('p', { class: 'muted' }, 'Running the join…'));
  try {
    renderRun(await api.run(s.id, fault));
  } catch (e) {
    byId('outcome').replaceChildren(failureBox(e));
  } finally {
    button.disabled = false;
    button.textContent = 'Run';
  }
}

/** Opens a scenario in the explorer and runs it (the quiz's "show me"). */
export async function openScenario(id: string): Promise<void> {
  const s = state.list?.scenarios.find((x) => x.id === id);
  if (!s) return;
  state.search = '';
  state.folder = '';
  state.tags.clear();
  byId<HTMLInputElement>('search').value = '';
  byId<HTMLSelectElement>('folder').value = '';
  renderFilters();
  byId<HTMLInputElement>('fault-toggle').checked = false;
  await select(s);
  await runSelected();
}

export async function mountExplore(root: HTMLElement): Promise<void> {
  const tablist = h(
    'div',
    { role: 'tablist', class: 'tabs', 'aria-label': 'Run views' },
    TABS.map(([id, title]) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${id}`,
          'aria-controls': `panel-${id}`,
          'aria-selected': 'false',
          tabindex: -1,
          onclick: () => selectTab(id),
        },
        title,
      ),
    ),
  );
  tablistKeys(tablist, (tab) => selectTab(tab.id.replace(/^tab-/, '')));
  root.append(
    h(
      'aside',
      { class: 'picker', 'aria-labelledby': 'picker-title' },
      h('h2', { id: 'picker-title' }, 'Scenarios'),
      h(
        'div',
        { class: 'picker-filters' },
        h(
          'label',
          { class: 'field' },
          'Search',
          h('input', {
            type: 'search',
            id: 'search',
            placeholder: 'name, tag, file…',
            autocomplete: 'off',
            oninput: (e: Event) => {
              state.search = (e.target as HTMLInputElement).value;
              renderList();
            },
          }),
        ),
        h(
          'label',
          { class: 'field' },
          'Folder',
          h('select', {
            id: 'folder',
            onchange: (e: Event) => {
              state.folder = (e.target as HTMLSelectElement).value;
              renderList();
            },
          }),
        ),
      ),
      // The tags fold away (closed at first) so the list, not the tag cloud, fills the column.
      h(
        'details',
        { id: 'tag-filter', class: 'tag-filter' },
        h('summary', { id: 'tags-label' }, 'Filter by tag'),
        h('div', { id: 'tags', class: 'tag-row', role: 'group', 'aria-labelledby': 'tags-label' }),
      ),
      h('p', { id: 'scenario-count', class: 'muted', 'aria-live': 'polite' }),
      h('ul', { id: 'scenario-list', class: 'scenario-list' }),
    ),
    h(
      'section',
      { class: 'run', 'aria-labelledby': 'run-title' },
      h(
        'div',
        { class: 'toolbar' },
        h(
          'div',
          { class: 'run-head' },
          h('h2', { id: 'run-title' }, 'Pick a scenario'),
          h('p', { id: 'run-desc', class: 'muted' }, 'Choose one on the left, then Run.'),
        ),
        h(
          'div',
          { class: 'controls' },
          h(
            'button',
            {
              type: 'button',
              id: 'run-button',
              class: 'primary',
              disabled: true,
              onclick: () => void runSelected(),
            },
            'Run',
          ),
          h(
            'label',
            { class: 'check' },
            h('input', {
              type: 'checkbox',
              id: 'fault-toggle',
              disabled: true,
              onchange: (e: Event) => {
                byId<HTMLSelectElement>('fault-select').disabled = !(e.target as HTMLInputElement)
                  .checked;
              },
            }),
            'Break one setting',
          ),
          h('select', { id: 'fault-select', disabled: true, 'aria-label': 'Setting to break' }),
        ),
      ),
      h('div', { id: 'outcome', 'aria-live': 'polite' }),
      tablist,
      h(
        'div',
        {
          id: 'panel-sequence',
          role: 'tabpanel',
          'aria-labelledby': 'tab-sequence',
          class: 'panel seq-panel',
        },
        h(
          'div',
          { id: 'diagram', class: 'diagram' },
          h('p', { class: 'muted' }, 'Run a scenario to see its messages.'),
        ),
        h('aside', { id: 'detail', class: 'detail', 'aria-label': 'Selected message' }),
      ),
      TABS.slice(1).map(([id]) =>
        h('div', {
          id: `panel-${id}`,
          role: 'tabpanel',
          'aria-labelledby': `tab-${id}`,
          class: 'panel',
          tabindex: 0,
          hidden: true,
        }),
      ),
    ),
  );
  byId('tab-events').hidden = true;
  selectTab('sequence');
  try {
    state.list = await api.scenarios();
    renderFilters();
    renderList();
  } catch (e) {
    byId('scenario-list').replaceChildren(h('li', {}, failureBox(e)));
  }
}
