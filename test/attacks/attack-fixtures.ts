/**
 * Renders every attack fixture of test/attacks/ from the TEST ONLY keys in certs/: the PingOne
 * seed's device assertion (entra-fixture.ts, fixed clock), signed by the IdP key, then turned
 * into each attack by the pure builders of src/protocol/saml11/attacks/. Deterministic (RSA
 * PKCS#1 v1.5 signatures are), so `npm run attack-fixtures` rewrites the same bytes and
 * attacks.test.ts fails when a committed fixture drifts from what the builders make.
 */
import { SAML_ATTACKS } from '../../src/protocol/saml11/attacks/catalog.ts';
import { COMMENT_INJECTION_TARGET } from '../../src/protocol/saml11/attacks/comment-injection.ts';
import {
  EVIL_DEVICE_CLAIMS,
  EVIL_DEVICE_GUID,
  EVIL_DEVICE_SID,
} from '../../src/protocol/saml11/attacks/evil-device.ts';
import type { AttackTools } from '../../src/protocol/saml11/attacks/types.ts';
import { uuidAsBase64Guid } from '../../src/protocol/encoding/guid.ts';
import { signAssertion } from '../../src/protocol/saml11/sign-assertion.ts';
import { deviceAssertionInput, key, pem, signedDeviceAssertion } from '../support/entra-fixture.ts';

export { EVIL_DEVICE_GUID, EVIL_DEVICE_SID };
export const EVIL = EVIL_DEVICE_CLAIMS;
/** Text that appears wherever an evil claim leaked. */
export const EVIL_MARKERS = [EVIL_DEVICE_GUID, uuidAsBase64Guid(EVIL_DEVICE_GUID), '666666666'];

export const ATTACK_TOOLS: AttackTools = {
  signAsIssuer: (xml, opts) =>
    signAssertion(xml, key('idp-signing.key'), pem('idp-signing.crt'), opts),
  signAsAttacker: (xml) =>
    signAssertion(xml, key('attacker-signing.key'), pem('attacker-signing.crt')),
};

/** The correctly signed device assertion an attack starts from. */
export function baseAssertion(attackName: string): string {
  if (attackName !== 'comment-injection') return signedDeviceAssertion();
  // The issuer signs `DJx`; the comment makes a first-text-node reader see `DJ`.
  return signedDeviceAssertion({
    attributes: deviceAssertionInput().attributes.map((a) =>
      a.name === COMMENT_INJECTION_TARGET ? { ...a, values: ['DJx'] } : a,
    ),
  });
}

export function samlGrantForm(assertion: string): Record<string, string> {
  return {
    grant_type: 'urn:ietf:params:oauth:grant-type:saml1_1-bearer',
    assertion,
    client_id: 'dd762716-544d-4aeb-a526-687b73838a22',
    resource: 'urn:ms-drs:enterpriseregistration.windows.net',
  };
}

/** base64 with `!*` after every 76 characters: .NET's Convert.FromBase64String refuses it, Node's decoder skips it. */
export function junkedBase64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64').replace(/.{76}/g, '$&!*');
}

export interface Fixture {
  readonly file: string;
  readonly text: string;
}

export function renderAttackFixtures(): Fixture[] {
  const saml = SAML_ATTACKS.map((a) => ({
    file: `${a.fixture}.xml`,
    text: a.apply({ signed: baseAssertion(a.name), evil: EVIL, tools: ATTACK_TOOLS }),
  }));
  const valid = signedDeviceAssertion();
  return [
    ...saml,
    { file: 'replay-valid-assertion.xml', text: valid },
    { file: 'malformed-base64-assertion.txt', text: `${junkedBase64(valid)}\n` },
    {
      file: 'wrong-content-type-text-plain.txt',
      text: `${new URLSearchParams(samlGrantForm(Buffer.from(valid).toString('base64'))).toString()}\n`,
    },
  ];
}
