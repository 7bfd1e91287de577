/**
 * Renders logged events as `wevtutil qe <log> /f:text` prints them: one `Event[n]:` block per
 * event, its System fields, then the message with its insertion strings filled in.
 * @see ../shared/research/protocol.md §3d (channels, provider names, templates)
 * modeled: the block layout follows wevtutil's text format (Log Name, Source, Date, Event ID, Task,
 *   Level, Opcode, Keyword, User, User Name, Computer, Description), which no source we hold
 *   prints; events are listed oldest first (wevtutil's default order); all events of one run carry
 *   the run's clock time.
 */
import {
  entryOf,
  formatEventMessage,
  type EventRecord,
} from '../../protocol/events/format-event.ts';

export interface EventLogContext {
  /** The computer's FQDN. */
  readonly computer: string;
  /** Who the logging process ran as. */
  readonly user: { readonly sid: string; readonly name: string };
}

export const SYSTEM_ACCOUNT = { sid: 'S-1-5-18', name: 'NT AUTHORITY\\SYSTEM' } as const;

function eventTime(d: Date): string {
  return d.toISOString().slice(0, 23);
}

/** The message as Event Viewer shows it: insertion strings filled, CR LF as line breaks. */
export function eventMessage(record: EventRecord): string {
  return formatEventMessage(entryOf(record), record.params).replace(/\r\n/g, '\n');
}

export function renderEventLog(records: readonly EventRecord[], ctx: EventLogContext): string[] {
  const out: string[] = [];
  records.forEach((r, i) => {
    const entry = entryOf(r);
    out.push(
      `Event[${i}]:`,
      `  Log Name: ${entry.logName}`,
      `  Source: ${entry.provider}`,
      `  Date: ${eventTime(r.time)}`,
      `  Event ID: ${entry.id}`,
      '  Task: N/A',
      `  Level: ${entry.level}`,
      '  Opcode: Info',
      '  Keyword: N/A',
      `  User: ${(r.user ?? ctx.user).sid}`,
      `  User Name: ${(r.user ?? ctx.user).name}`,
      `  Computer: ${ctx.computer}`,
      '  Description: ',
      ...eventMessage(r).split('\n'),
      '',
    );
  });
  return out;
}
