/**
 * `hjsim run --filter`: keeps the scenarios one of the filters selects. A filter `tag:NAME`
 * selects scenarios tagged NAME; any other filter selects scenarios tagged exactly that or whose
 * name contains it (case-insensitive).
 */
import type { LoadedScenario } from './load-scenario.ts';

export function matchesFilter(
  s: { readonly name: string; readonly tags: readonly string[] },
  filter: string,
): boolean {
  const f = filter.trim().toLowerCase();
  const tags = s.tags.map((t) => t.toLowerCase());
  if (f.startsWith('tag:')) return tags.includes(f.slice(4));
  return tags.includes(f) || s.name.toLowerCase().includes(f);
}

export function filterScenarios(
  loaded: readonly LoadedScenario[],
  filters: readonly string[],
): LoadedScenario[] {
  if (filters.length === 0) return [...loaded];
  return loaded.filter((l) => filters.some((f) => matchesFilter(l.scenario, f)));
}
