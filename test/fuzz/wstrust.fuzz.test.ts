/**
 * Fuzz: the WS-Trust readers on arbitrary input. parseRst (the mock IdP's STS reads every request
 * with it) and parseRstr (the client reads the IdP's answer) either return a result or throw a
 * SimError ERR_XML_MALFORMED / ERR_XML_DTD / ERR_XML_SHAPE: nothing else, and no input is slow.
 */
import { describe, it } from 'vitest';
import { buildRst, parseRst } from '../../src/protocol/wstrust/rst.ts';
import { buildRstr, parseRstr } from '../../src/protocol/wstrust/rstr.ts';
import { buildSoapFault } from '../../src/protocol/wstrust/soap-fault.ts';
import { signedDeviceAssertion } from '../support/entra-fixture.ts';
import { FUZZ_RUNS, fuzzXmlReader } from './fuzz-support.ts';

const XML_ERRORS = ['ERR_XML_MALFORMED', 'ERR_XML_DTD', 'ERR_XML_SHAPE'] as const;
const T = new Date('2025-07-10T17:22:13.000Z');

const rsts = (['1.3', '2005'] as const).flatMap((version) => [
  buildRst({
    version,
    to: 'https://sso.example.com/wsf/sts/x',
    messageId: 'urn:uuid:1',
    appliesTo: 'urn:federation:MicrosoftOnline',
  }),
  buildRst({
    version,
    to: 'https://sso.example.com/wsf/sts/x',
    messageId: 'urn:uuid:2',
    appliesTo: 'urn:federation:MicrosoftOnline',
    username: {
      username: 'u@example.com',
      password: 'p<&>',
      created: T,
      expires: new Date(T.getTime() + 600_000),
    },
  }),
]);

const rstrs = [
  ...(['1.3', '2005'] as const).map((version) =>
    buildRstr({
      version,
      assertionXml: signedDeviceAssertion(),
      tokenType: 'urn:oasis:names:tc:SAML:1.0:assertion',
      created: T,
      expires: new Date(T.getTime() + 3600_000),
      appliesTo: 'urn:federation:MicrosoftOnline',
      relatesTo: 'urn:uuid:1',
    }),
  ),
  buildSoapFault({
    code: 'Sender',
    subcode: {
      namespace: 'http://docs.oasis-open.org/ws-sx/ws-trust/200512',
      value: 'FailedAuthentication',
    },
    reason: 'ID3242: The security token could not be authenticated or authorized.',
  }),
];

describe('fuzz: WS-Trust', () => {
  it(`parseRst: ${FUZZ_RUNS.rst} inputs, only documented errors`, () => {
    fuzzXmlReader({ runs: FUZZ_RUNS.rst, bases: rsts, codes: XML_ERRORS, call: parseRst });
  });

  it(`parseRstr: ${FUZZ_RUNS.rstr} inputs, only documented errors`, () => {
    fuzzXmlReader({
      runs: FUZZ_RUNS.rstr,
      bases: rstrs,
      codes: XML_ERRORS,
      call: parseRstr,
      classify: (v) => `ok: ${(v as { kind: string }).kind}`,
    });
  });
});
