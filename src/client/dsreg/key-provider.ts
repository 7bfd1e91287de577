/**
 * The key storage provider dsregcmd names for the device key (the HRESULTs the client reports
 * live in the one catalogue, protocol/hresult/catalog.ts).
 * @see [PING] (`KeyProvider : Microsoft Software Key Storage Provider` in the seed transcripts)
 */

/** The key provider dsregcmd prints for a software key (seed `KeyProvider`). */
export const KEY_PROVIDER = 'Microsoft Software Key Storage Provider';
