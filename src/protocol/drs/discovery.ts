/**
 * The DRS discovery document (`GET /<tenant>/Discover?api-version=1.x`): which endpoints and service
 * versions the join client uses.
 * @see himmelblau-idm/aad-join-spec §3.1 (JSON shape); [DSRT] [HBS] [DVRD] [TSC]
 * @see [PING] (dsregcmd /status of a real hybrid join prints
 *   AuthCodeUrl, AccessTokenUrl, JoinSrv*, KeySrv*, WebAuthNSrv*, DeviceManagementSrv* from this document)
 */

export interface DiscoveryDocument {
  DiscoveryService: { DiscoveryEndpoint: string; ServiceVersion: string };
  DeviceRegistrationService: {
    RegistrationEndpoint: string;
    RegistrationResourceId: string;
    ServiceVersion: string;
  };
  AuthenticationService: { OAuth2: { AuthCodeEndpoint: string; TokenEndpoint: string } };
  IdentityProviderService: { Federated: boolean; PassiveAuthEndpoint: string };
  DeviceJoinService: { JoinEndpoint: string; JoinResourceId: string; ServiceVersion: string };
  KeyProvisioningService: {
    KeyProvisionEndpoint: string;
    KeyProvisionResourceId: string;
    ServiceVersion: string;
  };
  WebAuthNService: { ServiceVersion: string; WebAuthNEndpoint: string; WebAuthNResourceId: string };
  DeviceManagementService: {
    DeviceManagementEndpoint: string;
    DeviceManagementResourceId: string;
    ServiceVersion: string;
  };
  PrecreateService: {
    PrecreateEndpoint: string;
    PrecreateResourceId: string;
    ServiceVersion: string;
  };
  TenantInfo: { DisplayName: string; TenantId: string; TenantName: string };
  AzureRbacService: { RbacPolicyEndpoint: string };
  DeviceJoinResourceService: { Endpoint: string; ResourceId: string; ServiceVersion: string };
  NonceService: { Endpoint: string; ResourceId: string; ServiceVersion: string };
}

export interface DiscoveryInput {
  readonly tenantId: string;
  /** `TenantInfo.TenantName`: the verified domain the client asked about. */
  readonly tenantName: string;
  readonly displayName: string;
  /** `IdentityProviderService.Federated`: the domain's authentication is federated. */
  readonly federated: boolean;
  readonly drsHost: string;
  readonly loginHost: string;
}

/**
 * Builds the document. Left out (modeled): `MsaProviderData` and `BPLService`, whose ids
 * (SiteId, BPLProxyServicePrincipalId) the simulated tenant has no value for and no client here reads.
 */
export function buildDiscoveryDocument(input: DiscoveryInput): DiscoveryDocument {
  const reg = `https://${input.drsHost}`;
  const auth = `https://${input.loginHost}/${input.tenantId}`;
  const resourceId = `urn:ms-drs:${input.drsHost}`;
  return {
    // ServiceVersion 1.9 as in [HBS] §3.1 (event 101 in the CSS detection wiki shows 1.7 from an older DRS).
    DiscoveryService: {
      DiscoveryEndpoint: `${reg}/${input.tenantId}/Discover`,
      ServiceVersion: '1.9',
    },
    DeviceRegistrationService: {
      RegistrationEndpoint: `${reg}/EnrollmentServer/DeviceEnrollmentWebService.svc`,
      RegistrationResourceId: resourceId,
      ServiceVersion: '1.0',
    },
    // Seed 004: AuthCodeUrl / AccessTokenUrl.
    AuthenticationService: {
      OAuth2: {
        AuthCodeEndpoint: `${auth}/oauth2/authorize`,
        TokenEndpoint: `${auth}/oauth2/token`,
      },
    },
    IdentityProviderService: { Federated: input.federated, PassiveAuthEndpoint: `${auth}/wsfed` },
    // Seed 004: JoinSrvUrl, JoinSrvId, JoinSrvVersion 2.0.
    DeviceJoinService: {
      JoinEndpoint: `${reg}/EnrollmentServer/device/`,
      JoinResourceId: resourceId,
      ServiceVersion: '2.0',
    },
    // Seed 004: KeySrvUrl, KeySrvId, KeySrvVersion 1.0.
    KeyProvisioningService: {
      KeyProvisionEndpoint: `${reg}/EnrollmentServer/key/`,
      KeyProvisionResourceId: resourceId,
      ServiceVersion: '1.0',
    },
    // Seed 004: WebAuthNSrvUrl, WebAuthNSrvId, WebAuthNSrvVersion 1.0.
    WebAuthNService: {
      ServiceVersion: '1.0',
      WebAuthNEndpoint: `${reg}/webauthn/${input.tenantId}/`,
      WebAuthNResourceId: resourceId,
    },
    // Seed 004: DeviceManagementSrvUrl, DeviceManagementSrvId, DeviceManagementSrvVer 1.0.
    DeviceManagementService: {
      DeviceManagementEndpoint: `${reg}/manage/${input.tenantId}/`,
      DeviceManagementResourceId: resourceId,
      ServiceVersion: '1.0',
    },
    PrecreateService: {
      PrecreateEndpoint: `${reg}/EnrollmentServer/device/precreate/${input.tenantId}/`,
      PrecreateResourceId: resourceId,
      ServiceVersion: '2.0',
    },
    TenantInfo: {
      DisplayName: input.displayName,
      TenantId: input.tenantId,
      TenantName: input.tenantName,
    },
    AzureRbacService: { RbacPolicyEndpoint: 'https://pas.windows.net' },
    DeviceJoinResourceService: {
      Endpoint: `${reg}/EnrollmentServer/device/resource/${input.tenantId}/`,
      ResourceId: resourceId,
      ServiceVersion: '2.0',
    },
    NonceService: {
      Endpoint: `${reg}/EnrollmentServer/nonce/${input.tenantId}/`,
      ResourceId: resourceId,
      ServiceVersion: '1.0',
    },
  };
}

/** What the join client needs from discovery; `readDiscoveryDocument` checks exactly these. */
export type ClientDiscovery = Pick<
  DiscoveryDocument,
  | 'AuthenticationService'
  | 'IdentityProviderService'
  | 'DeviceJoinService'
  | 'KeyProvisioningService'
  | 'WebAuthNService'
  | 'DeviceManagementService'
  | 'TenantInfo'
>;

type Shape = { readonly [key: string]: 'string' | 'boolean' | Shape };

const CLIENT_SHAPE: Shape = {
  AuthenticationService: { OAuth2: { AuthCodeEndpoint: 'string', TokenEndpoint: 'string' } },
  IdentityProviderService: { Federated: 'boolean', PassiveAuthEndpoint: 'string' },
  DeviceJoinService: { JoinEndpoint: 'string', JoinResourceId: 'string', ServiceVersion: 'string' },
  KeyProvisioningService: {
    KeyProvisionEndpoint: 'string',
    KeyProvisionResourceId: 'string',
    ServiceVersion: 'string',
  },
  WebAuthNService: {
    ServiceVersion: 'string',
    WebAuthNEndpoint: 'string',
    WebAuthNResourceId: 'string',
  },
  DeviceManagementService: {
    DeviceManagementEndpoint: 'string',
    DeviceManagementResourceId: 'string',
    ServiceVersion: 'string',
  },
  TenantInfo: { DisplayName: 'string', TenantId: 'string', TenantName: 'string' },
};

/** Copies only the fields the shape names, so the result holds nothing unchecked. */
function pick(
  value: unknown,
  shape: Shape,
  path: string,
): { ok: true; value: unknown } | { ok: false; problem: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problem: `${path || 'the document'} is not a JSON object` };
  }
  const out: Record<string, unknown> = {};
  for (const [key, want] of Object.entries(shape)) {
    const v = (value as Record<string, unknown>)[key];
    const at = path ? `${path}.${key}` : key;
    if (typeof want === 'string') {
      if (typeof v !== want) return { ok: false, problem: `${at} is not a ${want}` };
      out[key] = v;
    } else {
      const r = pick(v, want, at);
      if (!r.ok) return r;
      out[key] = r.value;
    }
  }
  return { ok: true, value: out };
}

/**
 * Reads a parsed discovery response the way a join client must before using it (a proxy's HTML
 * page or a truncated document fails here: [DSRT] [HBS] [DVRD] [TSC] `E_INVALIDDATA`).
 */
export function readDiscoveryDocument(
  body: unknown,
): { ok: true; value: ClientDiscovery } | { ok: false; problem: string } {
  const r = pick(body, CLIENT_SHAPE, '');
  return r.ok ? { ok: true, value: r.value as ClientDiscovery } : r;
}
