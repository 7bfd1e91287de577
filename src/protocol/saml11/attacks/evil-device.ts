/**
 * The identity every evil part claims by default: another computer of the same domain, with a
 * GUID and a SID no scenario uses, so a leak is easy to spot in a token or a log.
 * @see modeled: values chosen for visibility (GUID deadbeef…, SID sub-authorities 666666666)
 */
import { uuidAsBase64Guid } from '../../encoding/guid.ts';
import type { EvilClaims } from './types.ts';

export const EVIL_DEVICE_GUID = 'deadbeef-dead-4bad-8bad-deadbeefdead';
export const EVIL_DEVICE_SID = 'S-1-5-21-666666666-666666666-666666666-1000';

/** The device claims (ImmutableID, onpremobjectguid, primarysid, NameIdentifier) of the evil computer. */
export const EVIL_DEVICE_CLAIMS: EvilClaims = {
  attributes: {
    ImmutableID: uuidAsBase64Guid(EVIL_DEVICE_GUID),
    onpremobjectguid: uuidAsBase64Guid(EVIL_DEVICE_GUID),
    primarysid: EVIL_DEVICE_SID,
  },
  nameIdentifier: uuidAsBase64Guid(EVIL_DEVICE_GUID),
};
