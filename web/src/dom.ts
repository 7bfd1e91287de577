/** A tiny element builder: `h('button', { class: 'x', onclick }, 'text')`. */
export type Child = Node | string | number | false | null | undefined | readonly Child[];

type Handler = (e: Event) => void;
export type Props = Record<string, string | number | boolean | Handler | undefined>;

function append(parent: Node, child: Child): void {
  if (child === false || child === null || child === undefined) return;
  if (Array.isArray(child)) {
    for (const c of child as readonly Child[]) append(parent, c);
    return;
  }
  parent.appendChild(
    child instanceof Node ? child : document.createTextNode(String(child as string | number)),
  );
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, ''), value);
    else if (key === 'class') el.className = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
}

/** A `<pre>` of numbered lines; `mark` picks lines to highlight (1-based). */
export function lines(
  text: readonly string[],
  opts: { label: string; mark?: ReadonlySet<number> },
): HTMLElement {
  return h(
    'pre',
    { class: 'lines', tabindex: 0, 'aria-label': opts.label },
    text.map((line, i) =>
      h(
        'span',
        {
          class: opts.mark?.has(i + 1) ? 'line evidence' : 'line',
          'data-line': i + 1,
        },
        line,
        '\n',
      ),
    ),
  );
}

/** Arrow-key navigation for a tablist: Left/Right/Home/End move and select. */
export function tablistKeys(list: HTMLElement, select: (tab: HTMLElement) => void): void {
  list.addEventListener('keydown', (e) => {
    const tabs = Array.from(list.querySelectorAll<HTMLElement>('[role="tab"]:not([hidden])'));
    const i = tabs.indexOf(document.activeElement as HTMLElement);
    if (i < 0) return;
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    const tab = tabs[next]!;
    tab.focus();
    select(tab);
  });
}
