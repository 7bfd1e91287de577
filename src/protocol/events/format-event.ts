/**
 * Fills an event's message template with its insertion strings, as Event Viewer does: `%n` is
 * replaced by the n-th parameter of the template the logging build uses; an HRESULT-typed
 * parameter shows as Windows' message text or `Unknown HResult Error code: 0x…`; `%n` with no
 * parameter stays visible, as Windows shows it.
 * @see [WIKI] (captured 304/305/204: typed exit codes; a 304 whose missing insertion strings show
 *   as `%4` / `%5`); [LYWK] (templates per build)
 */
import { SimError } from '../../core/errors.ts';
import { eventViewerHresultText } from '../hresult/catalog.ts';
import { eventEntry, templateFor, type EventChannel, type EventEntry } from './event-catalog.ts';

/** One logged event: which entry, and its insertion strings in the current manifest's order. */
export interface EventRecord {
  readonly id: number;
  readonly channel: EventChannel;
  readonly params: readonly string[];
  /** When it was logged (the run's clock). */
  readonly time: Date;
  /** The Windows build of the machine that logged it (selects the template); undefined: current. */
  readonly build?: number;
  /** The account the logging process ran as, when it is not the log's default. */
  readonly user?: { readonly sid: string; readonly name: string };
}

const HEX = /^0x[0-9a-f]{1,8}$/i;

export function formatEventMessage(
  entry: EventEntry,
  params: readonly string[],
  build?: number,
): string {
  const { template, fields } = templateFor(entry, build);
  return template.replace(/%(\d+)/g, (whole, n: string) => {
    const name = fields[Number(n) - 1];
    const value = name === undefined ? undefined : params[entry.fields.indexOf(name)];
    if (value === undefined) return whole;
    const typed = entry.hresultFields?.includes(name!) && HEX.test(value);
    return typed ? eventViewerHresultText(value) : value.replace(/\r\n/g, '\n');
  });
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
