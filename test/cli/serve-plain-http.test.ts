/**
 * `hjsim serve` without --tls (its own process): the IdP it serves and the mock Entra it serves
 * agree on the issuer, so a genuine token the served IdP issues over WS-Trust is redeemed at the
 * served token endpoint (it used to be refused with AADSTS50107: an https issuer against http
 * federation settings).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRstr } from '../../src/protocol/wstrust/rstr.ts';
import { TENANT_ID } from '../support/entra-fixture.ts';
import { rst, ticket } from '../support/idp-fixture.ts';
import { serveProcess, type ServeProcess } from '../support/serve-process.ts';

let s: ServeProcess;
beforeAll(async () => {
  s = await serveProcess(['--port', '0']);
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

describe('hjsim serve over plain HTTP', { timeout: 30_000 }, () => {
  it('a genuine token of the served IdP is accepted by the served mock Entra', async () => {
    const sts = /STS +(http:\/\/\S+)/.exec(s.output())![1]!;
    const issuer = /issuer +(\S+)/.exec(s.output())![1]!;
    expect(issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const answer = await fetch(sts, {
      method: 'POST',
      headers: {
        'content-type': 'application/soap+xml; charset=utf-8',
        authorization: `Negotiate ${ticket(new URL(s.base).hostname)}`,
      },
      body: rst('1.3', sts),
    });
    expect(answer.status).toBe(200);
    const r = parseRstr(await answer.text());
    if (r.kind !== 'token') throw new Error('expected a token');
    expect(r.assertionXml).toContain(`Issuer="${issuer}"`);
    const res = await fetch(`${s.base}/${TENANT_ID}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:saml1_1-bearer',
        assertion: Buffer.from(r.assertionXml).toString('base64'),
        client_id: 'dd762716-544d-4aeb-a526-687b73838a22',
        resource: 'urn:ms-drs:enterpriseregistration.windows.net',
      }).toString(),
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(body['error_codes']).toBeUndefined();
    expect(res.status).toBe(200);
  });
});
