/**
 * The rules a strict relying party enforces on content the IdP signed, against mock Entra as
 * `hjsim serve --party entra` serves it (its own process; the PingOne baseline's tenant, its seed's
 * clock): every AudienceRestriction must hold, a bearer assertion needs NotOnOrAfter, dates are
 * xs:dateTime with a zone, NotBefore is not after NotOnOrAfter, a saml2-bearer assertion needs a
 * bearer SubjectConfirmation with unexpired SubjectConfirmationData, a device claim has one value;
 * client_id is a GUID (no 200 kB appid); saml2-bearer reads the samlp:Response its 7500514 text
 * names.
 * @see SAML 1.1 core §2.3.2.1 (AudienceRestrictionCondition: each must be satisfied), SAML 2.0
 *   core §2.5.1.4 ("the assertion is valid only if the relying party is a member of one or more of
 *   the audiences specified" in each AudienceRestriction), RFC 7522 §3 (bearer confirmation,
 *   NotOnOrAfter); [ERR] (50013 InvalidAssertion, 700016, 7500514)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM } from '../../src/protocol/claims/claim-types.ts';
import { uuidAsBase64Guid } from '../../src/protocol/encoding/guid.ts';
import {
  DEVICE_GUID,
  DEVICE_SID,
  deviceAssertionInput,
  NOW,
  samlGrant,
  signedDeviceAssertion,
  signedDeviceAssertion2,
  TENANT_ID,
  key,
  pem,
} from '../support/entra-fixture.ts';
import { buildAssertion } from '../../src/protocol/saml11/build-assertion.ts';
import { signAssertion } from '../../src/protocol/saml11/sign-assertion.ts';
import { serveProcess, type ServeProcess } from '../support/serve-process.ts';

let s: ServeProcess;
beforeAll(async () => {
  s = await serveProcess(['--port', '0', '--party', 'entra']);
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

const SAML2 = 'urn:ietf:params:oauth:grant-type:saml2-bearer';
let n = 0;
const id = () => `_sec-${process.pid}-${n++}`;

async function token(
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${s.base}/${TENANT_ID}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const codes = (r: { body: Record<string, unknown> }) => r.body['error_codes'];
const description = (r: { body: Record<string, unknown> }) => String(r.body['error_description']);

/** A SAML 1.1 device assertion with its XML edited before signing. */
function editedAssertion(edit: (xml: string) => string, patch = {}): string {
  const xml = edit(buildAssertion(deviceAssertionInput({ assertionId: id(), ...patch })));
  return signAssertion(xml, key('idp-signing.key'), pem('idp-signing.crt'));
}

describe('hjsim serve: relying-party rules on IdP-signed content', { timeout: 60_000 }, () => {
  it('(control) a genuine device assertion gets a token', async () => {
    const r = await token(samlGrant(signedDeviceAssertion({ assertionId: id() })));
    expect(r.status).toBe(200);
  });

  it('two AudienceRestrictionConditions, one for another audience: refused (AND, not OR)', async () => {
    const xml = editedAssertion((x) =>
      x.replace(
        /(<saml:AudienceRestrictionCondition>.*?<\/saml:AudienceRestrictionCondition>)/,
        '$1<saml:AudienceRestrictionCondition><saml:Audience>urn:other:relying-party</saml:Audience></saml:AudienceRestrictionCondition>',
      ),
    );
    expect(xml.match(/<saml:AudienceRestrictionCondition>/g)).toHaveLength(2);
    const r = await token(samlGrant(xml));
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual([50013]);
    expect(description(r)).toContain('urn:other:relying-party');
  });

  it('no NotOnOrAfter: refused for a bearer grant', async () => {
    const xml = editedAssertion((x) => x.replace(/ NotOnOrAfter="[^"]*"/, ''));
    expect(xml).not.toContain('NotOnOrAfter');
    const r = await token(samlGrant(xml));
    expect(codes(r)).toEqual([50013]);
    expect(description(r)).toContain('no NotOnOrAfter');
  });

  it.each([
    ['no time zone', '2025-07-10T18:22:13'],
    ['a date only', '2025-07-10'],
    ['a loose Date.parse form', 'July 10, 2025 18:22:13 GMT'],
  ])('NotOnOrAfter with %s: refused (xs:dateTime with a zone)', async (_l, value) => {
    const xml = editedAssertion((x) =>
      x.replace(/ NotOnOrAfter="[^"]*"/, ` NotOnOrAfter="${value}"`),
    );
    const r = await token(samlGrant(xml));
    expect(codes(r)).toEqual([50013]);
    expect(description(r)).toContain('is not an xs:dateTime with a time zone');
  });

  it('NotBefore after NotOnOrAfter: refused', async () => {
    const xml = editedAssertion((x) => x, {
      notBefore: new Date(NOW.getTime() - 60_000),
      notOnOrAfter: new Date(NOW.getTime() - 120_000 + 3600_000 * 0),
    });
    const r = await token(samlGrant(xml));
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual([50013]);
    expect(description(r)).toContain('NotBefore is after NotOnOrAfter');
  });

  it('saml2-bearer without a bearer SubjectConfirmation: refused', async () => {
    const xml = signedDeviceAssertion2({ id: id(), subjectConfirmation: undefined } as never);
    const r = await token(samlGrant(xml, SAML2));
    expect(codes(r)).toEqual([50013]);
    expect(description(r)).toContain('bearer SubjectConfirmation');
  });

  it('saml2-bearer whose SubjectConfirmationData has expired: refused', async () => {
    const xml = signedDeviceAssertion2({
      id: id(),
      subjectConfirmation: { notOnOrAfter: new Date(NOW.getTime() - 3600_000) },
    });
    const r = await token(samlGrant(xml, SAML2));
    expect(codes(r)).toEqual([50013]);
    expect(description(r)).toContain('SubjectConfirmationData');
  });

  it.each([
    [
      'primarysid with two values',
      [{ ...CLAIM.primarysid, values: [DEVICE_SID, 'S-1-5-21-1-2-3-500'] }],
    ],
    [
      'two primarysid attributes',
      [
        { ...CLAIM.primarysid, values: ['S-1-5-21-1-2-3-500'] },
        { ...CLAIM.primarysid, values: [DEVICE_SID] },
      ],
    ],
    ['accounttype with two values', [{ ...CLAIM.accounttype, values: ['DJ', 'User'] }]],
  ])('a device claim with %s: refused, never "first wins"', async (_l, extra) => {
    const base = deviceAssertionInput().attributes.filter(
      (a) => !extra.some((e) => e.name === a.name),
    );
    const xml = signedDeviceAssertion({ assertionId: id(), attributes: [...base, ...extra] });
    const r = await token(samlGrant(xml));
    expect(r.status).toBe(400);
    expect(description(r)).toMatch(/AADSTS\d+/);
    expect(r.body['access_token']).toBeUndefined();
  });

  it('(control) onpremobjectguid once, as the device GUID, still gets a token', async () => {
    const xml = signedDeviceAssertion({
      assertionId: id(),
      attributes: [
        { ...CLAIM.ImmutableID, values: [uuidAsBase64Guid(DEVICE_GUID)] },
        { ...CLAIM.accounttype, values: ['DJ'] },
        { ...CLAIM.onpremobjectguid, values: [uuidAsBase64Guid(DEVICE_GUID)] },
        { ...CLAIM.primarysid, values: [DEVICE_SID] },
      ],
    });
    expect((await token(samlGrant(xml))).status).toBe(200);
  });
});

describe('hjsim serve: request fields that flow into tokens', { timeout: 60_000 }, () => {
  it('a 200 kB client_id: refused with AADSTS700016, echoed bounded, no token', async () => {
    const big = 'x'.repeat(200_000);
    const r = await token({
      ...samlGrant(signedDeviceAssertion({ assertionId: id() })),
      client_id: big,
    });
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual([700016]);
    expect(JSON.stringify(r.body).length).toBeLessThan(2_000);
  });

  it('a client_id that is no GUID: AADSTS700016', async () => {
    const r = await token({
      ...samlGrant(signedDeviceAssertion({ assertionId: id() })),
      client_id: 'not-an-app',
    });
    expect(codes(r)).toEqual([700016]);
  });
});

describe('hjsim serve: AADSTS7500514 agrees with its text', { timeout: 60_000 }, () => {
  const response = (inner: string, status = 'urn:oasis:names:tc:SAML:2.0:status:Success') =>
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" Version="2.0" IssueInstant="2025-07-10T17:22:13Z">' +
    `<samlp:Status><samlp:StatusCode Value="${status}"/></samlp:Status>${inner}</samlp:Response>`;

  it("a samlp:Response holding one signed Assertion is read, as the text says ('Response' is supported)", async () => {
    const r = await token(samlGrant(response(signedDeviceAssertion2({ id: id() })), SAML2));
    expect(r.status).toBe(200);
  });

  it('a Response with two Assertions, or not Success: 7500514', async () => {
    const two = await token(
      samlGrant(
        response(signedDeviceAssertion2({ id: id() }) + signedDeviceAssertion2({ id: id() })),
        SAML2,
      ),
    );
    expect(codes(two)).toEqual([7500514]);
    const failed = await token(
      samlGrant(
        response(
          signedDeviceAssertion2({ id: id() }),
          'urn:oasis:names:tc:SAML:2.0:status:Requester',
        ),
        SAML2,
      ),
    );
    expect(codes(failed)).toEqual([7500514]);
  });
});
