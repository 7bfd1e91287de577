import { describe, expect, it } from 'vitest';
import { buildDiscoveryDocument, readDiscoveryDocument } from './discovery.ts';

const TENANT_ID = '07ec9af2-7ce5-4ab7-8638-115736bbf990';

/**
 * What a real Windows client printed from DRS discovery after a hybrid join (`dsregcmd /status`),
 * verbatim from [PING].
 */
const SEED_STATUS = `
               AuthCodeUrl : https://login.microsoftonline.com/07ec9af2-7ce5-4ab7-8638-115736bbf990/oauth2/authorize
            AccessTokenUrl : https://login.microsoftonline.com/07ec9af2-7ce5-4ab7-8638-115736bbf990/oauth2/token
            JoinSrvVersion : 2.0
                JoinSrvUrl : https://enterpriseregistration.windows.net/EnrollmentServer/device/
                 JoinSrvId : urn:ms-drs:enterpriseregistration.windows.net
             KeySrvVersion : 1.0
                 KeySrvUrl : https://enterpriseregistration.windows.net/EnrollmentServer/key/
                  KeySrvId : urn:ms-drs:enterpriseregistration.windows.net
        WebAuthNSrvVersion : 1.0
            WebAuthNSrvUrl : https://enterpriseregistration.windows.net/webauthn/07ec9af2-7ce5-4ab7-8638-115736bbf990/
             WebAuthNSrvId : urn:ms-drs:enterpriseregistration.windows.net
    DeviceManagementSrvVer : 1.0
    DeviceManagementSrvUrl : https://enterpriseregistration.windows.net/manage/07ec9af2-7ce5-4ab7-8638-115736bbf990/
     DeviceManagementSrvId : urn:ms-drs:enterpriseregistration.windows.net
`;

function seedLines(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of SEED_STATUS.split('\n')) {
    const m = /^\s*(\S+) : (.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

const doc = buildDiscoveryDocument({
  tenantId: TENANT_ID,
  tenantName: 'imokatdi.ping-eng.com',
  displayName: 'IMOKATDI',
  federated: true,
  drsHost: 'enterpriseregistration.windows.net',
  loginHost: 'login.microsoftonline.com',
});

describe('buildDiscoveryDocument', () => {
  it('gives the URLs, resource ids and versions the seed dsregcmd /status printed', () => {
    const seed = seedLines();
    expect(Object.keys(seed)).toHaveLength(14);
    const printed = {
      AuthCodeUrl: doc.AuthenticationService.OAuth2.AuthCodeEndpoint,
      AccessTokenUrl: doc.AuthenticationService.OAuth2.TokenEndpoint,
      JoinSrvVersion: doc.DeviceJoinService.ServiceVersion,
      JoinSrvUrl: doc.DeviceJoinService.JoinEndpoint,
      JoinSrvId: doc.DeviceJoinService.JoinResourceId,
      KeySrvVersion: doc.KeyProvisioningService.ServiceVersion,
      KeySrvUrl: doc.KeyProvisioningService.KeyProvisionEndpoint,
      KeySrvId: doc.KeyProvisioningService.KeyProvisionResourceId,
      WebAuthNSrvVersion: doc.WebAuthNService.ServiceVersion,
      WebAuthNSrvUrl: doc.WebAuthNService.WebAuthNEndpoint,
      WebAuthNSrvId: doc.WebAuthNService.WebAuthNResourceId,
      DeviceManagementSrvVer: doc.DeviceManagementService.ServiceVersion,
      DeviceManagementSrvUrl: doc.DeviceManagementService.DeviceManagementEndpoint,
      DeviceManagementSrvId: doc.DeviceManagementService.DeviceManagementResourceId,
    };
    expect(printed).toEqual(seed);
  });

  it('names the tenant and the identity provider type', () => {
    expect(doc.TenantInfo).toEqual({
      DisplayName: 'IMOKATDI',
      TenantId: TENANT_ID,
      TenantName: 'imokatdi.ping-eng.com',
    });
    expect(doc.IdentityProviderService).toEqual({
      Federated: true,
      PassiveAuthEndpoint: `https://login.microsoftonline.com/${TENANT_ID}/wsfed`,
    });
    expect(doc.DiscoveryService.DiscoveryEndpoint).toBe(
      `https://enterpriseregistration.windows.net/${TENANT_ID}/Discover`,
    );
  });
});

describe('readDiscoveryDocument', () => {
  it('accepts the built document after a JSON round trip and keeps only what it checked', () => {
    const r = readDiscoveryDocument(JSON.parse(JSON.stringify(doc)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.DeviceJoinService).toEqual(doc.DeviceJoinService);
    expect(Object.keys(r.value).sort()).toEqual(
      [
        'AuthenticationService',
        'DeviceJoinService',
        'DeviceManagementService',
        'IdentityProviderService',
        'KeyProvisioningService',
        'TenantInfo',
        'WebAuthNService',
      ].sort(),
    );
  });

  it.each([
    ['a proxy page', '<html>Sign in to the proxy</html>', 'the document is not a JSON object'],
    [
      'no join service',
      { ...doc, DeviceJoinService: undefined },
      'DeviceJoinService is not a JSON object',
    ],
    [
      'Federated as a string',
      { ...doc, IdentityProviderService: { Federated: 'true', PassiveAuthEndpoint: 'x' } },
      'IdentityProviderService.Federated is not a boolean',
    ],
    [
      'a numeric version',
      { ...doc, DeviceJoinService: { ...doc.DeviceJoinService, ServiceVersion: 2 } },
      'DeviceJoinService.ServiceVersion is not a string',
    ],
  ])('rejects %s', (_name, body, problem) => {
    expect(readDiscoveryDocument(body)).toEqual({ ok: false, problem });
  });
});
