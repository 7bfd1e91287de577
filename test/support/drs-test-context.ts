/**
 * Test fixture for the DRS unit tests (imported explicitly, never found by name): a seeded
 * EntraContext over the TEST ONLY certs, and a way to call a party's route as the transports do.
 */
import { join } from 'node:path';
import { manualClock } from '../../src/core/clock.ts';
import { findRoute, type Party, type PartyResponse } from '../../src/core/http.ts';
import { seededIds } from '../../src/core/ids.ts';
import { certificatePem, CERTS_DIR, privateKey } from '../../src/core/keys.ts';
import type { EntraContext, SyncedDevice, Tenant } from '../../src/entra/tenant.ts';

/** The seed's tenant, domain and device ([PING]). */
export const TENANT_ID = '07ec9af2-7ce5-4ab7-8638-115736bbf990';
export const FEDERATED_DOMAIN = 'imokatdi.ping-eng.com';
export const MANAGED_DOMAIN = 'managed.example.com';
export const DEVICE_ID = '3f0817b9-ca17-4714-ab81-f7b5943dec7b';
export const DEVICE_SID = 'S-1-5-21-1004336348-1177238915-682003330-1105';
/** The seed's join: certificate validity starts 16:52:13, so the join ran at 17:22:13. */
export const JOIN_TIME = new Date('2025-07-10T17:22:13.000Z');

export type TestContext = EntraContext & { readonly logs: string[] };

export function drsTestContext(
  over: { syncedDevices?: SyncedDevice[]; deviceCaPem?: string } = {},
): TestContext {
  const tenant: Tenant = {
    id: TENANT_ID,
    displayName: 'IMOKATDI TEST ONLY',
    domains: [
      {
        name: FEDERATED_DOMAIN,
        authentication: 'federated',
        federation: {
          issuerUri: 'https://sso.example.com/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
          metadataExchangeUri:
            'https://sso.example.com/wsf/mex13/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
          activeSignInUri: 'https://sso.example.com/wsf/sts/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
          signingCertificate: certificatePem(join(CERTS_DIR, 'idp-signing.crt')),
          preferredAuthenticationProtocol: 'wsFed',
        },
      },
      { name: MANAGED_DOMAIN, authentication: 'managed' },
    ],
    users: [],
    syncedDevices: over.syncedDevices ?? [],
    registeredDevices: [],
  };
  const logs: string[] = [];
  return {
    tenant,
    clock: manualClock(JOIN_TIME),
    ids: seededIds(42),
    tokenSigningKey: privateKey(join(CERTS_DIR, 'entra-token-signing.key')),
    deviceCa: {
      key: privateKey(join(CERTS_DIR, 'ms-organization-access.key')),
      certificatePem:
        over.deviceCaPem ?? certificatePem(join(CERTS_DIR, 'ms-organization-access.crt')),
    },
    log: (m) => logs.push(m),
    logs,
  };
}

/** Sends one request to a party the way both transports do: route lookup, then the handler. */
export async function call(
  party: Party,
  method: string,
  target: string,
  init: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<PartyResponse & { json: unknown }> {
  const url = new URL(target, `https://${party.host}`);
  const found = findRoute(party, method, url.pathname);
  if (!found || 'methodNotAllowed' in found)
    throw new Error(`no route for ${method} ${url.pathname}`);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v;
  const body =
    init.body === undefined
      ? ''
      : typeof init.body === 'string'
        ? init.body
        : JSON.stringify(init.body);
  const res = await found.route.handle({ method, url, headers, body }, found.params);
  // An XML answer (Accept: application/xml) has no JSON form.
  const json = res.headers['content-type']?.includes('xml') ? undefined : JSON.parse(res.body);
  return { ...res, json: json as unknown };
}
