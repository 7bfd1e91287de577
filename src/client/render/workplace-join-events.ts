/**
 * The Workplace Join Admin events of the down-level attempts, in each user's session: discovery
 * succeeded (100), discovery could not connect (102) or got an HTTP error (103), and a site the
 * task adds to the intranet zone that already sits in another zone (104).
 * @see ../shared/research/protocol.md §3d (the five public templates of the provider)
 * modeled: that a sign-in or registration failure logs no further event (the provider has 11
 *   events, the texts of the other six are not public, so none is invented); 104's zone names.
 */
import { WPJ_CHANNEL } from '../../protocol/events/event-catalog.ts';
import type { EventRecord } from '../../protocol/events/format-event.ts';
import type { DownlevelTrace } from '../autoworkplace/downlevel-trace.ts';

export function workplaceJoinEvents(trace: DownlevelTrace): EventRecord[] {
  const out: EventRecord[] = [];
  for (const a of trace.attempts) {
    const user = { sid: a.sid, name: a.account };
    const log = (id: number, ...params: string[]) =>
      out.push({ id, channel: WPJ_CHANNEL, params, time: trace.time, user });
    for (const s of a.steps) {
      if (s.k === 'discovery-ok') log(100);
      else if (s.k === 'discovery-failed')
        if (s.httpStatus === undefined) log(102, s.hresult, s.error ?? '', s.url);
        else log(103, String(s.httpStatus), s.url);
      else log(104, s.hresult, 'Local intranet', s.existsIn, s.uri);
    }
  }
  return out;
}
