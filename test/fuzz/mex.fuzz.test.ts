/**
 * Fuzz: the client's MEX reader on arbitrary input: a selection (with warnings) or a SimError
 * ERR_XML_MALFORMED / ERR_XML_DTD / ERR_XML_SHAPE, nothing else, and no input is slow.
 */
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { buildMex } from '../../src/protocol/mex/build-mex.ts';
import { parseMex, type MexSelection } from '../../src/protocol/mex/select-endpoint.ts';
import { FUZZ_RUNS, fuzzXmlReader } from './fuzz-support.ts';

const sts = 'https://sso.example.com/wsf/sts/x';
const mexes = [
  buildMex({
    endpoints: [
      { kind: 'windowstransport', version: '1.3', address: sts, upn: 'svc@example.com' },
      { kind: 'usernamemixed', version: '1.3', address: sts },
      { kind: 'windowstransport', version: '2005', address: sts },
    ],
  }),
  buildMex({ endpoints: [{ kind: 'usernamemixed', version: '2005', address: sts }] }),
  readFileSync(
    new URL('../../src/protocol/mex/fixtures/adfs-like.mex.xml', import.meta.url),
    'utf8',
  ),
];

describe('fuzz: MEX', () => {
  it(`parseMex: ${FUZZ_RUNS.mex} inputs, only documented errors`, () => {
    fuzzXmlReader({
      runs: FUZZ_RUNS.mex,
      bases: mexes,
      codes: ['ERR_XML_MALFORMED', 'ERR_XML_DTD', 'ERR_XML_SHAPE'],
      call: parseMex,
      classify: (v) => ((v as MexSelection).integrated ? 'ok: integrated endpoint' : 'ok: none'),
    });
  });
});
