/**
 * The Event Viewer entries the Windows join clients write: the User Device Registration Admin log
 * (Windows 10+, dsreg), the down-level Workplace Join MSI's own log, and the built-in Workplace
 * Join provider of Windows 8.1 (kept for `hjsim explain` and `diagnose`, which read texts
 * customers paste) — each with its log, level, message template and provenance.
 * `hjsim explain <id>` and the event renderers read this one table.
 *
 * Templates are written as Event Viewer RENDERS them, not in message-compiler notation: `\n` is a
 * line break, a trailing space before it is Windows' own (the message table's `\r\n%n` shows as
 * a space then a break), and `\\r\\n` is the literal four characters some messages carry.
 * @see [LYWK] dsreg.dll message table per build (10.0.14393 … 10.0.19041) for every User Device
 *   Registration text; [WIKI] and [QA687273] for how they render (trailing spaces, the literal
 *   `\r\n` of 331 and of the pre-1809 304, `Unknown HResult Error code:` in typed exit codes);
 *   [SUPA307] for the pre-1809 304 with `Debug Output:\r\n undefined.`; [AZD80678] and [TSL] for
 *   the down-level MSI log; [LYWPJ] for the built-in Workplace Join provider.
 * modeled: the level of 200, 201, 203, 205, 206, 307, 309, 333, 334 (Error) and of 332
 *   (Warning): the captures show Error for 202, 204, 304, 305, 344 and Information for 100, 101,
 *   331, 335 [WIKI; DWIKI]; the HRESULT typing of ExitCode in 200, 201, 203, 205, 206 and 309
 *   (captured for 202, 204, 304, 305, 307: the same manifest field name).
 */
import type { Provenance } from '../../core/provenance.ts';

/** The log, as Event Viewer's tree names it (Applications and Services Logs › …). */
export type EventChannel =
  'User Device Registration/Admin' | 'Microsoft-Workplace Join' | 'Workplace Join/Admin';

export type EventLevel = 'Information' | 'Warning' | 'Error';

/** The template an older Windows build renders instead of the entry's current one. */
export interface OlderTemplate {
  /** The template applies to builds below this one (e.g. 17763: up to 1803). */
  readonly beforeBuild: number;
  readonly template: string;
  /** Its insertion strings, by the entry's field names (older templates drop or reorder some). */
  readonly fields: readonly string[];
  readonly provenance: Provenance;
}

export interface EventEntry {
  readonly id: number;
  readonly channel: EventChannel;
  /** The channel's full name (Event Viewer's "Log Name"). */
  readonly logName: string;
  /** The provider (Event Viewer's "Source"). */
  readonly provider: string;
  readonly level: EventLevel;
  /** The current message as Event Viewer renders it, insertion strings `%1`, `%2`… unfilled. */
  readonly template: string;
  /** What each insertion string holds, in order (the manifest's field names where known). */
  readonly fields: readonly string[];
  /**
   * Fields typed as an HRESULT: Event Viewer shows Windows' message text for the code, else
   * `Unknown HResult Error code: 0x…` [WIKI].
   */
  readonly hresultFields?: readonly string[];
  /** Templates of older builds, newest first. */
  readonly older?: readonly OlderTemplate[];
  readonly provenance: Provenance;
}

export const UDR_CHANNEL: EventChannel = 'User Device Registration/Admin';
/** The down-level MSI's log: Applications and Services Logs › Microsoft-Workplace Join [TSL]. */
export const MSI_WPJ_CHANNEL: EventChannel = 'Microsoft-Workplace Join';
/** The built-in Workplace Join provider of Windows 8.1 (not the down-level MSI's log). */
export const WPJ_CHANNEL: EventChannel = 'Workplace Join/Admin';
export const UDR_PROVIDER = 'Microsoft-Windows-User Device Registration';
export const MSI_WPJ_PROVIDER = 'Microsoft-Workplace Join';
export const WPJ_PROVIDER = 'Microsoft-Windows-Workplace Join';

/** The first build with the five-line 304/305 and 104's Activity Id (Windows 10 1809, Server 2019). */
export const BUILD_1809 = 17763;
/** 104 gained its `Activity Id` line in 1803. */
const BUILD_1803 = 17134;

const LYWK: Provenance = {
  source: 'LYWK dsreg.dll message table (10.0.19041); rendering: WIKI, QA687273',
};
const WPJ: Provenance = {
  source: 'LYWPJ deviceregistration.dll message table (Windows 8.1 built-in provider)',
};
const EXIT_CODE = ['ExitCode'] as const;

function udr(
  id: number,
  level: EventLevel,
  template: string,
  fields: readonly string[] = [],
  more: Partial<Pick<EventEntry, 'hresultFields' | 'older' | 'provenance'>> = {},
): EventEntry {
  return {
    id,
    channel: UDR_CHANNEL,
    logName: `${UDR_PROVIDER}/Admin`,
    provider: UDR_PROVIDER,
    level,
    template,
    fields,
    provenance: LYWK,
    ...more,
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
    'The discovery operation callback was successful. \nServer response was: %1',
    ['ServerMessage'],
  ),
  udr(
    102,
    'Information',
    'The initialization of the join request was successful. Inputs:\n JoinRequest: %1 (%2)\n Domain: %3',
    ['JoinRequestType', 'JoinRequestTypeSymbolicName', 'Domain'],
  ),
  udr(
    103,
    'Information',
    'The join request was successfully sent to server. Inputs:\n AuthToken: %1',
    ['AuthToken'],
  ),
  udr(
    104,
    'Information',
    'The get join response operation callback was successful. \nActivity Id: %2 \nServer response was: %1',
    ['ServerResponse', 'ActivityId'],
    {
      older: [
        {
          beforeBuild: BUILD_1803,
          template:
            'The get join response operation callback was successful. Server response was:%1',
          fields: ['ServerResponse'],
          provenance: {
            source: 'LYWK (10.0.10586 text; the Activity Id line appears in 10.0.17134)',
          },
        },
      ],
    },
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
    'The discovery request send operation failed with exit code: %1. Inputs:\n Domain: %2',
    ['ExitCode', 'Domain'],
    { hresultFields: EXIT_CODE },
  ),
  udr(
    201,
    'Error',
    'The discovery operation callback failed with exit code: %1. The server returned HTTP status: %2. \nServer response was:\n%3',
    ['ExitCode', 'HttpStatus', 'ServerMessage'],
    { hresultFields: EXIT_CODE },
  ),
  udr(
    202,
    'Error',
    'The initialization of the join request failed with exit code: %1. Inputs:\n JoinRequest: %2 (%3)\n Domain: %4',
    ['ExitCode', 'JoinRequestType', 'JoinRequestTypeSymbolicName', 'Domain'],
    { hresultFields: EXIT_CODE },
  ),
  udr(
    203,
    'Error',
    'The send join request operation failed with exit code: %1. Inputs:\n AuthToken: %2',
    ['ExitCode', 'AuthToken'],
    { hresultFields: EXIT_CODE },
  ),
  udr(
    204,
    'Error',
    'The get join response operation callback failed with exit code: %1. \nActivity Id: %2 \nThe server returned HTTP status: %3 \nServer response was: %4',
    ['ExitCode', 'ActivityId', 'HttpStatus', 'ServerResponse'],
    { hresultFields: EXIT_CODE },
  ),
  udr(205, 'Error', 'The complete join response operation failed with exit code: %1. ', EXIT_CODE, {
    hresultFields: EXIT_CODE,
  }),
  udr(
    304,
    'Error',
    'Automatic registration failed at join phase. \nExit code: %1 \nServer error: %2 \nTenant type: %3 \nRegistration type: %4 \nDebug Output: \n%5',
    ['ExitCode', 'ServerError', 'TenantType', 'RegistrationType', 'DebugOutput'],
    {
      hresultFields: EXIT_CODE,
      older: [
        {
          beforeBuild: BUILD_1809,
          template:
            'Automatic registration failed at join phase.  Exit code: %1. Server error:%2. Debug Output:\\r\\n %3.',
          fields: ['ExitCode', 'ServerError', 'DebugOutput'],
          provenance: {
            source:
              'LYWK (10.0.14393–10.0.17134 text); rendering: SUPA307 ("Server error:. Debug Output:\\r\\n undefined.": no space after "error:" where LYWK\'s dump shows one; the capture wins), WIKI ("Exit code: Access is denied.. Server error:")',
          },
        },
      ],
    },
  ),
  udr(
    305,
    'Error',
    'Automatic registration failed at authentication phase. Unable to acquire access token. \nExit code: %1 \nTenant Name: %4 \nTenant Type: %3 \nServer error: \n%2',
    ['ExitCode', 'ServerError', 'TenantType', 'TenantName'],
    {
      hresultFields: EXIT_CODE,
      older: [
        {
          beforeBuild: BUILD_1809,
          template:
            'Automatic registration failed at authentication phase.  Unable to acquire access token.  Exit code: %1. Server error: %2. Tenant Type: %3',
          fields: ['ExitCode', 'ServerError', 'TenantType'],
          provenance: { source: 'LYWK (10.0.14393–10.0.17134 text)' },
        },
      ],
    },
  ),
  udr(306, 'Information', 'Automatic registration Succeeded.'),
  udr(
    307,
    'Error',
    'Automatic registration failed. Failed to lookup the registration service information from Active Directory. Exit code: %1. See http://go.microsoft.com/fwlink/?LinkId=623042',
    EXIT_CODE,
    { hresultFields: EXIT_CODE },
  ),
  udr(309, 'Error', 'Failed to discover the Azure AD DRS service. Exit code: %1.', EXIT_CODE, {
    hresultFields: EXIT_CODE,
  }),
  // The `\r\n` before the debug output is literal text in this message [WIKI capture of 331].
  udr(
    331,
    'Information',
    'Automatic device join pre-check tasks completed. Debug output:\\r\\n %1',
    ['DebugOutput'],
  ),
  udr(
    332,
    'Warning',
    'Automatic device join pre-check tasks found that this device is joined, however, it is missing some required state. The device will be removed and then joined again.',
  ),
  udr(
    333,
    'Error',
    'Automatic device join pre-check tasks completed. The device can NOT be joined. The process MUST run as NT AUTHORITY\\SYSTEM.',
  ),
  udr(
    334,
    'Error',
    'Automatic device join pre-check tasks completed. The device can NOT be joined because a domain controller could not be located. The device must be connected to a network with connectivity to an Active Directory domain controller.',
  ),
  udr(
    335,
    'Information',
    'Automatic device join pre-check tasks completed. The device is already joined.',
  ),
];

/**
 * The down-level MSI's log (Windows 7, 8.1, Server 2008 R2 – 2012 R2). Its failure events 400 and
 * 404 exist [AZD52350] but their texts are not public, so they are not in this table.
 */
export const MSI_WORKPLACE_JOIN_EVENTS: readonly EventEntry[] = [
  {
    id: 201,
    channel: MSI_WPJ_CHANNEL,
    logName: MSI_WPJ_PROVIDER,
    provider: MSI_WPJ_PROVIDER,
    level: 'Information',
    template:
      'Hybrid Azure AD Join operation succeeded. Activity Id: %1\nRegistration Service URI: %2',
    fields: ['ActivityId', 'RegistrationServiceUri'],
    provenance: {
      source:
        'AZD80678 (captured event: Source Microsoft-Workplace Join, EventId 201); TSL (the log); level modeled',
    },
  },
];

/** The built-in Workplace Join provider of Windows 8.1 (the provider has 11; these are public). */
export const WORKPLACE_JOIN_EVENTS: readonly EventEntry[] = [
  // Its data fields (ActivityId, JWT) are not insertion strings of the message.
  wpj(100, 'Information', 'Workplace Join discovery succeeded.', []),
  wpj(101, 'Information', "Workplace Join discovery will query redirect location from '%1'.", [
    'ServiceUri',
  ]),
  wpj(
    102,
    'Error',
    "Workplace Join discovery failed.\nExit code: %1.\nError Message: %2\nCould not connect to '%3'.",
    ['ExitCode', 'ErrorMessage', 'ServiceUri'],
  ),
  wpj(
    103,
    'Error',
    'Workplace Join discovery failed. Server returned http status %1.\nService URI: %2',
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
  ...MSI_WORKPLACE_JOIN_EVENTS,
  ...WORKPLACE_JOIN_EVENTS,
];

/**
 * The catalogue entry for an event id. Some ids exist in several logs: without `channel` the User
 * Device Registration entry (Windows 10+) is returned; `eventEntries` returns all.
 */
export function eventEntry(id: number, channel?: EventChannel): EventEntry | undefined {
  return EVENT_CATALOG.find((e) => e.id === id && (channel === undefined || e.channel === channel));
}

/** Every catalogue entry with this id (one per log that defines it). */
export function eventEntries(id: number): readonly EventEntry[] {
  return EVENT_CATALOG.filter((e) => e.id === id);
}

/** The template a machine of this Windows build renders (the current one without a build). */
export function templateFor(
  entry: EventEntry,
  build?: number,
): { readonly template: string; readonly fields: readonly string[] } {
  if (build === undefined) return entry;
  // `older` is newest first: the last one whose bound is above the build is the oldest that fits.
  const fits = (entry.older ?? []).filter((o) => build < o.beforeBuild);
  return fits.at(-1) ?? entry;
}
