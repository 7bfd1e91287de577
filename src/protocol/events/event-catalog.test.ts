import { describe, expect, it } from 'vitest';
import {
  EVENT_CATALOG,
  UDR_CHANNEL,
  WPJ_CHANNEL,
  eventEntries,
  eventEntry,
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

  it('has the research §3d texts verbatim', () => {
    expect(eventEntry(306)?.template).toBe('Automatic registration Succeeded.');
    expect(eventEntry(335)?.template).toBe(
      'Automatic device join pre-check tasks completed. The device is already joined.',
    );
    expect(eventEntry(307)?.template).toContain(
      'Failed to lookup the registration service information from Active Directory. Exit code: %1.',
    );
    expect(eventEntry(100, WPJ_CHANNEL)?.template).toBe('Workplace Join discovery succeeded.');
  });

  it('gives the Windows 10+ entry for an id both logs use, and both on request', () => {
    expect(eventEntry(100)?.channel).toBe(UDR_CHANNEL);
    expect(eventEntries(100).map((e) => e.channel)).toEqual([UDR_CHANNEL, WPJ_CHANNEL]);
    expect(eventEntry(999)).toBeUndefined();
    expect(eventEntry(306, WPJ_CHANNEL)).toBeUndefined();
  });

  it('numbers every insertion string it declares and carries provenance', () => {
    for (const e of EVENT_CATALOG) {
      const used = [...e.template.matchAll(/%(\d+)/g)].map((m) => Number(m[1]));
      const highest = used.length ? Math.max(...used) : 0;
      expect(e.fields.length, `${e.channel} ${e.id}`).toBe(highest);
      expect('source' in e.provenance || 'modeled' in e.provenance).toBe(true);
    }
  });

  it('no id appears twice in one channel', () => {
    const keys = EVENT_CATALOG.map((e) => `${e.channel}#${e.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('formatEventMessage', () => {
  it('fills insertion strings in their numbered places (304 puts %2 after %1)', () => {
    const e = eventEntry(305)!;
    expect(
      formatEventMessage(e, ['0xcaa1000e', 'AdalMessage: x', 'Federated', 'contoso.com']),
    ).toBe(
      'Automatic registration failed at authentication phase. Unable to acquire access token. Exit code: 0xcaa1000e Tenant Name: contoso.com Tenant Type: Federated Server error: AdalMessage: x',
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
