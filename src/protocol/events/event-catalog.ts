/**
 * The Event Viewer entries the Windows join clients write: the User Device Registration Admin log
 * (Windows 10+, dsreg) and the Workplace Join Admin log (Windows 7 / 8.1, autoworkplace), each with
 * its channel, level, message template (`%1`, `%2`… are the event's parameters) and provenance.
 * `hjsim explain <id>` and the event renderers read this one table.
 * @see ../shared/research/protocol.md §3d: the "Microsoft-Windows-User Device Registration" manifest
 *   dump [EVT] and the detection-wiki pages for both providers (templates and fields)
 * modeled: the level of the failure events (Error) and of 332 (Warning); the manifest dump we hold
 *   gives message texts, and the detection-wiki samples show level 4 (Information) for 100–106 only.
 */
import type { Provenance } from '../../core/provenance.ts';

/** The log, as Event Viewer's tree names it (Applications and Services Logs › Microsoft › Windows). */
export type EventChannel = 'User Device Registration/Admin' | 'Workplace Join/Admin';

export type EventLevel = 'Information' | 'Warning' | 'Error';

export interface EventEntry {
  readonly id: number;
  readonly channel: EventChannel;
  /** The channel's full name (`wevtutil qe <logName>`, Event Viewer's "Log Name"). */
  readonly logName: string;
  /** The provider (Event Viewer's "Source"). */
  readonly provider: string;
  readonly level: EventLevel;
  /** The message with its insertion strings `%1`, `%2`… as the manifest writes them. */
  readonly template: string;
  /** What each insertion string holds, in order (the manifest's field names where known). */
  readonly fields: readonly string[];
  readonly provenance: Provenance;
}

export const UDR_CHANNEL: EventChannel = 'User Device Registration/Admin';
export const WPJ_CHANNEL: EventChannel = 'Workplace Join/Admin';
export const UDR_PROVIDER = 'Microsoft-Windows-User Device Registration';
export const WPJ_PROVIDER = 'Microsoft-Windows-Workplace Join';

const EVT: Provenance = {
  source:
    'event manifest of Microsoft-Windows-User Device Registration (research §3d [EVT]; detection-wiki-staging.pages.dev/microsoft-windows-user-device-registration)',
};
const WPJ: Provenance = {
  source:
    'Microsoft-Windows-Workplace Join provider, Admin channel (research §3d; detection-wiki-staging.pages.dev/microsoft-windows-workplace-join)',
};

function udr(
  id: number,
  level: EventLevel,
  template: string,
  fields: readonly string[] = [],
  provenance: Provenance = EVT,
): EventEntry {
  return {
    id,
    channel: UDR_CHANNEL,
    logName: `${UDR_PROVIDER}/Admin`,
    provider: UDR_PROVIDER,
    level,
    template,
    fields,
    provenance,
  };
}

function wpj(
  id: number,
  level: EventLevel,
  template: string,
  fields: readonly string[],
): EventEntry {
  return {
    id,
    channel: WPJ_CHANNEL,
    logName: `${WPJ_PROVIDER}/Admin`,
    provider: WPJ_PROVIDER,
    level,
    template,
    fields,
    provenance: WPJ,
  };
}

/** The User Device Registration Admin events the dsreg client writes. */
export const USER_DEVICE_REGISTRATION_EVENTS: readonly EventEntry[] = [
  udr(100, 'Information', 'The discovery request send operation was successful.'),
  udr(
    101,
    'Information',
    'The discovery operation callback was successful. Server response was: %1',
    ['ServerMessage'],
  ),
  udr(
    102,
    'Information',
    'The initialization of the join request was successful. Inputs: JoinRequest: %1 (%2) Domain: %3',
    ['JoinRequestType', 'JoinRequestTypeSymbolicName', 'Domain'],
  ),
  udr(
    103,
    'Information',
    'The join request was successfully sent to server. Inputs: AuthToken: %1',
    ['AuthToken'],
  ),
  udr(
    104,
    'Information',
    'The get join response operation callback was successful. Activity Id: %2 Server response was: %1',
    ['ServerResponse', 'ActivityId'],
  ),
  udr(105, 'Information', 'The complete join response operation was successful.'),
  udr(
    106,
    'Information',
    'The post join tasks for the AAD Authentication Package completed successfully.',
  ),
  udr(
    200,
    'Error',
    'The discovery request send operation failed with exit code: %1. Inputs: Domain: %2',
    ['ExitCode', 'Domain'],
  ),
  udr(
    201,
    'Error',
    'The discovery operation callback failed with exit code: %1. The server returned HTTP status: %2. Server response was: %3',
    ['ExitCode', 'HttpStatus', 'ServerMessage'],
  ),
  udr(
    202,
    'Error',
    'The initialization of the join request failed with exit code: %1. Inputs: JoinRequest: %2 (%3) Domain: %4',
    ['ExitCode', 'JoinRequestType', 'JoinRequestTypeSymbolicName', 'Domain'],
  ),
  udr(
    203,
    'Error',
    'The send join request operation failed with exit code: %1. Inputs: AuthToken: %2',
    ['ExitCode', 'AuthToken'],
  ),
  udr(
    204,
    'Error',
    'The get join response operation callback failed with exit code: %1. Activity Id: %2 The server returned HTTP status: %3 Server response was: %4',
    ['ExitCode', 'ActivityId', 'HttpStatus', 'ServerResponse'],
  ),
  udr(205, 'Error', 'The complete join response operation failed with exit code: %1.', [
    'ExitCode',
  ]),
  udr(
    304,
    'Error',
    'Automatic registration failed at join phase. Exit code: %1 Server error: %2 Tenant type: %3 Registration type: %4 Debug Output: %5',
    ['ExitCode', 'ServerError', 'TenantType', 'RegistrationType', 'DebugOutput'],
  ),
  udr(
    305,
    'Error',
    'Automatic registration failed at authentication phase. Unable to acquire access token. Exit code: %1 Tenant Name: %4 Tenant Type: %3 Server error: %2',
    ['ExitCode', 'ServerError', 'TenantType', 'TenantName'],
  ),
  udr(306, 'Information', 'Automatic registration Succeeded.'),
  udr(
    307,
    'Error',
    'Automatic registration failed. Failed to lookup the registration service information from Active Directory. Exit code: %1. See http://go.microsoft.com/fwlink/?LinkId=623042',
    ['ExitCode'],
  ),
  udr(309, 'Error', 'Failed to discover the Azure AD DRS service. Exit code: %1.', ['ExitCode']),
  udr(331, 'Information', 'Automatic device join pre-check tasks completed. Debug output:\r\n %1', [
    'DebugOutput',
  ]),
  udr(
    332,
    'Warning',
    'Automatic device join pre-check tasks completed. The device is joined, however, it is missing some required state. The device will be removed and then joined again.',
    [],
    {
      modeled:
        'research §3d gives the text from "device is joined" on; the opening "Automatic device join pre-check tasks completed." is taken from 331/335',
    },
  ),
  udr(
    333,
    'Error',
    'Automatic device join pre-check tasks completed. The device can NOT be joined. The process MUST run as NT AUTHORITY\\SYSTEM.',
    [],
    {
      modeled:
        'research §3d gives "… The device can NOT be joined. The process MUST run as NT AUTHORITY\\SYSTEM."; the opening is taken from 331/335',
    },
  ),
  udr(
    334,
    'Error',
    'Automatic device join pre-check tasks completed. The device can NOT be joined because a domain controller could not be located.',
    [],
    {
      modeled:
        'research §3d gives "… The device can NOT be joined because a domain controller could not be located. …"; the opening is taken from 331/335 and the elided tail left out',
    },
  ),
  udr(
    335,
    'Information',
    'Automatic device join pre-check tasks completed. The device is already joined.',
  ),
];

/** The Workplace Join Admin events of the down-level client (the provider has 11; these are the public ones). */
export const WORKPLACE_JOIN_EVENTS: readonly EventEntry[] = [
  // Its data fields (ActivityId, JWT) are not insertion strings of the message.
  wpj(100, 'Information', 'Workplace Join discovery succeeded.', []),
  wpj(101, 'Information', "Workplace Join discovery will query redirect location from '%1'.", [
    'ServiceUri',
  ]),
  wpj(
    102,
    'Error',
    "Workplace Join discovery failed.\r\nExit code: %1.\r\nError Message: %2\r\nCould not connect to '%3'.",
    ['ExitCode', 'ErrorMessage', 'ServiceUri'],
  ),
  wpj(
    103,
    'Error',
    'Workplace Join discovery failed. Server returned http status %1.\r\nService URI: %2',
    ['HttpStatus', 'ServiceUri'],
  ),
  wpj(
    104,
    'Warning',
    "Adding URI %4 to the '%2' zone in  Internet Explorer failed with error (HRESULT) %1 because it already exists in the '%3' zone.",
    ['ExitCode', 'ZoneUriIsAddedTo', 'ZoneUriExistsIn', 'Uri'],
  ),
];

/** Every entry, User Device Registration first. */
export const EVENT_CATALOG: readonly EventEntry[] = [
  ...USER_DEVICE_REGISTRATION_EVENTS,
  ...WORKPLACE_JOIN_EVENTS,
];

/**
 * The catalogue entry for an event id. Ids 100–104 exist in both logs: without `channel` the User
 * Device Registration entry (Windows 10+) is returned; `eventEntries` returns both.
 */
export function eventEntry(id: number, channel?: EventChannel): EventEntry | undefined {
  return EVENT_CATALOG.find((e) => e.id === id && (channel === undefined || e.channel === channel));
}

/** Every catalogue entry with this id (one per channel that defines it). */
export function eventEntries(id: number): readonly EventEntry[] {
  return EVENT_CATALOG.filter((e) => e.id === id);
}
