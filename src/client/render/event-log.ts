/**
 * Renders logged events as Event Viewer's "Copy details" text shows them: the header fields with
 * their labels padded to one column (`Log Name:      …`, `Task Category: None`, `Keywords:      `
 * with nothing after it), `Description:` on its own line, then the message; a blank line between
 * events, oldest first.
 * @see [WIKI] (captured User Device Registration events 202, 204, 304, 305, 331, 335 in this
 *   layout, `User:          SYSTEM`)
 * modeled: the `Date:` value. Copy details prints the viewer's local date in its locale and every
 *   capture masks it (`<Date and Time>`); hjsim prints the event's System/TimeCreated SystemTime as
 *   the XML view carries it (UTC, seven fractional digits, `Z`), so the text is the same in every
 *   time zone and locale. All events of one run carry the run's clock time. The MSI log's
 *   `Keywords: Classic` (a classic event log) and its `User:` (the signed-in user's account).
 */
import {
  entryOf,
  formatEventMessage,
  type EventRecord,
} from '../../protocol/events/format-event.ts';
import { MSI_WPJ_CHANNEL } from '../../protocol/events/event-catalog.ts';

export interface EventLogContext {
  /** The computer's FQDN. */
  readonly computer: string;
  /** Who the logging process ran as. */
  readonly user: { readonly sid: string; readonly name: string };
}

export const SYSTEM_ACCOUNT = { sid: 'S-1-5-18', name: 'NT AUTHORITY\\SYSTEM' } as const;

/** `2025-07-10T17:22:13.0000000Z`: the XML view's SystemTime (100-ns ticks). */
export function eventTime(d: Date): string {
  return `${d.toISOString().slice(0, 23)}0000Z`;
}

/** The message as Event Viewer shows it: the build's template with its insertion strings filled. */
export function eventMessage(record: EventRecord): string {
  return formatEventMessage(entryOf(record), record.params, record.build);
}

/** Copy details names LocalSystem `SYSTEM`, any other account by its DOMAIN\name. */
function userField(user: { readonly sid: string; readonly name: string }): string {
  return user.sid === SYSTEM_ACCOUNT.sid ? 'SYSTEM' : user.name;
}

const label = (name: string, value: string) => `${`${name}:`.padEnd(15)}${value}`;

export function renderEventLog(records: readonly EventRecord[], ctx: EventLogContext): string[] {
  const out: string[] = [];
  records.forEach((r, i) => {
    const entry = entryOf(r);
    if (i > 0) out.push('');
    out.push(
      label('Log Name', entry.logName),
      label('Source', entry.provider),
      label('Date', eventTime(r.time)),
      label('Event ID', String(entry.id)),
      label('Task Category', 'None'),
      label('Level', entry.level),
      label('Keywords', entry.channel === MSI_WPJ_CHANNEL ? 'Classic' : ''),
      label('User', userField(r.user ?? ctx.user)),
      label('Computer', ctx.computer),
      'Description:',
      ...eventMessage(r).split('\n'),
    );
  });
  return out;
}
