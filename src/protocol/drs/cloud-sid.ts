/**
 * The `S-1-12-1-…` SID Windows uses for an Entra object: the object id's 16 bytes (Guid.ToByteArray
 * order) read as four little-endian uint32s. DRS lists such SIDs in `MembershipChanges.AddSIDs`.
 * @see himmelblau-idm/aad-join-spec §2.1.1.1.2 (AddSIDs example `S-1-12-1-3792446273-…`);
 *   AADInternals Convert-AADIntObjectIdToSid
 */
import { uuidAsBase64Guid } from '../encoding/guid.ts';

export function cloudSidFromObjectId(objectId: string): string {
  const b = Buffer.from(uuidAsBase64Guid(objectId), 'base64');
  const parts = [0, 4, 8, 12].map((o) => b.readUInt32LE(o));
  return `S-1-12-1-${parts.join('-')}`;
}
