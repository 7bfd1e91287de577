/**
 * Fuzz: mock Entra's `POST /{tenant}/oauth2/token` (the handler both transports mount) with
 * arbitrary tenants, content types and bodies: valid grants with fields missing or replaced,
 * assertions that are mutated XML, junk base64, arbitrary forms and raw text. Every answer is
 * either 200 with an access token for the genuine device, or 400 with Entra's error JSON (its
 * exact keys, a catalogued AADSTS); the handler never throws and never answers anything else.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicKeyOf } from '../../src/core/keys.ts';
import { createLoginParty } from '../../src/entra/create-entra.ts';
import { aadstsEntry } from '../../src/protocol/oauth/aadsts.ts';
import { verifyJwt } from '../../src/protocol/jwt/jws.ts';
import { SAML_ATTACK_CASES } from '../attacks/attack-cases.ts';
import {
  DEVICE_GUID,
  DOMAIN,
  entraContext,
  key,
  signedDeviceAssertion,
  TENANT_ID,
} from '../support/entra-fixture.ts';
import { anyXml, FUZZ_RUNS, FuzzStats } from './fuzz-support.ts';

const valid = signedDeviceAssertion();
const attacks = SAML_ATTACK_CASES.map((c) =>
  readFileSync(new URL(`../attacks/${c.file}`, import.meta.url), 'utf8'),
);
const ERROR_KEYS = [
  'error',
  'error_description',
  'error_codes',
  'timestamp',
  'trace_id',
  'correlation_id',
  'error_uri',
];
const TOKEN_KEY = publicKeyOf(key('entra-token-signing.key'));

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const assertion = fc.oneof(
  { weight: 3, arbitrary: fc.constant(b64(valid)) },
  { weight: 1, arbitrary: fc.constant(Buffer.from(valid).toString('base64url')) },
  { weight: 8, arbitrary: anyXml(valid, ...attacks).map(b64) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }).map((s) => b64(valid).slice(0, 40) + s) },
);

/** A field: left out, its valid value, or something else. */
const field = (good: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 6, arbitrary: good },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  );

const grantForm = fc
  .record({
    grant_type: field(
      fc.constantFrom(
        'urn:ietf:params:oauth:grant-type:saml1_1-bearer',
        'urn:ietf:params:oauth:grant-type:saml2-bearer',
      ),
    ),
    assertion: field(assertion),
    client_id: field(fc.constant('dd762716-544d-4aeb-a526-687b73838a22')),
    resource: field(fc.constant('urn:ms-drs:enterpriseregistration.windows.net')),
    scope: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
  })
  .map((f) => {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v !== undefined) form.set(k, v);
    return form.toString();
  });

const body = fc.oneof(
  { weight: 8, arbitrary: grantForm },
  {
    weight: 1,
    arbitrary: fc
      .dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }))
      .map((d) => new URLSearchParams(d).toString()),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.json() },
);

const request = fc.record({
  tenant: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('common', TENANT_ID, DOMAIN, 'organizations') },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  ),
  contentType: fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/x-www-form-urlencoded') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'application/x-www-form-urlencoded; charset=utf-8',
        'application/json',
        'text/plain',
        '',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  ),
  body,
});

describe('fuzz: oauth2/token', () => {
  it(`${FUZZ_RUNS.tokenForm} requests: a token for the genuine device or Entra's error JSON`, async () => {
    const stats = new FuzzStats();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const { ctx } = entraContext();
        const route = createLoginParty(ctx).routes.find((x) => x.path === '/:tenant/oauth2/token')!;
        const res = await stats.runAsync(r.body, async () =>
          route.handle(
            {
              method: 'POST',
              url: new URL(
                `https://login.microsoftonline.com/${encodeURIComponent(r.tenant)}/oauth2/token`,
              ),
              headers: { 'content-type': r.contentType },
              body: r.body,
            },
            { tenant: r.tenant },
          ),
        );
        if ('error' in res) throw res.error;
        const { status, body: text } = res.value;
        const json = JSON.parse(text) as Record<string, unknown>;
        if (status === 200) {
          const claims = verifyJwt(json['access_token'] as string, TOKEN_KEY);
          // The objectGUID travels as on_prem_id (AADIBLOG's captured device access token).
          expect(claims?.['on_prem_id']).toBe(DEVICE_GUID);
          stats.count('200');
          return;
        }
        expect(status).toBe(400);
        expect(Object.keys(json)).toEqual(ERROR_KEYS);
        const code = (json['error_codes'] as number[]).at(-1)!;
        expect(aadstsEntry(code)).toBeDefined();
        stats.count(`AADSTS${code}`);
      }),
      { numRuns: FUZZ_RUNS.tokenForm },
    );
    stats.expectDone(FUZZ_RUNS.tokenForm, 0);
    // The inputs reach every stage: success, and the signature check's refusals.
    expect(stats.outcomes['200']).toBeGreaterThan(0);
    expect(stats.outcomes['AADSTS50008']).toBeGreaterThan(0);
  });
});
