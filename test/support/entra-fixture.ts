/**
 * A mock Entra for tests: the PingOne seed's tenant with one federated domain, and a signer of
 * device assertions whose every field a test can change.
 */
import { CERTS_DIR, certificatePem, privateKey } from '../../src/core/keys.ts';
import { manualClock } from '../../src/core/clock.ts';
import { seededIds } from '../../src/core/ids.ts';
import { createEntraParties } from '../../src/entra/create-entra.ts';
import type { EntraContext, Tenant } from '../../src/entra/tenant.ts';
import {
  AUTHN_METHOD_WINDOWS,
  CLAIM,
  NAMEID_UNSPECIFIED,
} from '../../src/protocol/claims/claim-types.ts';
import { uuidAsBase64Guid } from '../../src/protocol/encoding/guid.ts';
import { buildAssertion } from '../../src/protocol/saml11/build-assertion.ts';
import { signAssertion } from '../../src/protocol/saml11/sign-assertion.ts';
import type { Saml11AssertionInput } from '../../src/protocol/saml11/types.ts';

export const TENANT_ID = '07ec9af2-7ce5-4ab7-8638-115736bbf990';
export const DOMAIN = 'imokatdi.ping-eng.com';
export const ISSUER = 'https://sso.example.com/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e';
export const DEVICE_GUID = '3f0817b9-ca17-4714-ab81-f7b5943dec7b';
export const DEVICE_SID = 'S-1-5-21-1004336348-1177238915-682003330-1105';
export const NOW = new Date('2025-07-10T17:22:13.000Z');

export const pem = (file: string) => certificatePem(`${CERTS_DIR}/${file}`);
export const key = (file: string) => privateKey(`${CERTS_DIR}/${file}`);

export function entraContext(
  overrides: { nextSigningCertificate?: string; signingCertificate?: string } = {},
): { ctx: EntraContext; log: string[] } {
  const log: string[] = [];
  const tenant: Tenant = {
    id: TENANT_ID,
    displayName: DOMAIN,
    domains: [
      {
        name: DOMAIN,
        authentication: 'federated',
        federation: {
          issuerUri: ISSUER,
          metadataExchangeUri:
            'https://sso.example.com/wsf/mex13/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
          activeSignInUri: 'https://sso.example.com/wsf/sts/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
          signingCertificate: overrides.signingCertificate ?? pem('idp-signing.crt'),
          ...(overrides.nextSigningCertificate
            ? { nextSigningCertificate: overrides.nextSigningCertificate }
            : {}),
          preferredAuthenticationProtocol: 'wsFed',
        },
      },
    ],
    users: [],
    syncedDevices: [],
    registeredDevices: [],
  };
  const ctx: EntraContext = {
    tenant,
    clock: manualClock(NOW),
    ids: seededIds('entra-test'),
    tokenSigningKey: key('entra-token-signing.key'),
    deviceCa: {
      key: key('ms-organization-access.key'),
      certificatePem: pem('ms-organization-access.crt'),
    },
    log: (m) => log.push(m),
  };
  return { ctx, log };
}

export function deviceAssertionInput(
  patch: Partial<Saml11AssertionInput> = {},
): Saml11AssertionInput {
  return {
    assertionId: '_3b1a5e2c-0000-4000-8000-000000000001',
    issuer: ISSUER,
    issueInstant: NOW,
    notBefore: NOW,
    notOnOrAfter: new Date(NOW.getTime() + 3600_000),
    audiences: ['urn:federation:MicrosoftOnline'],
    nameIdentifier: { value: uuidAsBase64Guid(DEVICE_GUID), format: NAMEID_UNSPECIFIED },
    attributes: [
      { ...CLAIM.ImmutableID, values: [uuidAsBase64Guid(DEVICE_GUID)] },
      { ...CLAIM.accounttype, values: ['DJ'] },
      { ...CLAIM.onpremobjectguid, values: [uuidAsBase64Guid(DEVICE_GUID)] },
      { ...CLAIM.primarysid, values: [DEVICE_SID] },
    ],
    authenticationMethod: AUTHN_METHOD_WINDOWS,
    authenticationInstant: NOW,
    ...patch,
  };
}

export function signedDeviceAssertion(
  patch: Partial<Saml11AssertionInput> = {},
  signer = 'idp-signing',
): string {
  return signAssertion(
    buildAssertion(deviceAssertionInput(patch)),
    key(`${signer}.key`),
    pem(`${signer}.crt`),
  );
}

/** Calls mock Entra's token endpoint directly (the handler, as both transports mount it). */
export async function postToken(
  ctx: EntraContext,
  form: Record<string, string>,
  opts: { tenant?: string; contentType?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const login = createEntraParties(ctx).find((p) => p.host === 'login.microsoftonline.com')!;
  const route = login.routes.find((r) => r.path === '/:tenant/oauth2/token')!;
  const res = await route.handle(
    {
      method: 'POST',
      url: new URL(`https://login.microsoftonline.com/${opts.tenant ?? 'common'}/oauth2/token`),
      headers: {
        'content-type': opts.contentType ?? 'application/x-www-form-urlencoded',
        'client-request-id': 'c0ffee00-0000-4000-8000-000000000001',
      },
      body: new URLSearchParams(form).toString(),
    },
    { tenant: opts.tenant ?? 'common' },
  );
  return { status: res.status, body: JSON.parse(res.body) as Record<string, unknown> };
}

export function samlGrant(
  assertionXml: string,
  grant = 'urn:ietf:params:oauth:grant-type:saml1_1-bearer',
) {
  return {
    grant_type: grant,
    assertion: Buffer.from(assertionXml, 'utf8').toString('base64'),
    client_id: 'dd762716-544d-4aeb-a526-687b73838a22',
    resource: 'urn:ms-drs:enterpriseregistration.windows.net',
  };
}
