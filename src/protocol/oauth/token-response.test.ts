import { describe, expect, it } from 'vitest';
import { buildV1TokenResponse, buildV2TokenResponse, resourceOfScope } from './token-response.ts';
import { buildOpenIdConfigurationV2 } from './openid-configuration.ts';

const T = { accessToken: 'a.b.c', expiresIn: 3600, notBefore: 1752168133, expiresOn: 1752171733 };

describe('token responses', () => {
  it('v1 writes numbers as strings and names the resource', () => {
    expect(buildV1TokenResponse(T, 'urn:ms-drs:enterpriseregistration.windows.net')).toEqual({
      token_type: 'Bearer',
      expires_in: '3600',
      ext_expires_in: '3600',
      expires_on: '1752171733',
      not_before: '1752168133',
      resource: 'urn:ms-drs:enterpriseregistration.windows.net',
      access_token: 'a.b.c',
    });
  });
  it('v2.0 writes numbers as numbers and echoes the scope', () => {
    expect(buildV2TokenResponse(T, 'openid x/.default')).toEqual({
      token_type: 'Bearer',
      scope: 'openid x/.default',
      expires_in: 3600,
      ext_expires_in: 3600,
      access_token: 'a.b.c',
    });
  });
});

describe('resourceOfScope', () => {
  it.each([
    [
      'urn:ms-drs:enterpriseregistration.windows.net/.default',
      'urn:ms-drs:enterpriseregistration.windows.net',
    ],
    ['openid offline_access https://graph.microsoft.com/User.Read', 'https://graph.microsoft.com'],
    ['https://graph.microsoft.com', 'https://graph.microsoft.com'],
    ['01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9/.default', '01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9'],
  ])('%s → %s', (scope, resource) => {
    expect(resourceOfScope(scope)).toBe(resource);
  });
  it.each([['openid profile'], [''], ['https://a.example/x https://b.example/y']])(
    '%j names no single resource',
    (scope) => {
      expect(resourceOfScope(scope)).toBeUndefined();
    },
  );
});

describe('OpenID configuration v2.0', () => {
  it("puts the tenant in every endpoint and the issuer, as Entra's own document does", () => {
    const doc = buildOpenIdConfigurationV2({
      authority: 'https://login.microsoftonline.com',
      segment: 'contoso.com',
      tenantId: '07ec9af2-7ce5-4ab7-8638-115736bbf990',
    });
    expect(doc).toMatchObject({
      token_endpoint:
        'https://login.microsoftonline.com/07ec9af2-7ce5-4ab7-8638-115736bbf990/oauth2/v2.0/token',
      issuer: 'https://login.microsoftonline.com/07ec9af2-7ce5-4ab7-8638-115736bbf990/v2.0',
      jwks_uri:
        'https://login.microsoftonline.com/07ec9af2-7ce5-4ab7-8638-115736bbf990/discovery/v2.0/keys',
      tenant_region_scope: 'WW',
    });
    expect(Object.keys(doc)[0]).toBe('token_endpoint');
  });
});
