/**
 * The events the down-level Workplace Join MSI writes to its own log, `Microsoft-Workplace Join`
 * (Applications and Services Logs), in each user's session: 201 when the registration succeeded.
 * @see [TSL] (the log to check on a down-level device); [AZD80678] (a captured 201: `Hybrid Azure
 *   AD Join operation succeeded. Activity Id: 00000000-0000-0000-0000-000000000000` /
 *   `Registration Service URI: https://enterpriseregistration.windows.net/EnrollmentServer/DeviceEnrollmentWebService.svc`)
 * modeled: failures log nothing. The MSI logs them as 400 and 404 [AZD52350], whose texts are not
 *   public, so none is invented (the dialog of `autoworkplace.exe /i` carries the failure). The
 *   Activity Id is the empty GUID the one capture shows; whether Windows ever fills it is not
 *   public. The built-in Workplace Join provider of Windows 8.1 (events 100–104 in the catalogue)
 *   is a different component and is not written by the MSI.
 */
import { MSI_WPJ_CHANNEL } from '../../protocol/events/event-catalog.ts';
import type { EventRecord } from '../../protocol/events/format-event.ts';
import type { DownlevelTrace } from '../autoworkplace/downlevel-trace.ts';

const EMPTY_ACTIVITY_ID = '00000000-0000-0000-0000-000000000000';

export function workplaceJoinEvents(trace: DownlevelTrace): EventRecord[] {
  const out: EventRecord[] = [];
  for (const a of trace.attempts) {
    const user = { sid: a.sid, name: a.account };
    for (const s of a.steps)
      if (s.k === 'registered')
        out.push({
          id: 201,
          channel: MSI_WPJ_CHANNEL,
          params: [EMPTY_ACTIVITY_ID, s.registrationServiceUri],
          time: trace.time,
          user,
        });
  }
  return out;
}
