/**
 * The DRS join success body: the issued device certificate, the authenticated identity and the
 * local group changes.
 * @see himmelblau-idm/aad-join-spec §2.1.1.1.2; [MS-DVRJ] (on-premises DRS, same shape);
 *   [HBS] [ROAD] [AADI] [DVRJ] [TSC]
 */

export interface JoinResponse {
  Certificate: { Thumbprint: string; RawBody: string };
  User: { Upn: string };
  MembershipChanges: { LocalSID: string; AddSIDs: string[] }[];
}

/** BUILTIN\Administrators, the group [HBS]'s example adds the tenant's administrator SIDs to. */
export const BUILTIN_ADMINISTRATORS_SID = 'S-1-5-32-544';

export function buildJoinResponse(i: {
  certificateDer: Buffer;
  /** SHA-1 of the DER, upper-case hex (as dsregcmd prints it). */
  thumbprint: string;
  upn: string;
  addSids: readonly string[];
}): JoinResponse {
  return {
    Certificate: { Thumbprint: i.thumbprint, RawBody: i.certificateDer.toString('base64') },
    User: { Upn: i.upn },
    MembershipChanges: [{ LocalSID: BUILTIN_ADMINISTRATORS_SID, AddSIDs: [...i.addSids] }],
  };
}

/** Reads a parsed join response; the client needs at least the certificate. */
export function readJoinResponse(
  body: unknown,
): { ok: true; value: JoinResponse } | { ok: false; problem: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, problem: 'the join response is not a JSON object' };
  }
  const o = body as Record<string, unknown>;
  const cert = o['Certificate'] as Record<string, unknown> | null | undefined;
  if (cert === null || typeof cert !== 'object')
    return { ok: false, problem: 'Certificate is missing' };
  const thumbprint = cert['Thumbprint'];
  const rawBody = cert['RawBody'];
  if (typeof thumbprint !== 'string' || !/^[0-9A-Fa-f]{40}$/.test(thumbprint)) {
    return { ok: false, problem: 'Certificate.Thumbprint is not a SHA-1 hex string' };
  }
  if (typeof rawBody !== 'string' || rawBody === '') {
    return { ok: false, problem: 'Certificate.RawBody is not a base64 string' };
  }
  const user = o['User'] as Record<string, unknown> | null | undefined;
  const upn =
    user !== null && typeof user === 'object' && typeof user['Upn'] === 'string' ? user['Upn'] : '';
  const changes: JoinResponse['MembershipChanges'] = [];
  if (Array.isArray(o['MembershipChanges'])) {
    for (const c of o['MembershipChanges'] as unknown[]) {
      if (c === null || typeof c !== 'object') continue;
      const r = c as Record<string, unknown>;
      if (typeof r['LocalSID'] !== 'string' || !Array.isArray(r['AddSIDs'])) continue;
      changes.push({
        LocalSID: r['LocalSID'],
        AddSIDs: (r['AddSIDs'] as unknown[]).filter((s): s is string => typeof s === 'string'),
      });
    }
  }
  return {
    ok: true,
    value: {
      Certificate: { Thumbprint: thumbprint, RawBody: rawBody },
      User: { Upn: upn },
      MembershipChanges: changes,
    },
  };
}
