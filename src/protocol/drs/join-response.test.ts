import { describe, expect, it } from 'vitest';
import { buildJoinResponse, readJoinResponse } from './join-response.ts';

const der = Buffer.from('3082', 'hex');
const built = buildJoinResponse({
  certificateDer: der,
  thumbprint: 'F243C1D15BF2CD9D33764913B003E9FB56543560',
  upn: '',
  addSids: ['S-1-12-1-1943430372-1249052806-2496021943-3034400218'],
});

describe('join response', () => {
  it('has the [HBS] shape', () => {
    expect(built).toEqual({
      Certificate: { Thumbprint: 'F243C1D15BF2CD9D33764913B003E9FB56543560', RawBody: 'MII=' },
      User: { Upn: '' },
      MembershipChanges: [
        {
          LocalSID: 'S-1-5-32-544',
          AddSIDs: ['S-1-12-1-1943430372-1249052806-2496021943-3034400218'],
        },
      ],
    });
  });

  it('reads back what was built', () => {
    expect(readJoinResponse(JSON.parse(JSON.stringify(built)))).toEqual({ ok: true, value: built });
  });

  it.each([
    ['an error body', { ErrorType: 'DirectoryError', Message: 'm' }, 'Certificate is missing'],
    [
      'a short thumbprint',
      { Certificate: { Thumbprint: 'F243', RawBody: 'MII=' } },
      'Certificate.Thumbprint is not a SHA-1 hex string',
    ],
    [
      'no RawBody',
      { Certificate: { Thumbprint: 'F243C1D15BF2CD9D33764913B003E9FB56543560' } },
      'Certificate.RawBody is not a base64 string',
    ],
    ['a string', 'x', 'the join response is not a JSON object'],
  ])('rejects %s', (_name, body, problem) => {
    expect(readJoinResponse(body)).toEqual({ ok: false, problem });
  });
});
