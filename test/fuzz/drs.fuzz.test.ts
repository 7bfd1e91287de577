/**
 * Fuzz: mock DRS (discovery, federated join, sync join) with arbitrary paths, query strings,
 * headers and JSON bodies: valid join requests with members removed or replaced by any JSON
 * value, arbitrary JSON, and text that is not JSON. Every answer is 200 or a DRS error body
 * (`ErrorType`, `Message`, `TraceId`, `Time`) with a 4xx status; the error boundary's 500
 * (a handler that threw) never appears.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DSREG_CLIENT_ID } from '../../src/protocol/entra-names.ts';
import { findRoute } from '../../src/core/http.ts';
import { deviceKey } from '../../src/core/keys.ts';
import { issueAccessToken } from '../../src/entra/access-token.ts';
import { createDrsParty } from '../../src/entra/drs/create-drs.ts';
import {
  DEVICE_ID,
  DEVICE_SID,
  drsTestContext,
  FEDERATED_DOMAIN,
  JOIN_TIME,
  TENANT_ID,
} from '../support/drs-test-context.ts';
import {
  buildFederatedJoinRequest,
  buildSyncJoinRequest,
  CSR_SUBJECT_CN,
} from '../../src/protocol/drs/join-request.ts';
import { buildCertificate, buildCsr, derToPem } from '../../src/protocol/x509/build-certificate.ts';
import { FUZZ_RUNS, FuzzStats } from './fuzz-support.ts';

/** A path segment from arbitrary text; never empty, `.` or `..` (dot segments never reach a server). */
function segment(s: string): string {
  const seg = encodeURIComponent(s);
  return seg === '' || seg === '.' || seg === '..' ? 'x' : seg;
}

const DEVICE_KEY = deviceKey(0);
const TRANSPORT_KEY = deviceKey(1);
const USER_CERT_KEY = deviceKey(3);
const csrDer = buildCsr({
  subject: [{ name: 'commonName', value: CSR_SUBJECT_CN }],
  publicKey: DEVICE_KEY,
  privateKey: DEVICE_KEY,
});
const userCertificatePem = derToPem(
  buildCertificate({
    subject: [{ name: 'commonName', value: DEVICE_ID }],
    publicKey: USER_CERT_KEY,
    signingKey: USER_CERT_KEY,
    serialHex: '0a1b2c3d',
    notBefore: new Date('2025-07-01T00:00:00Z'),
    notAfter: new Date('2026-07-01T00:00:00Z'),
  }),
);
const federated = buildFederatedJoinRequest({
  csrDer,
  transportKey: TRANSPORT_KEY,
  targetDomain: FEDERATED_DOMAIN,
  osVersion: '10.0.19045.5965',
  displayName: 'IMOK-HYJD',
}) as unknown as Record<string, unknown>;
const sync = buildSyncJoinRequest({
  csrDer,
  transportKey: TRANSPORT_KEY,
  targetDomain: TENANT_ID,
  targetDomainId: TENANT_ID,
  osVersion: '10.0.19045.5965',
  displayName: 'IMOK-HYJD',
  sid: DEVICE_SID,
  signedAt: JOIN_TIME,
  userCertificateKey: USER_CERT_KEY,
}) as unknown as Record<string, unknown>;

/** A JSON object with 0–3 members removed or replaced (also inside nested objects). */
function mutatedObject(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(base);
  const edit = fc.record({
    key: fc.constantFrom(...keys),
    nested: fc.boolean(),
    value: fc.oneof(
      fc.constant(undefined),
      fc.jsonValue({ maxDepth: 2 }),
      fc.string({ maxLength: 30 }),
    ),
  });
  return fc.array(edit, { maxLength: 3 }).map((edits) => {
    const copy = structuredClone(base);
    for (const e of edits) {
      const member = copy[e.key];
      if (e.nested && member && typeof member === 'object' && !Array.isArray(member)) {
        const inner = member as Record<string, unknown>;
        const innerKey = Object.keys(inner)[0];
        if (innerKey !== undefined) inner[innerKey] = e.value;
      } else if (e.value === undefined) delete copy[e.key];
      else copy[e.key] = e.value;
    }
    return copy;
  });
}

const jsonBody = (base: Record<string, unknown>) =>
  fc.oneof(
    { weight: 8, arbitrary: mutatedObject(base).map((o) => JSON.stringify(o)) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constantFrom('', 'null', '[]', '{', '{"a":' + '['.repeat(5000)) },
  );

const apiVersion = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom('?api-version=2.0', '?api-version=1.7', '?api-version=1.9'),
  },
  {
    weight: 1,
    arbitrary: fc.string({ maxLength: 20 }).map((s) => `?api-version=${encodeURIComponent(s)}`),
  },
  { weight: 1, arbitrary: fc.constant('') },
);

const request = fc.oneof(
  fc.record({
    method: fc.constant('POST'),
    path: fc.constant('/EnrollmentServer/device/'),
    query: apiVersion,
    bearer: fc.oneof(fc.constant('valid'), fc.constant('none'), fc.string({ maxLength: 40 })),
    accept: fc.constantFrom(undefined, 'application/json', 'text/html', '*/*'),
    body: jsonBody(federated),
  }),
  fc.record({
    method: fc.constant('PUT'),
    path: fc.oneof(
      { weight: 4, arbitrary: fc.constant(`/EnrollmentServer/device/${DEVICE_ID}`) },
      {
        weight: 1,
        arbitrary: fc
          .string({ maxLength: 40 })
          .map((s) => `/EnrollmentServer/device/${segment(s)}`),
      },
    ),
    query: apiVersion,
    bearer: fc.constant('none'),
    accept: fc.constantFrom(undefined, 'application/json'),
    body: jsonBody(sync),
  }),
  fc.record({
    method: fc.constant('GET'),
    path: fc.oneof(
      fc.constantFrom(
        `/${TENANT_ID}/discover`,
        `/${FEDERATED_DOMAIN}/Discover`,
        `/${FEDERATED_DOMAIN}/EnrollmentServer/contract`,
      ),
      fc.string({ maxLength: 30 }).map((s) => `/${segment(s)}/discover`),
    ),
    query: apiVersion,
    bearer: fc.constant('none'),
    accept: fc.oneof(
      fc.constantFrom(undefined, 'application/json', 'application/xml'),
      fc.string({ maxLength: 20 }),
    ),
    body: fc.constant(''),
  }),
);

describe('fuzz: DRS', () => {
  it(`${FUZZ_RUNS.drs} requests: 200 or a DRS error body, never the error boundary`, async () => {
    const stats = new FuzzStats();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const ctx = drsTestContext({
          syncedDevices: [
            {
              objectGuid: DEVICE_ID,
              objectSid: DEVICE_SID,
              displayName: 'IMOK-HYJD',
              userCertificates: [userCertificatePem],
            },
          ],
        });
        const drs = createDrsParty(ctx);
        const url = new URL(`${r.path}${r.query}`, 'https://enterpriseregistration.windows.net');
        const found = findRoute(drs, r.method, url.pathname);
        if (!found || 'methodNotAllowed' in found)
          throw new Error(`no route for ${r.method} ${url.pathname}`);
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (r.accept !== undefined) headers['accept'] = r.accept;
        if (r.bearer === 'valid') {
          headers['authorization'] = `Bearer ${
            issueAccessToken(ctx, {
              appid: DSREG_CLIENT_ID,
              idp: 'https://sso.example.com/applications/x',
              account_type: 'DJ',
              on_prem_id: DEVICE_ID,
            }).token
          }`;
        } else if (r.bearer !== 'none') headers['authorization'] = `Bearer ${r.bearer}`;
        const res = await stats.runAsync(r.body, async () =>
          found.route.handle({ method: r.method, url, headers, body: r.body }, found.params),
        );
        if ('error' in res) throw res.error;
        if (res.value.status === 200) {
          // Discovery answers XML to Accept: application/xml (DVRD), JSON otherwise.
          if (res.value.body.startsWith('<')) expect(res.value.body).toMatch(/^<\w/);
          else JSON.parse(res.value.body);
          stats.count(`${r.method} 200`);
          return;
        }
        const json = JSON.parse(res.value.body) as Record<string, unknown>;
        expect(ctx.logs.join('\n')).not.toContain('unhandled error');
        expect(res.value.status).toBeGreaterThanOrEqual(400);
        expect(res.value.status).toBeLessThan(500);
        expect(Object.keys(json)).toEqual(['ErrorType', 'Message', 'TraceId', 'Time']);
        stats.count(`${r.method} ${res.value.status} ${String(json['ErrorType'])}`);
      }),
      { numRuns: FUZZ_RUNS.drs },
    );
    stats.expectDone(FUZZ_RUNS.drs, 0);
    for (const method of ['POST', 'PUT', 'GET'])
      expect(stats.outcomes[`${method} 200`], JSON.stringify(stats.outcomes)).toBeGreaterThan(0);
  });
});
