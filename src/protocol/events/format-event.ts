/**
 * Fills an event's message template with its insertion strings, as Event Viewer does: `%n` is
 * replaced by the n-th parameter; `%n` with no parameter stays visible, as Windows shows it.
 * @see ../shared/research/protocol.md §3d (templates with %1…%5)
 */
import { SimError } from '../../core/errors.ts';
import { eventEntry, type EventChannel, type EventEntry } from './event-catalog.ts';

/** One logged event: which entry, and its insertion strings in manifest order. */
export interface EventRecord {
  readonly id: number;
  readonly channel: EventChannel;
  readonly params: readonly string[];
  /** When it was logged (the run's clock). */
  readonly time: Date;
  /** The account the logging process ran as, when it is not the log's default. */
  readonly user?: { readonly sid: string; readonly name: string };
}

export function formatEventMessage(entry: EventEntry, params: readonly string[]): string {
  return entry.template.replace(/%(\d+)/g, (whole, n: string) => params[Number(n) - 1] ?? whole);
}

/** The catalogue entry of a record; a record naming an id the catalogue lacks is a programming error. */
export function entryOf(record: EventRecord): EventEntry {
  const entry = eventEntry(record.id, record.channel);
  if (!entry) {
    throw new SimError(
      'ERR_INTERNAL',
      `event ${record.id} is not in the ${record.channel} catalogue`,
    );
  }
  return entry;
}
