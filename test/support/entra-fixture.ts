/**
 * A mock Entra for tests: the PingOne seed's tenant with one federated domain, and a signer of
 * device assertions whose every field a test can change.
 */
import { CERTS_DIR, certificatePem, privateKey } from '../../src/core/keys.ts';
import { manualClock } from '../../src/core/clock.ts';
import { seededIds } from '../../src/core/ids.ts';
import { createEntraParties } from '../../src/entra/create-entra.ts';
import type { EntraContext, Tenant, TenantUser } from '../../src/entra/tenant.ts';
import {
  AUTHN_METHOD_WINDOWS,
  CLAIM,
  NAMEID_UNSPECIFIED,
} from '../../src/protocol/claims/claim-types.ts';
import { uuidAsBase64Guid } from '../../src/protocol/encoding/guid.ts';
import { buildAssertion } from '../../src/protocol/saml11/build-assertion.ts';
import { signAssertion } from '../../src/protocol/saml11/sign-assertion.ts';
import type { Saml11AssertionInput } from '../../src/protocol/saml11/types.ts';
import {
  buildAssertion as buildSaml2Assertion,
  NAMEID_PERSISTENT,
} from '../../src/protocol/saml2/build-assertion.ts';
import { signAssertion as signSaml2Assertion } from '../../src/protocol/saml2/sign-assertion.ts';
import type { Saml2AssertionInput } from '../../src/protocol/saml2/types.ts';

export const TENANT_ID = '07ec9af2-7ce5-4ab7-8638-115736bbf990';
export const DOMAIN = 'imokatdi.ping-eng.com';
export const ISSUER = 'https://sso.example.com/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e';
export const DEVICE_GUID = '3f0817b9-ca17-4714-ab81-f7b5943dec7b';
export const DEVICE_SID = 'S-1-5-21-1004336348-1177238915-682003330-1105';
export const NOW = new Date('2025-07-10T17:22:13.000Z');

export const pem = (file: string) => certificatePem(`${CERTS_DIR}/${file}`);
export const key = (file: string) => privateKey(`${CERTS_DIR}/${file}`);

export const USER_UPN = 'adele@imokatdi.ping-eng.com';
export const USER_IMMUTABLE_ID = 'QWRlbGVJbW11dGFibGVJRA==';

export function entraContext(
  overrides: {
    nextSigningCertificate?: string;
    signingCertificate?: string;
    users?: TenantUser[];
    federatedIdpMfaBehavior?: string;
    userDeviceQuota?: number;
    drs?: Tenant['drs'];
  } = {},
): { ctx: EntraContext; log: string[] } {
  const log: string[] = [];
  const tenant: Tenant = {
    id: TENANT_ID,
    displayName: 'IMOKATDI TEST ONLY',
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
          passiveSignInUri: 'https://sso.example.com/wsf/prp/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
          preferredAuthenticationProtocol: 'wsFed',
          ...(overrides.federatedIdpMfaBehavior
            ? { federatedIdpMfaBehavior: overrides.federatedIdpMfaBehavior }
            : {}),
        },
      },
      { name: 'managed.example.com', authentication: 'managed' },
    ],
    users: overrides.users ?? [],
    ...(overrides.userDeviceQuota === undefined
      ? {}
      : { userDeviceQuota: overrides.userDeviceQuota }),
    ...(overrides.drs ? { drs: overrides.drs } : {}),
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

/** A SAML 2.0 device assertion with the same device as deviceAssertionInput, claims by full URI. */
export function deviceAssertion2Input(
  patch: Partial<Saml2AssertionInput> = {},
): Saml2AssertionInput {
  return {
    id: '_3b1a5e2c-0000-4000-8000-000000000002',
    issuer: ISSUER,
    issueInstant: NOW,
    nameId: { value: uuidAsBase64Guid(DEVICE_GUID), format: NAMEID_PERSISTENT },
    subjectConfirmation: { notOnOrAfter: new Date(NOW.getTime() + 3600_000) },
    notBefore: NOW,
    notOnOrAfter: new Date(NOW.getTime() + 3600_000),
    audiences: ['urn:federation:MicrosoftOnline'],
    attributes: [
      { name: `${CLAIM.accounttype.namespace}/${CLAIM.accounttype.name}`, values: ['DJ'] },
      {
        name: `${CLAIM.onpremobjectguid.namespace}/${CLAIM.onpremobjectguid.name}`,
        values: [uuidAsBase64Guid(DEVICE_GUID)],
      },
      { name: `${CLAIM.primarysid.namespace}/${CLAIM.primarysid.name}`, values: [DEVICE_SID] },
    ],
    authnInstant: NOW,
    authnContextClassRef: AUTHN_METHOD_WINDOWS,
    ...patch,
  };
}

export function signedDeviceAssertion2(
  patch: Partial<Saml2AssertionInput> = {},
  signer = 'idp-signing',
): string {
  return signSaml2Assertion(
    buildSaml2Assertion(deviceAssertion2Input(patch)),
    key(`${signer}.key`),
    pem(`${signer}.crt`),
  );
}

/** A user's SAML 1.1 token (ImmutableID subject, UPN claim), optionally with MFA done at the IdP. */
export function signedUserAssertion(
  opts: { immutableId?: string; mfa?: boolean; patch?: Partial<Saml11AssertionInput> } = {},
): string {
  const immutableId = opts.immutableId ?? USER_IMMUTABLE_ID;
  return signedDeviceAssertion({
    nameIdentifier: { value: immutableId, format: NAMEID_UNSPECIFIED },
    attributes: [
      { ...CLAIM.ImmutableID, values: [immutableId] },
      { ...CLAIM.UPN, values: [USER_UPN] },
      ...(opts.mfa
        ? [
            {
              ...CLAIM.authnmethodsreferences,
              values: ['http://schemas.microsoft.com/claims/multipleauthn'],
            },
          ]
        : []),
    ],
    ...opts.patch,
  });
}

/** Calls mock Entra's token endpoint directly (the handler, as both transports mount it). */
export async function postToken(
  ctx: EntraContext,
  form: Record<string, string>,
  opts: { tenant?: string; contentType?: string; endpoint?: 'v1' | 'v2' } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const login = createEntraParties(ctx).find((p) => p.host === 'login.microsoftonline.com')!;
  const v2 = opts.endpoint === 'v2';
  const route = login.routes.find(
    (r) => r.path === (v2 ? '/:tenant/oauth2/v2.0/token' : '/:tenant/oauth2/token'),
  )!;
  const res = await route.handle(
    {
      method: 'POST',
      url: new URL(
        `https://login.microsoftonline.com/${opts.tenant ?? 'common'}/oauth2/${v2 ? 'v2.0/' : ''}token`,
      ),
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
