/**
 * Fuzz: mock Entra's SAML 1.1 verifier and the assertion reader on arbitrary input, seeded with
 * the valid device assertion and every attack fixture. verifyAssertion never throws and answers
 * with one of its documented failures; when it does accept an input, the claims it returns are
 * the genuine device's (no mutation of a signed assertion, nor of an attack, yields other
 * verified claims). readAssertion returns or throws SimError ERR_XML_SHAPE.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAssertion } from '../../src/protocol/saml11/parse-assertion.ts';
import { signAssertion } from '../../src/protocol/saml11/sign-assertion.ts';
import { buildAssertion } from '../../src/protocol/saml11/build-assertion.ts';
import { verifyAssertion, type VerifyResult } from '../../src/protocol/saml11/verify-assertion.ts';
import { parseXml } from '../../src/protocol/xml/parse-xml.ts';
import { SAML_ATTACK_CASES } from '../attacks/attack-cases.ts';
import { deviceAssertionInput, key, pem, signedDeviceAssertion } from '../support/entra-fixture.ts';
import { FUZZ_RUNS, fuzzXmlReader } from './fuzz-support.ts';

const IDP_CRT = pem('idp-signing.crt');
const valid = signedDeviceAssertion();
const withoutKeyInfo = signAssertion(
  buildAssertion(deviceAssertionInput()),
  key('idp-signing.key'),
  IDP_CRT,
  { includeKeyInfo: false },
);
const attacks = SAML_ATTACK_CASES.filter((c) => c.attack.name !== 'comment-injection').map((c) =>
  readFileSync(new URL(`../attacks/${c.file}`, import.meta.url), 'utf8'),
);
const genuine = verifyAssertion(valid, [IDP_CRT]);

const FAILURES = new Set([
  'malformed',
  'dtd',
  'not-an-assertion',
  'not-signed',
  'signature-invalid',
  'key-not-registered',
  'wrapping',
  'algorithm-not-allowed',
]);

describe('fuzz: SAML 1.1', () => {
  it(`verifyAssertion: ${FUZZ_RUNS.saml} inputs, never a throw, never other claims`, () => {
    expect(genuine.ok).toBe(true);
    fuzzXmlReader({
      runs: FUZZ_RUNS.saml,
      bases: [valid, withoutKeyInfo, ...attacks],
      codes: [],
      call: (xml) => verifyAssertion(xml, [IDP_CRT]),
      classify: (value) => {
        const r = value as VerifyResult;
        if (!r.ok) {
          if (!FAILURES.has(r.failure) || r.detail.length < 5)
            throw new Error(`undocumented failure ${JSON.stringify(r)}`);
          return r.failure === 'malformed' || r.failure === 'dtd' ? `ERR_XML_MALFORMED` : r.failure;
        }
        if (!genuine.ok || JSON.stringify(r.assertion) !== JSON.stringify(genuine.assertion))
          throw new Error(
            `verified claims other than the genuine ones: ${JSON.stringify(r.assertion)}`,
          );
        return 'ok';
      },
    });
  });

  it(`readAssertion: ${FUZZ_RUNS.saml / 4} inputs, returns or throws ERR_XML_SHAPE`, () => {
    fuzzXmlReader({
      runs: FUZZ_RUNS.saml / 4,
      bases: [valid, ...attacks],
      codes: ['ERR_XML_MALFORMED', 'ERR_XML_DTD', 'ERR_XML_SHAPE'],
      call: (xml) => readAssertion(parseXml(xml, 'fuzzed assertion').documentElement),
    });
  });
});
