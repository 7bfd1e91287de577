import { describe, expect, it } from 'vitest';
import {
  EVENT_CATALOG,
  MSI_WPJ_CHANNEL,
  UDR_CHANNEL,
  WPJ_CHANNEL,
  eventEntries,
  eventEntry,
  templateFor,
} from './event-catalog.ts';
import { entryOf, formatEventMessage } from './format-event.ts';

describe('event catalogue', () => {
  it('holds every User Device Registration event the issue names', () => {
    const ids = [
      100, 101, 102, 103, 104, 105, 106, 200, 201, 202, 203, 204, 205, 304, 305, 306, 307, 309, 331,
      332, 333, 334, 335,
    ];
    for (const id of ids) expect(eventEntry(id, UDR_CHANNEL), String(id)).toBeDefined();
  });

  it('has the message-table texts verbatim [LYWK]', () => {
    expect(eventEntry(306)?.template).toBe('Automatic registration Succeeded.');
    expect(eventEntry(335)?.template).toBe(
      'Automatic device join pre-check tasks completed. The device is already joined.',
    );
    expect(eventEntry(307)?.template).toContain(
      'Failed to lookup the registration service information from Active Directory. Exit code: %1.',
    );
    expect(eventEntry(100, WPJ_CHANNEL)?.template).toBe('Workplace Join discovery succeeded.');
  });

  it('gives the Windows 10+ entry for an id several logs use, and all on request', () => {
    expect(eventEntry(100)?.channel).toBe(UDR_CHANNEL);
    expect(eventEntries(100).map((e) => e.channel)).toEqual([UDR_CHANNEL, WPJ_CHANNEL]);
    expect(eventEntries(201).map((e) => e.channel)).toEqual([UDR_CHANNEL, MSI_WPJ_CHANNEL]);
    expect(eventEntry(999)).toBeUndefined();
    expect(eventEntry(306, WPJ_CHANNEL)).toBeUndefined();
  });

  it('numbers every insertion string it declares and carries provenance, older templates too', () => {
    for (const e of EVENT_CATALOG) {
      for (const t of [e, ...(e.older ?? [])]) {
        const used = [...t.template.matchAll(/%(\d+)/g)].map((m) => Number(m[1]));
        const highest = used.length ? Math.max(...used) : 0;
        expect(t.fields.length, `${e.channel} ${e.id}`).toBe(highest);
        expect('source' in t.provenance || 'modeled' in t.provenance).toBe(true);
        // An older template names only fields the entry's records carry.
        for (const f of t.fields) expect(e.fields, `${e.id} ${f}`).toContain(f);
      }
      for (const f of e.hresultFields ?? []) expect(e.fields).toContain(f);
    }
  });

  it('picks the template of the logging build: before 17763 the one-line 304 [LYWK]', () => {
    const e = eventEntry(304)!;
    expect(templateFor(e, 17763).template).toBe(e.template);
    expect(
      templateFor(e, 17134).template.startsWith(
        'Automatic registration failed at join phase.  Exit code: %1.',
      ),
    ).toBe(true);
    expect(templateFor(e).template).toBe(e.template);
    expect(templateFor(eventEntry(104)!, 16299).template).not.toContain('Activity Id');
    expect(templateFor(eventEntry(104)!, 17134).template).toContain('Activity Id');
  });

  it('no id appears twice in one channel', () => {
    const keys = EVENT_CATALOG.map((e) => `${e.channel}#${e.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('formatEventMessage', () => {
  it('fills insertion strings in their numbered places (305 puts %4 before %3, %2 last)', () => {
    const e = eventEntry(305)!;
    expect(
      formatEventMessage(e, ['0xcaa9002c', 'AdalMessage: x', 'Federated', 'contoso.com']),
    ).toBe(
      'Automatic registration failed at authentication phase. Unable to acquire access token. \nExit code: Unknown HResult Error code: 0xcaa9002c \nTenant Name: contoso.com \nTenant Type: Federated \nServer error: \nAdalMessage: x',
    );
  });

  it('shows a typed exit code as Windows does: its text, else Unknown HResult [WIKI]', () => {
    const e = eventEntry(202)!;
    expect(formatEventMessage(e, ['0x80280036', '1', 'DEVICE', 'contoso.com'])).toBe(
      'The initialization of the join request failed with exit code: The TPM is attempting to execute a command only available when in FIPS mode.. Inputs:\n JoinRequest: 1 (DEVICE)\n Domain: contoso.com',
    );
    expect(formatEventMessage(eventEntry(205)!, ['0x2ee6'])).toBe(
      'The complete join response operation failed with exit code: Unknown HResult Error code: 0x00002ee6. ',
    );
    // A string that is not an HRESULT is shown as it is.
    expect(formatEventMessage(eventEntry(309)!, ['n/a'])).toBe(
      'Failed to discover the Azure AD DRS service. Exit code: n/a.',
    );
  });

  it('leaves a missing insertion string visible, as Event Viewer does', () => {
    expect(formatEventMessage(eventEntry(309)!, [])).toBe(
      'Failed to discover the Azure AD DRS service. Exit code: %1.',
    );
  });

  it('refuses a record the catalogue does not know', () => {
    expect(() => entryOf({ id: 999, channel: UDR_CHANNEL, params: [], time: new Date(0) })).toThrow(
      /not in the/,
    );
  });
});
